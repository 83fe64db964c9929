// Links between the metric lists, keeping the filters, with the current one marked.
import { NavLink, useSearchParams } from 'react-router-dom';
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { metricCatalog, metricIds, metricPath } from './metric-catalog.ts';

export function MetricTabs() {
  const [params] = useSearchParams();
  const search = searchWith(params, [...globalFilterKeys, 'counterparty']);
  return (
    <nav aria-label="Metrics" className="mb-4 flex flex-wrap gap-2">
      {metricIds.map((id) => (
        <NavLink
          key={id}
          to={{ pathname: metricPath(id), search }}
          className={({ isActive }) =>
            `rounded-tremor-full border px-3 py-1 text-tremor-default ${
              isActive
                ? 'border-tremor-brand bg-tremor-brand-faint text-tremor-brand-emphasis dark:border-dark-tremor-brand dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
                : 'border-tremor-border text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
            }`
          }
        >
          {metricCatalog[id].title}
        </NavLink>
      ))}
    </nav>
  );
}
