// One supervised child process: a TypeScript entry point run under tsx, whose output is
// passed through, whose `listening` line is awaited, and which is restarted (with backoff)
// if it dies while the supervisor is not stopping.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../platform/logging/logger.ts';

const exitWithParent = fileURLToPath(new URL('../../platform/process/exit-with-parent.ts', import.meta.url));

export interface ChildSpec {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Wait for a `{"event":"listening"}` line before start() resolves. */
  announces: boolean;
  restart: boolean;
}

export type Announcement = Record<string, string>;

export class SupervisedChild {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;

  constructor(
    private readonly spec: ChildSpec,
    private readonly log: Logger,
  ) {}

  /** The running child's process id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the child; resolves with its announcement (or {} if it does not announce). */
  start(): Promise<Announcement> {
    return new Promise((resolve, reject) => {
      // Own process group: a terminal's Ctrl-C reaches only the supervisor, which stops the
      // children in order. The IPC channel lets a child notice when the supervisor is gone.
      const child = spawn(process.execPath, ['--import', 'tsx', '--import', exitWithParent, this.spec.entry], {
        env: this.spec.env,
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        detached: true,
      });
      this.child = child;
      let announced = !this.spec.announces;
      if (announced) resolve({});
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!announced && line.startsWith('{"event":"listening"')) {
          announced = true;
          resolve(JSON.parse(line) as Announcement);
          return;
        }
        process.stdout.write(`${line}\n`);
      });
      child.once('exit', (code, signal) => {
        if (!announced) reject(new Error(`${this.spec.name} exited before it was ready (code ${code ?? signal})`));
        else if (!this.stopping) this.onUnexpectedExit(code, signal);
      });
    });
  }

  private onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.spec.restart) {
      this.log.error({ child: this.spec.name, code, signal }, 'child exited');
      return;
    }
    const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
    this.log.error({ child: this.spec.name, code, signal, restartInMs: delay }, 'child exited unexpectedly; restarting');
    setTimeout(() => {
      if (!this.stopping) this.start().then(() => (this.restarts = 0), (e: Error) => this.log.error({ err: e.message }, 'restart failed'));
    }, delay);
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
