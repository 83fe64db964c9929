// A metric's totals, one tile per currency: the amount, and how many items make it up.
import { formatMaybeMoney, formatMoney } from '../money/format-money.ts';
import type { ReportingTotal } from './metric-view.ts';
import type { MoneyTotal } from './money-totals.ts';

const tile = 'rounded-tremor-default border border-tremor-border bg-tremor-background p-4 shadow-tremor-card dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-card';

export function MoneyTotalsStrip({ totals, noun, reporting }: { totals: readonly MoneyTotal[]; noun: { one: string; many: string }; reporting?: ReportingTotal | null }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 2xl:grid-cols-6" aria-label="Totals per currency" data-testid="metric-totals">
      {reporting && totals.length > 1 && (
        <li className={`${tile} border-tremor-brand-muted dark:border-dark-tremor-brand-muted`} data-testid="metric-reporting-total" data-amount={reporting.total ?? ''} data-currency={reporting.currency}>
          <p className="text-tremor-label font-medium text-tremor-content dark:text-dark-tremor-content">All currencies, in {reporting.currency}</p>
          <p className="mt-1 truncate text-xl font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {reporting.total === null ? `≥ ${formatMoney(reporting.totalKnown, reporting.currency)}` : formatMaybeMoney(reporting.total, reporting.currency)}
          </p>
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            {reporting.missingRates.length === 0 ? 'at each row’s FX rate' : `rates missing: ${reporting.missingRates.map((m) => `${m.currency} ${m.date}`).slice(0, 3).join(', ')}`}
          </p>
        </li>
      )}
      {totals.map((total) => (
        <li
          key={total.currency}
          data-testid="metric-total"
          data-currency={total.currency}
          data-amount={total.amount}
          data-count={total.count}
          className={tile}
        >
          <p className="text-tremor-label font-medium text-tremor-content dark:text-dark-tremor-content">{total.currency}</p>
          <p className="mt-1 truncate text-xl font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong" title={total.amountLabel}>{total.amountLabel}</p>
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            {total.countLabel} {total.count === '1' ? noun.one : noun.many}
          </p>
        </li>
      ))}
    </ul>
  );
}
