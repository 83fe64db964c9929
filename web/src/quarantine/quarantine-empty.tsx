// What an empty quarantine list means: nothing was ever refused, or nothing matches the
// filters (with a way out), or the page asked for is past the end.
import { Button } from '@tremor/react';
import { EmptyState } from '../components/empty-state.tsx';

interface QuarantineEmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function QuarantineEmpty({ filtered, onClearFilters }: QuarantineEmptyProps) {
  if (!filtered) {
    return (
      <EmptyState title="Nothing quarantined — every record passed validation">
        Records that ingest refuses (a missing field, an amount that is not a decimal string, an unknown event type…) appear here with every reason and
        their raw payload, ready to replay.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No record matches the filters">
      <p>Widen the filters or the period (at the top), or clear the filters to see the whole quarantine.</p>
      <Button className="mt-3" size="xs" variant="secondary" onClick={onClearFilters} data-testid="clear-filters">
        Clear filters
      </Button>
    </EmptyState>
  );
}

export function PastTheEnd({ lastPage, onGoTo }: { lastPage: number; onGoTo: (page: number) => void }) {
  return (
    <EmptyState title="This page is past the end of the list">
      <p>Records were replayed or the list got shorter since this page was opened.</p>
      <Button className="mt-3" size="xs" variant="secondary" onClick={() => onGoTo(lastPage)}>
        Go to page {lastPage}
      </Button>
    </EmptyState>
  );
}
