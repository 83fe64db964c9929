// Stale feeds said at the top of the page, so they cannot be missed below the fold.
import { Callout } from '@tremor/react';
import { formatDuration } from '../components/format-duration.ts';
import { STALE_FEED_AFTER_MS } from './feed-staleness.ts';
import type { IngestSource } from './ingest-sources.ts';

export function StaleFeedsNotice({ sources }: { sources: readonly IngestSource[] }) {
  const stale = sources.filter((s) => s.stale);
  if (stale.length === 0) return null;
  return (
    <Callout
      color="rose"
      title={`${stale.length} ${stale.length === 1 ? 'feed has' : 'feeds have'} sent nothing for more than ${formatDuration(STALE_FEED_AFTER_MS)}`}
      data-testid="stale-feeds"
    >
      {stale.map((s) => `${s.sourceLabel} (last seen ${s.lastSeenLabel})`).join(' · ')}
    </Callout>
  );
}
