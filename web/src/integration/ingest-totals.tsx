// Three figures across all sources: accepted, rejected (linking to the quarantine) and
// duplicates ingest recognised and did not count twice.
import { Card, Metric, Text } from '@tremor/react';
import { Link } from 'react-router-dom';
import type { IngestTotals as Totals } from './ingest-sources.ts';

export function IngestTotals({ totals, quarantineHref }: { totals: Totals; quarantineHref: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3" data-testid="ingest-totals">
      <Card className="p-4">
        <Text>Accepted</Text>
        <Metric data-testid="total-accepted" data-count={totals.accepted.text}>
          {totals.accepted.label}
        </Metric>
      </Card>
      <Card className="p-4" decoration={totals.rejected.value > 0n ? 'left' : undefined} decorationColor="rose">
        <Text>Rejected</Text>
        <Metric data-testid="total-rejected" data-count={totals.rejected.text}>
          {totals.rejected.value > 0n ? (
            <Link to={quarantineHref} className="hover:underline">
              {totals.rejected.label}
            </Link>
          ) : (
            totals.rejected.label
          )}
        </Metric>
      </Card>
      <Card className="p-4">
        <Text>Duplicates (redeliveries, not counted again)</Text>
        <Metric data-testid="total-duplicates" data-count={totals.duplicates.text}>
          {totals.duplicates.label}
        </Metric>
      </Card>
    </div>
  );
}
