// A place in the spool: segment number and byte offset within it.

export interface SpoolPosition {
  segment: number;
  offset: number;
}

export function comparePositions(a: SpoolPosition, b: SpoolPosition): number {
  return a.segment - b.segment || a.offset - b.offset;
}

export const segmentName = (segment: number) => `segment-${String(segment).padStart(10, '0')}.log`;

export function segmentNumber(file: string): number | undefined {
  const m = /^segment-(\d{10})\.log$/.exec(file);
  return m ? Number(m[1]) : undefined;
}
