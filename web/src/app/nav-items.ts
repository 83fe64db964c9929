// The dashboard's sections, in header order. A planned section is shown but not linked yet;
// shipping one is a matter of adding its route and flipping it to 'live'.
export interface NavItem {
  label: string;
  path: string;
  status: 'live' | 'planned';
}

export const navItems: readonly NavItem[] = [
  { label: 'Overview', path: '/', status: 'live' },
  { label: 'Entity', path: '/entity', status: 'planned' },
  { label: 'Integration health', path: '/integration-health', status: 'planned' },
  { label: 'Quarantine', path: '/quarantine', status: 'planned' },
  { label: 'Forecast', path: '/forecast', status: 'planned' },
];
