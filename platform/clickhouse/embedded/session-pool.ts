// A bounded pool of chDB connections to one data path. Each connection runs one statement at a
// time; several connections on the same path run in parallel, so requests take a connection
// from the pool, queue when all are busy, and give it back when their response is done.
// A connection whose state can no longer be tracked (a SET or USE inside the SQL, a failed
// prelude) is closed instead of reused; opening a new one costs well under a millisecond.
import { drainPending, Session } from 'chdb';
import { freshConnectionState, type ConnectionState } from './session-state.ts';

/** One engine connection and what it holds beyond its baseline. */
export interface EngineConnection {
  session: Session;
  state: ConnectionState;
  /** Set when the connection must not serve another request. */
  discard: boolean;
}

/** A connection lent to one request; `release` gives it back (idempotent). */
export interface ConnectionLease {
  readonly connection: EngineConnection;
  /** True for a session_id connection: its state belongs to the client session. */
  readonly pinned: boolean;
  release(): void;
}

export class PoolClosedError extends Error {
  constructor() {
    super('Embedded ClickHouse is shutting down');
    this.name = 'PoolClosedError';
  }
}

export class SessionPool {
  readonly #idle: EngineConnection[] = [];
  readonly #waiters: Array<{ resolve: (c: EngineConnection) => void; reject: (e: Error) => void }> = [];
  #open = 0;
  #closed = false;
  #drained: (() => void) | undefined;

  constructor(
    readonly dataPath: string,
    readonly size: number,
    readonly connectionArgs: readonly string[],
  ) {}

  /** Opens the first connection now, so a locked or unusable data path fails at start. */
  warmUp(): void {
    this.#idle.push(this.openConnection());
    this.#open++;
  }

  /** A new connection on the pool's path, outside the pool's bound (used for session_id). */
  openConnection(): EngineConnection {
    const session = new Session(this.dataPath, { connectionArgs: [...this.connectionArgs] });
    return { session, state: freshConnectionState(), discard: false };
  }

  /** Replaces a lent connection's session with a fresh one (baseline state, nothing left over). */
  renew(connection: EngineConnection): void {
    const fresh = this.openConnection();
    connection.session.close();
    connection.session = fresh.session;
    connection.state = fresh.state;
  }

  acquire(): Promise<ConnectionLease> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(this.#lease(idle));
    if (this.#open < this.size) {
      this.#open++;
      try {
        return Promise.resolve(this.#lease(this.openConnection()));
      } catch (error) {
        this.#open--;
        return Promise.reject(error);
      }
    }
    return new Promise<EngineConnection>((resolve, reject) => this.#waiters.push({ resolve, reject })).then((c) => this.#lease(c));
  }

  #lease(connection: EngineConnection): ConnectionLease {
    let released = false;
    return {
      connection,
      pinned: false,
      release: () => {
        if (released) return;
        released = true;
        this.#giveBack(connection);
      },
    };
  }

  #giveBack(connection: EngineConnection): void {
    if (connection.discard || this.#closed) {
      connection.session.close();
      this.#open--;
      if (!this.#closed && this.#waiters.length > 0) {
        try {
          this.#handOver(this.openConnection());
          this.#open++;
        } catch (error) {
          this.#waiters.shift()?.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      if (this.#closed && this.#open === 0) this.#drained?.();
      return;
    }
    if (this.#waiters.length > 0) this.#handOver(connection);
    else this.#idle.push(connection);
  }

  #handOver(connection: EngineConnection): void {
    this.#waiters.shift()?.resolve(connection);
  }

  /** Refuses new work, waits up to `graceMs` for lent connections, closes all, drains the engine. */
  async close(graceMs = 10_000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new PoolClosedError());
    for (const connection of this.#idle.splice(0)) {
      connection.session.close();
      this.#open--;
    }
    if (this.#open > 0) {
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
        setTimeout(resolve, graceMs).unref();
      });
    }
    await drainPending();
  }
}
