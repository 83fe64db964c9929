// Filters over the quarantine list — channel, status, source, error path — kept in the URL.
// Sources and error paths seen in the summary are offered as suggestions.
import { FilterTextInput } from '../components/filter-text-input.tsx';
import { channels, hasListFilters, statuses, type QuarantineView } from './quarantine-filters.ts';
import type { ListFilterPatch } from './use-quarantine-view.ts';

const statusLabels: Record<(typeof statuses)[number], string> = { quarantined: 'Quarantined', replay_failed: 'Replay failed', replayed: 'Replayed' };

const selectClass =
  'rounded-tremor-small border-tremor-border bg-tremor-background py-1 pl-2 pr-8 text-tremor-default text-tremor-content-emphasis focus:border-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis';
const labelClass = 'flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content';

interface QuarantineFilterBarProps {
  view: QuarantineView;
  sources: readonly string[];
  errorPaths: readonly string[];
  onChange: (patch: ListFilterPatch) => void;
  onClear: () => void;
}

export function QuarantineFilterBar({ view, sources, errorPaths, onChange, onClear }: QuarantineFilterBarProps) {
  return (
    <form aria-label="Quarantine filters" onSubmit={(event) => event.preventDefault()} className="flex flex-wrap items-center gap-x-5 gap-y-3 px-3 py-3" data-testid="quarantine-filters">
      <label className={labelClass}>
        Channel
        <select className={selectClass} value={view.channel ?? ''} onChange={(event) => onChange({ channel: event.target.value })} data-testid="filter-channel">
          <option value="">All</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {channel}
            </option>
          ))}
        </select>
      </label>
      <label className={labelClass}>
        Status
        <select className={selectClass} value={view.status ?? ''} onChange={(event) => onChange({ status: event.target.value })} data-testid="filter-status">
          <option value="">All</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </select>
      </label>
      <FilterTextInput label="Source" name="source" value={view.source} placeholder="any source" suggestions={sources} onCommit={(source) => onChange({ source })} widthClass="w-48" />
      <FilterTextInput label="Error path" name="errorPath" value={view.errorPath} placeholder="e.g. data.amount" suggestions={errorPaths} onCommit={(errorPath) => onChange({ errorPath })} widthClass="w-40" />
      {hasListFilters(view) && (
        <button type="button" onClick={onClear} className="rounded-tremor-small px-2 py-1 text-tremor-default text-tremor-brand hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:text-dark-tremor-brand">
          Clear list filters
        </button>
      )}
    </form>
  );
}
