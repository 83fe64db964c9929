// A deterministic corpus of hostile POST /v1/events requests, each with the answer ingest must
// give. The same seed always yields the same bodies. Record-level cases are rotated through
// the three body kinds (single event, batch between two valid events, NDJSON after a valid
// line), so every kind meets every kind of hostility.
import { CorpusBuilder, type HostileInput } from './hostile-corpus/corpus-builder.ts';
import { emptyBodies, ndjsonLines, gzipBodies, mediaTypes, refusedKeys, amplification } from './hostile-corpus/body-categories.ts';
import { validEdges, brokenJson, invalidUtf8, wrongTypes, hugeInputs, deepNesting, badAmounts, badCurrencies, impossibleDates, unicodeEdges, reservedKeys, duplicateKeys, wrongShapes } from './hostile-corpus/record-categories.ts';

export type { Expected, HostileInput } from './hostile-corpus/corpus-builder.ts';

/** The whole corpus for a seed: every category below, in order. */
export function hostileCorpus(options: { seed: number; maxBodyBytes: number }): HostileInput[] {
  const c = new CorpusBuilder(options.seed, options.maxBodyBytes);
  const categories = [validEdges, brokenJson, invalidUtf8, wrongTypes, hugeInputs, deepNesting, badAmounts, badCurrencies, impossibleDates];
  const more = [unicodeEdges, reservedKeys, duplicateKeys, wrongShapes, emptyBodies, ndjsonLines, gzipBodies, mediaTypes, refusedKeys, amplification];
  for (const generate of [...categories, ...more]) generate(c);
  return c.inputs;
}
