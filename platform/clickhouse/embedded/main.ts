// Process entry point for embedded ClickHouse, started by the supervisor when CLICKHOUSE_URL is
// unset (`npx tsx platform/clickhouse/embedded/main.ts`); see serve-process.ts for what it
// prints and how it stops.
//
// Engine queries run on Node's libuv thread pool, which has 4 threads unless
// UV_THREADPOOL_SIZE is set before Node starts (setting it from code is too late). Four would
// cap the connection pool's parallelism and let long queries starve request decompression,
// so without the variable this entry starts itself once more with it set and passes signals
// and the exit code through. Nothing heavy is imported until that decision is made.
import { spawn } from 'node:child_process';
import { applyEngineNice, engineNice } from './engine-priority.ts';

// Before the engine's threads exist, so they all inherit it (see engine-priority.ts).
try {
  applyEngineNice(engineNice(process.env.EMBEDDED_CLICKHOUSE_NICE));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

/** Engine connections (6) plus room for zlib and file work. */
const threadPoolSize = '10';

if (process.env.UV_THREADPOOL_SIZE) {
  const { runEmbeddedClickHouseProcess } = await import('./serve-process.ts');
  runEmbeddedClickHouseProcess();
} else {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: threadPoolSize },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
}
