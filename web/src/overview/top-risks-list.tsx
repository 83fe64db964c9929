// The largest amounts at risk for this close across entities and components, in the
// reporting currency; each links to the list behind it.
import { Link } from 'react-router-dom';
import type { TopRisk } from './close-risk-ranking.ts';

export function TopRisksList({ risks }: { risks: readonly TopRisk[] }) {
  if (risks.length === 0) return <p className="mt-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">No money at risk for this close.</p>;
  return (
    <ol className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border" aria-label="Top risks in money">
      {risks.map((risk) => (
        <li key={risk.key} className="flex items-baseline justify-between gap-3 py-2 text-tremor-default" data-testid="top-risk" data-money={risk.money}>
          <span className="min-w-0 truncate text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis" title={`${risk.entity} · ${risk.label} (${risk.documents})`}>
            <span className="font-medium">{risk.entity}</span> · {risk.label} <span className="text-tremor-content dark:text-dark-tremor-content">({risk.documents})</span>
          </span>
          {risk.href ? (
            <Link to={risk.href} className="whitespace-nowrap font-semibold tabular-nums text-tremor-brand hover:underline dark:text-dark-tremor-brand">
              {risk.moneyLabel}
            </Link>
          ) : (
            <span className="whitespace-nowrap font-semibold tabular-nums">{risk.moneyLabel}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
