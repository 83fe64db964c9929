// Top bar: product name, section navigation (links keep the global filters), and the global
// filters themselves.
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { globalFilterKeys } from '../url-state/global-filters.ts';
import { searchWith } from '../url-state/url-filters.ts';
import { GlobalFilterBar } from './global-filter-bar.tsx';
import { navItemFor, navItems, type NavItem } from './nav-items.ts';

const itemBase = 'whitespace-nowrap rounded-tremor-small px-3 py-1.5 text-tremor-default';

export function AppHeader() {
  const [params] = useSearchParams();
  const search = searchWith(params, globalFilterKeys);
  const current = navItemFor(useLocation().pathname);
  return (
    <header className="border-b border-tremor-border bg-tremor-background dark:border-dark-tremor-border dark:bg-dark-tremor-background">
      <div className="mx-auto flex max-w-7xl 2xl:max-w-screen-2xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3 sm:px-6">
        <div className="flex items-baseline gap-2">
          <span className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Closewatch</span>
          <span className="hidden text-tremor-label text-tremor-content sm:inline dark:text-dark-tremor-content">finance operations</span>
        </div>
        <nav aria-label="Sections" className="-mx-3 flex gap-1 overflow-x-auto">
          {navItems.map((item) => (
            <NavEntry key={item.path} item={item} search={search} active={item === current} />
          ))}
        </nav>
      </div>
      <GlobalFilterBar />
    </header>
  );
}

function NavEntry({ item, search, active }: { item: NavItem; search: string; active: boolean }) {
  if (item.status === 'planned') {
    return (
      <span aria-disabled="true" title="Coming soon" className={`${itemBase} cursor-default text-tremor-content-subtle dark:text-dark-tremor-content`}>
        {item.label}
      </span>
    );
  }
  return (
    <Link
      to={{ pathname: item.to ?? item.path, search }}
      aria-current={active ? 'page' : undefined}
      className={
        `${itemBase} font-medium ${
          active
            ? 'bg-tremor-brand-faint text-tremor-brand-emphasis dark:bg-dark-tremor-brand-faint dark:text-dark-tremor-brand-emphasis'
            : 'text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle'
        }`
      }
    >
      {item.label}
    </Link>
  );
}
