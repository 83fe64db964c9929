// Build and dev server for the dashboard (web/ → dist/web). In dev, /trpc is proxied to
// the API server so the browser talks to one origin, exactly as in production.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.SERVER_PORT ?? 3000}`;

// Tremor and its date helpers ship without "sideEffects": false, so without this the whole
// library (charts included) lands in the bundle even when a page uses only Card and Text.
const sideEffectFreePackages = /[\\/]node_modules[\\/](@tremor|react-day-picker|date-fns)[\\/]/;

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  // PostCSS (Tailwind) config lives at the repo root, not in web/.
  css: { postcss: repoRoot },
  server: {
    proxy: { '/trpc': { target: apiTarget, changeOrigin: true } },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: [{ test: sideEffectFreePackages, sideEffects: false }],
      },
    },
  },
});
