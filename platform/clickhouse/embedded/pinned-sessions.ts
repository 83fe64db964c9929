// Connections kept for a client `session_id`, as a server keeps an HTTP session: temporary
// tables and SET settings survive between its requests, requests in one session run one after
// another, and an idle session closes after its timeout (`session_timeout`, default 60 s).
import { clickHouseException, EndpointException, ErrorCode } from './exception-format.ts';
import { PoolClosedError, type ConnectionLease, type EngineConnection, type SessionPool } from './session-pool.ts';

const defaultTimeoutSeconds = 60;
const maxTimeoutSeconds = 3600;

interface PinnedEntry {
  connection: EngineConnection;
  /** Settles when the last queued request on this session releases it. */
  tail: Promise<void>;
  users: number;
  timeoutMs: number;
  timer: NodeJS.Timeout | undefined;
}

export class PinnedSessions {
  readonly #entries = new Map<string, PinnedEntry>();
  #closed = false;

  constructor(private readonly pool: SessionPool) {}

  /** Waits for the session's previous request, then lends its connection. */
  async acquire(sessionId: string, opts: { timeoutSeconds: number | undefined; mustExist: boolean }): Promise<ConnectionLease> {
    if (this.#closed) throw new PoolClosedError();
    const timeoutMs = sessionTimeoutMs(opts.timeoutSeconds);
    let entry = this.#entries.get(sessionId);
    if (!entry) {
      if (opts.mustExist) {
        throw new EndpointException(clickHouseException(ErrorCode.SESSION_NOT_FOUND, `Session ${sessionId} not found`));
      }
      entry = { connection: this.pool.openConnection(), tail: Promise.resolve(), users: 0, timeoutMs: 0, timer: undefined };
      this.#entries.set(sessionId, entry);
    }
    entry.timeoutMs = timeoutMs;
    entry.users++;
    clearTimeout(entry.timer);
    const previous = entry.tail;
    let done!: () => void;
    entry.tail = new Promise<void>((resolve) => (done = resolve));
    await previous;
    const pinned = entry;
    let released = false;
    return {
      connection: pinned.connection,
      pinned: true,
      release: () => {
        if (released) return;
        released = true;
        pinned.users--;
        if (pinned.connection.discard) this.#drop(sessionId, pinned);
        else if (pinned.users === 0) pinned.timer = setTimeout(() => this.#drop(sessionId, pinned), pinned.timeoutMs).unref();
        done();
      },
    };
  }

  #drop(sessionId: string, entry: PinnedEntry): void {
    if (this.#entries.get(sessionId) !== entry) return;
    clearTimeout(entry.timer);
    this.#entries.delete(sessionId);
    // A request still queued on this entry keeps using the connection; close it after them.
    void entry.tail.then(() => entry.connection.session.close());
  }

  /** Closes every session once its current requests finish. */
  close(): void {
    this.#closed = true;
    for (const [sessionId, entry] of [...this.#entries]) this.#drop(sessionId, entry);
  }
}

function sessionTimeoutMs(seconds: number | undefined): number {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return defaultTimeoutSeconds * 1000;
  if (seconds > maxTimeoutSeconds) {
    throw new EndpointException(
      clickHouseException(ErrorCode.BAD_ARGUMENTS, `Session timeout ${seconds} is greater than ${maxTimeoutSeconds}`),
    );
  }
  return seconds * 1000;
}
