// Every reason a record was refused: the field path and what is wrong with it.
import type { Reason } from './quarantine-record.ts';

export function ReasonList({ reasons, testId }: { reasons: readonly Reason[]; testId?: string }) {
  if (reasons.length === 0) return <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">No reason was recorded.</p>;
  return (
    <ul className="space-y-1.5" data-testid={testId}>
      {reasons.map((reason, i) => (
        <li key={`${reason.path}-${i}`} className="rounded-tremor-small bg-rose-50 px-3 py-2 dark:bg-rose-950/40" data-testid="reason" data-path={reason.path}>
          <code className="font-mono text-tremor-default font-semibold text-rose-800 dark:text-rose-300">{reason.path}</code>
          <span className="ml-2 text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{reason.message}</span>
        </li>
      ))}
    </ul>
  );
}
