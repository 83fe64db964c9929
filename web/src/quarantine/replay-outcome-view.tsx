// One replay's result for one record: replayed, or why not — with the new reasons if the
// corrected record is still invalid. (Not Tremor's Callout: that wraps children in a <p>,
// and the reasons are a list.)
import { ReasonList } from './reason-list.tsx';
import type { ReplayOutcome } from './replay-outcome.ts';

const tones: Record<ReplayOutcome['tone'], string> = {
  emerald: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200',
  rose: 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-200',
  amber: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200',
};

interface ReplayOutcomeViewProps {
  outcome: ReplayOutcome;
  /** A name for the record, in a list of several. */
  label?: string;
  /** False where the record's reasons are already on screen. */
  showReasons?: boolean;
}

export function ReplayOutcomeView({ outcome, label, showReasons = true }: ReplayOutcomeViewProps) {
  return (
    <div role="status" className={`rounded-tremor-default border px-4 py-3 ${tones[outcome.tone]}`} data-testid="replay-outcome" data-outcome={outcome.kind} data-quarantine-id={outcome.quarantineId}>
      <p className="text-tremor-default font-medium">
        {label && <span className="mr-2 font-mono font-normal">{label}</span>}
        {outcome.title}
      </p>
      {showReasons && outcome.reasons.length > 0 && (
        <div className="mt-2">
          <ReasonList reasons={outcome.reasons} />
        </div>
      )}
    </div>
  );
}
