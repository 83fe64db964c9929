// Sets a browser performance mark the first time a condition holds in this page load, so a
// benchmark can read when the overview showed data: 'overview:data' (first KPI or close-risk
// figure), 'overview:kpis' (every KPI card), 'overview:close-risk', 'overview:events'.
import { useEffect } from 'react';

const marked = new Set<string>();

export function useMarkOnce(name: string, ready: boolean): void {
  useEffect(() => {
    if (!ready || marked.has(name) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
    marked.add(name);
    performance.mark(name);
  }, [name, ready]);
}
