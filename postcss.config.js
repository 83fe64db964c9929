// PostCSS pipeline for the dashboard's CSS: Tailwind (config found next to this file, not
// relative to the working directory) then vendor prefixes.
import { fileURLToPath } from 'node:url';

export default {
  plugins: {
    tailwindcss: { config: fileURLToPath(new URL('./tailwind.config.ts', import.meta.url)) },
    autoprefixer: {},
  },
};
