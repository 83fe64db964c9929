// Close risk per entity, riskiest first: the score, a bar split into each component's
// contribution (each segment links to the list behind it), the deadline in the entity's terms,
// and a legend. The entity name links to its page.
import { Link } from 'react-router-dom';
import { entityPath } from '../entities/entity-path.ts';
import type { RankedEntity } from './close-risk-ranking.ts';

const levelClass = {
  high: 'bg-rose-100 text-rose-800 dark:bg-rose-900/60 dark:text-rose-200',
  medium: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
  low: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
};

export function CloseRiskList({ entities, search }: { entities: readonly RankedEntity[]; search: string }) {
  const legend = new Map<string, { label: string; colorClass: string }>();
  for (const e of entities) for (const s of e.segments) legend.set(s.component, { label: s.label, colorClass: s.colorClass });
  return (
    <div>
      <ol className="mt-4 space-y-3" aria-label="Entities by close risk">
        {entities.map((e) => (
          <li key={e.entity} data-testid="close-risk-row" data-entity={e.entity} data-score={e.score} className="grid grid-cols-[minmax(11rem,16rem)_3.5rem_1fr] items-center gap-x-4 gap-y-1">
            <div className="min-w-0">
              <Link to={{ pathname: entityPath(e.entity), search }} className="font-medium text-tremor-brand hover:underline dark:text-dark-tremor-brand" data-testid="close-risk-entity-link">
                {e.entity}
              </Link>
              <span className="ml-2 truncate text-tremor-label text-tremor-content dark:text-dark-tremor-content">{e.name !== e.entity ? e.name : ''}</span>
              <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{e.deadlineLabel}</p>
            </div>
            <div className="text-right">
              <span className={`inline-block rounded-tremor-small px-2 py-0.5 text-tremor-default font-semibold tabular-nums ${levelClass[e.level]}`} title={`${e.level} risk`} data-testid="close-risk-score">
                {e.scoreLabel}
              </span>
            </div>
            <div>
              <div className="flex h-5 w-full overflow-hidden rounded-tremor-small bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle" role="img" aria-label={`Score ${e.scoreLabel} of 100: ${e.segments.map((s) => `${s.label} ${s.contribution}`).join(', ') || 'nothing at risk'}`}>
                {e.segments.map((s) => (
                  <span key={s.component} className={`${s.colorClass} h-full`} style={{ width: `${s.widthPct}%` }} title={`${s.label}: ${s.contribution} points — ${s.detail}`} />
                ))}
              </div>
              <ul className="mt-1 flex flex-wrap gap-x-4 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                {e.segments.map((s) => (
                  <li key={s.component} data-testid="close-risk-component" data-component={s.component} data-contribution={s.contribution}>
                    <span className={`mr-1 inline-block h-2 w-2 rounded-full ${s.colorClass}`} />
                    {s.href ? (
                      <Link to={s.href} className="hover:underline">
                        {s.label}
                      </Link>
                    ) : (
                      s.label
                    )}{' '}
                    <span className="tabular-nums">+{s.contribution}</span>
                    {s.moneyLabel && <span className="tabular-nums"> · {s.moneyLabel}</span>}
                    {s.documents > 0 && <span className="tabular-nums"> · {s.documents}</span>}
                  </li>
                ))}
                {e.missingRates.length > 0 && <li className="text-amber-700 dark:text-amber-300">missing FX rates: {e.missingRates.join(', ')}</li>}
              </ul>
            </div>
          </li>
        ))}
      </ol>
      {legend.size > 0 && (
        <p className="mt-4 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          Score 0–100; each coloured segment is one component’s points:{' '}
          {[...legend.values()].map((l) => (
            <span key={l.label} className="mr-3 whitespace-nowrap">
              <span className={`mr-1 inline-block h-2 w-2 rounded-full ${l.colorClass}`} />
              {l.label}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
