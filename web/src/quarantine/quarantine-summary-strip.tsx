// Above the list: which sources send the most refused records, and their commonest first
// reasons. A source or a reason is a button that filters the list to it.
import { Card, Text, Title } from '@tremor/react';
import type { SourceSummary } from './quarantine-summary.ts';
import type { ListFilterPatch } from './use-quarantine-view.ts';

const chip =
  'inline-flex max-w-full items-center gap-1.5 rounded-tremor-full bg-tremor-background-subtle px-2 py-0.5 text-tremor-label text-tremor-content-emphasis hover:bg-tremor-brand-faint focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-brand-faint';

export function QuarantineSummaryStrip({ sources, onFilter }: { sources: readonly SourceSummary[]; onFilter: (patch: ListFilterPatch) => void }) {
  return (
    <Card className="mb-6 p-4" data-testid="quarantine-summary">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title>Top sources of refused records</Title>
        <Text>by first reason · click to filter</Text>
      </div>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
        {sources.map((s) => (
          <li key={s.source} className="min-w-0 rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border" data-testid="summary-source" data-source={s.source} data-records={s.records}>
            <button
              type="button"
              disabled={s.source === ''}
              title={s.source === '' ? 'Records whose source could not be read cannot be filtered by source' : `Show records from ${s.source}`}
              onClick={() => onFilter({ source: s.source, errorPath: undefined })}
              className="flex w-full items-baseline justify-between gap-2 rounded-tremor-small text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand disabled:cursor-default"
            >
              <span className="truncate text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{s.sourceLabel}</span>
              <span className="text-tremor-default font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{s.recordsLabel}</span>
            </button>
            <div className="mt-2 flex flex-wrap gap-1.5">
              {s.paths.map((p) => (
                <button
                  key={p.path}
                  type="button"
                  className={chip}
                  title={`Show records with an error at ${p.path}${s.source ? ` from ${s.source}` : ''}`}
                  onClick={() => onFilter({ source: s.source || undefined, errorPath: p.path })}
                >
                  <code className="truncate font-mono">{p.path}</code>
                  <span className="tabular-nums text-tremor-content dark:text-dark-tremor-content">{p.recordsLabel}</span>
                </button>
              ))}
              {s.otherPaths > 0 && <span className="px-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">+{s.otherPaths} more</span>}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
