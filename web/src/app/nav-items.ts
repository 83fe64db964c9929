// The dashboard's sections, in header order. A planned section is shown but not linked yet;
// shipping one is a matter of adding its route and flipping it to 'live'. `filters` lists the
// global filters the page honours; the header dims the others while it is open. `to` is where
// the link goes when that differs from the section's path (e.g. its first metric).
import type { GlobalFilterName } from '../url-state/global-filters.ts';

export interface NavItem {
  label: string;
  path: string;
  to?: string;
  status: 'live' | 'planned';
  filters: readonly GlobalFilterName[];
}

export const navItems: readonly NavItem[] = [
  { label: 'Overview', path: '/', status: 'live', filters: ['entity'] },
  { label: 'Entity', path: '/entities', status: 'live', filters: ['entity', 'currency'] },
  { label: 'Metrics', path: '/metrics', to: '/metrics/stuck-documents', status: 'live', filters: ['entity', 'currency'] },
  { label: 'Integration health', path: '/integration-health', status: 'live', filters: ['period'] },
  { label: 'Quarantine', path: '/quarantine', status: 'live', filters: ['period'] },
  { label: 'Forecast', path: '/forecast', status: 'live', filters: ['entity', 'currency'] },
];

/** The section a pathname belongs to, if any. */
export function navItemFor(pathname: string): NavItem | undefined {
  return navItems.find((item) => (item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`)));
}
