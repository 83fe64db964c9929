// Development helper for the dashboard benchmarks and screenshots: starts the product with
// simulator data (as `npm start` does, on free ports) and prints its URL; SIGTERM stops it.
import { startProduct } from '../../test/support/product.ts';

const product = await startProduct({ demo: true });
console.log(`URL ${product.dashboardUrl}`);
process.on('SIGTERM', () => {
  void product.stop().then(() => process.exit(0));
});
setInterval(() => undefined, 1 << 30);
