// The global filters in the header: entity, currency and period, read from and written to the
// URL. Filters the current page does not use are dimmed and say so, rather than hidden, so a
// shared link's filters stay visible.
import { useLocation } from 'react-router-dom';
import { cleanCurrency, cleanEntity, type GlobalFilterName } from '../url-state/global-filters.ts';
import { parsePeriod, periodChoices, periodLabel, periodParams, periodValue } from '../url-state/period.ts';
import { useGlobalFilters } from '../url-state/use-global-filters.ts';
import { FilterTextInput } from '../components/filter-text-input.tsx';
import { navItemFor } from './nav-items.ts';

// A filter change can leave the page number (or server offset) past the end, and an open
// record out of the list.
const resetOnChange = ['page', 'open', 'offset'] as const;

const selectClass =
  'rounded-tremor-small border-tremor-border bg-tremor-background py-1 pl-2 pr-8 text-tremor-default text-tremor-content-emphasis focus:border-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis';

export function GlobalFilterBar() {
  const filters = useGlobalFilters();
  const { pathname } = useLocation();
  const used = navItemFor(pathname)?.filters ?? [];
  const scope = (name: GlobalFilterName) => (used.includes(name) ? {} : { dimmed: true, hint: 'Not used by this page' });
  const anySet = filters.entity !== undefined || filters.currency !== undefined || filters.period.kind !== 'all';
  const choices = periodChoices(Date.now());
  const current = periodValue(filters.period);
  if (filters.period.kind !== 'all' && !choices.some((choice) => choice.value === current)) {
    choices.push({ value: current, label: periodLabel(filters.period) });
  }

  return (
    <div className="border-t border-tremor-border bg-tremor-background-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background-muted">
      <form
        aria-label="Global filters"
        onSubmit={(event) => event.preventDefault()}
        className="mx-auto flex max-w-7xl 2xl:max-w-screen-2xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2 sm:px-6"
        data-testid="global-filters"
      >
        <FilterTextInput label="Entity" name="entity" value={filters.entity} placeholder="all" clean={cleanEntity} onCommit={(entity) => filters.set({ entity }, { reset: resetOnChange })} widthClass="w-24" {...scope('entity')} />
        <FilterTextInput label="Currency" name="currency" value={filters.currency} placeholder="all" clean={cleanCurrency} onCommit={(currency) => filters.set({ currency }, { reset: resetOnChange })} widthClass="w-20" {...scope('currency')} />
        <label className={`flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content ${used.includes('period') ? '' : 'opacity-50'}`} title={used.includes('period') ? undefined : 'Not used by this page'}>
          Period
          <select
            name="period"
            className={selectClass}
            value={current}
            onChange={(event) => filters.set(periodParams(parsePeriod({ period: event.target.value })), { reset: resetOnChange })}
            data-testid="filter-period"
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value} disabled={choice.value === 'range'}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {anySet && (
          <button
            type="button"
            className="rounded-tremor-small px-2 py-1 text-tremor-default text-tremor-brand hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:text-dark-tremor-brand"
            onClick={() => filters.set({ entity: undefined, currency: undefined, ...periodParams({ kind: 'all' }) }, { reset: resetOnChange })}
          >
            Clear filters
          </button>
        )}
      </form>
    </div>
  );
}
