// Ingest as a real child process (`node --import tsx ingest/main.ts`), so a fault test can
// SIGKILL it mid-stream and start it again on the same data directory and port. With
// FAULT_LOG_LEVEL set, the child's log lines are copied to this process's stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface IngestChild {
  url: string;
  process: ChildProcess;
  /** Resolves with the exit signal (or code) once the process is gone. */
  exited: Promise<string>;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<string>;
}

/** Spawns ingest with `env` on top of this process's environment; resolves once it listens. */
export async function spawnIngest(env: Record<string, string>, timeoutMs = 30_000): Promise<IngestChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/main.ts'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  if (process.env.FAULT_LOG_LEVEL) child.stdout!.on('data', (c: Buffer) => process.stderr.write(`[child ${child.pid}] ${c}`));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ingest did not start in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    void exited.then((how) => reject(new Error(`ingest exited (${how}) before listening:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = parseJson(line);
      if (message?.event === 'listening' && typeof message.url === 'string') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
  });
  return {
    url,
    process: child,
    exited,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
