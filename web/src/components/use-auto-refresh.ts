// Page-wide auto-refresh: one pause switch for every query on the page.
import { useCallback, useState } from 'react';

export interface AutoRefresh {
  paused: boolean;
  toggle: () => void;
  intervalSeconds: number;
  /** Pass to React Query's refetchInterval. */
  refetchInterval: number | false;
}

export function useAutoRefresh(intervalSeconds: number): AutoRefresh {
  const [paused, setPaused] = useState(false);
  const toggle = useCallback(() => setPaused((was) => !was), []);
  return { paused, toggle, intervalSeconds, refetchInterval: paused ? false : intervalSeconds * 1000 };
}
