// Maps a whole integration.ingestHealth answer to the page: the window in words, the sources
// with their totals, and the instances — as of `nowMs`, for staleness and ages.
import type { ApiOutputs } from '../lib/trpc.ts';
import { toIngestInstance, type IngestInstance } from './ingest-instances.ts';
import { ingestTotals, toIngestSources, type IngestSource, type IngestTotals } from './ingest-sources.ts';
import { formatIngestWindow } from './ingest-window.ts';

export interface IngestHealthView {
  windowLabel: string;
  sources: IngestSource[];
  totals: IngestTotals;
  instances: IngestInstance[];
}

export function toIngestHealthView(data: ApiOutputs['integration']['ingestHealth'], nowMs: number, locale?: string): IngestHealthView {
  const sources = toIngestSources(data.sources, nowMs, locale);
  return {
    windowLabel: formatIngestWindow(data.window),
    sources,
    totals: ingestTotals(sources, locale),
    instances: data.instances.map((row) => toIngestInstance(row, nowMs)),
  };
}
