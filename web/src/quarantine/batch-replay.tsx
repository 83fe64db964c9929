// Acting on many records: the selection count with "Replay selected", and the last batch's
// result per record.
import { Button } from '@tremor/react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { tallyOutcomes } from './replay-outcome.ts';
import { ReplayOutcomeView } from './replay-outcome-view.tsx';
import type { ReplayRun } from './use-replay.ts';

interface BatchBarProps {
  selectedCount: number;
  busy: boolean;
  onReplaySelected: () => void;
  onClearSelection: () => void;
}

export function BatchBar({ selectedCount, busy, onReplaySelected, onClearSelection }: BatchBarProps) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-y border-tremor-border bg-tremor-background-muted px-3 py-2 dark:border-dark-tremor-border dark:bg-dark-tremor-background-muted" data-testid="batch-bar">
      <span className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
        {selectedCount === 0 ? 'Select records (checkbox or Space on a row) to replay several at once.' : `${selectedCount} selected`}
      </span>
      {selectedCount > 0 && (
        <>
          <Button size="xs" onClick={onReplaySelected} loading={busy} disabled={busy} data-testid="replay-selected">
            Replay selected
          </Button>
          <Button size="xs" variant="light" onClick={onClearSelection} disabled={busy}>
            Clear selection
          </Button>
        </>
      )}
    </div>
  );
}

interface BatchResultsProps {
  run: ReplayRun;
  /** A readable name for a record (its event id when known). */
  labelFor: (quarantineId: string) => string;
  onRetry: () => void;
  onDismiss: () => void;
}

export function BatchResults({ run, labelFor, onRetry, onDismiss }: BatchResultsProps) {
  if (run.state === 'pending') {
    return (
      <p role="status" className="px-3 py-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Replaying {run.ids.length} records…
      </p>
    );
  }
  if (run.state === 'failed') {
    return (
      <div className="px-3 py-3">
        <ErrorNotice title={`Could not replay the ${run.ids.length} selected records`} error={run.error} actionLabel="Try again" onAction={onRetry} />
      </div>
    );
  }
  return (
    <section className="space-y-2 px-3 py-3" aria-label="Replay results" data-testid="batch-results">
      <div className="flex items-baseline justify-between gap-3">
        <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Replayed {run.ids.length} {run.ids.length === 1 ? 'record' : 'records'}: {tallyOutcomes(run.outcomes)}
        </p>
        <Button size="xs" variant="light" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <div className="max-h-80 space-y-2 overflow-y-auto">
        {run.outcomes.map((outcome) => (
          <ReplayOutcomeView key={outcome.quarantineId} outcome={outcome} label={labelFor(outcome.quarantineId)} />
        ))}
      </div>
    </section>
  );
}
