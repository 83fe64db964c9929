// What the player has done so far, as logged in its progress lines. `malformed` counts the
// broken records it sent on purpose: ingest's `rejected` should equal it.

export interface PlayStats {
  phase: 'backfill' | 'live' | 'stopped';
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Records whose request ingest refused outright (not judged one by one). */
  refused: number;
  malformed: number;
  /** Deliberate redeliveries sent; ingest's `duplicates` should be at least this. */
  redelivered: number;
  spansSent: number;
  /** Delivery time of the last record sent (ISO). */
  simulatedTime: string | null;
}

export function emptyStats(): PlayStats {
  return { phase: 'backfill', sent: 0, accepted: 0, duplicates: 0, rejected: 0, refused: 0, malformed: 0, redelivered: 0, spansSent: 0, simulatedTime: null };
}
