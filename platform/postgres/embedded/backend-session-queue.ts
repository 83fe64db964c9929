// Schedules wire-protocol messages from many client connections onto PGlite's single backend.
//
// pglite-socket's own queue (0.2.x) interleaves messages from different connections outside
// an explicit transaction, so one connection's Parse can replace another's unnamed statement
// between that one's Parse and Bind (electric-sql/pglite#1046): a wrong statement runs, or a
// "bind message supplies 1 parameters" error. It also stalls for good after one internal throw.
//
// Here a connection owns the backend from its first message until the backend answers
// ReadyForQuery with status idle: a whole extended-protocol batch, a COPY, or an explicit
// transaction runs without other connections' messages in between. Others wait their turn.
import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const TERMINATE = 0x58; // 'X': PGlite ignores it; the socket closes right after
const READY_FOR_QUERY = [0x5a, 0, 0, 0, 5]; // 'Z', length 5, then the transaction status
const STATUS_IDLE = 0x49; // 'I' (others: 'T' in a transaction, 'E' in a failed one)
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const ROLLBACK = simpleQuery('ROLLBACK');

/** Implements the queue interface that pglite-socket's PGLiteSocketHandler calls. */
export class BackendSessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private readonly releases: Array<{ handlerId: number; done: () => void }> = [];
  private owner: number | null = null;
  /** False while the backend is inside an exchange (after Parse/Bind, during COPY) before ReadyForQuery. */
  private backendAtReady = true;
  private draining = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const item = this.queue[i]!;
      if (item.handlerId !== handlerId) continue;
      this.queue.splice(i, 1);
      item.reject(new Error('Connection closed'));
    }
  }

  /** Called when a connection goes away: ends its exchange and rolls back its transaction if it owns the backend. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    return new Promise((done) => {
      this.releases.push({ handlerId, done });
      void this.drain();
    });
  }

  /** One loop at a time; releases run between messages, never during one. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const release = this.releases.shift();
        if (release) {
          await this.release(release.handlerId).catch(() => undefined);
          release.done();
          continue;
        }
        const next = this.takeNext();
        if (!next) break;
        await this.run(next);
      }
    } finally {
      this.draining = false;
    }
  }

  private takeNext(): QueuedMessage | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === this.owner);
    return index >= 0 && index < this.queue.length ? this.queue.splice(index, 1)[0] : undefined;
  }

  private async run(item: QueuedMessage): Promise<void> {
    let bytes = 0;
    let tail: Uint8Array = new Uint8Array(0);
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (chunk) => {
            bytes += chunk.length;
            tail = lastBytes(tail, chunk, READY_FOR_QUERY.length + 1);
            item.onData(chunk);
          },
        }),
      );
    } catch (error) {
      // Unknown backend state: keep the owner until its connection is dropped and released.
      this.owner = item.handlerId;
      this.backendAtReady = false;
      item.reject(error);
      return;
    }
    if (item.message[0] !== TERMINATE) this.settleOwner(item.handlerId, tail);
    item.resolve(bytes);
  }

  private settleOwner(handlerId: number, tail: Uint8Array): void {
    const ready = tail.length === READY_FOR_QUERY.length + 1 && READY_FOR_QUERY.every((b, i) => tail[i] === b);
    this.backendAtReady = ready;
    this.owner = ready && tail[READY_FOR_QUERY.length] === STATUS_IDLE ? null : handlerId;
  }

  private async release(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    try {
      await this.db.runExclusive(async () => {
        // The stream variant with its own sink: PGlite's execProtocolRaw would reuse the last
        // stream's callback and write these replies to a client socket.
        if (!this.backendAtReady) await this.db.execProtocolRawStream(SYNC, { onRawData: discard });
        if (this.db.isInTransaction()) await this.db.execProtocolRawStream(ROLLBACK, { onRawData: discard });
      });
    } finally {
      this.owner = null;
      this.backendAtReady = true;
    }
  }
}

function discard(): void {}

/** The last `n` bytes of `previous` followed by `chunk` (a copy: chunks are views on WASM memory). */
function lastBytes(previous: Uint8Array, chunk: Uint8Array, n: number): Uint8Array {
  if (chunk.length >= n) return chunk.slice(chunk.length - n);
  const joined = new Uint8Array(Math.min(n, previous.length + chunk.length));
  const fromPrevious = joined.length - chunk.length;
  joined.set(previous.subarray(previous.length - fromPrevious), 0);
  joined.set(chunk, fromPrevious);
  return joined;
}

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const message = Buffer.alloc(5 + body.length);
  message[0] = 0x51; // 'Q'
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}
