// Shows whether figures refresh on their own and lets the user pause that (e.g. to read a
// number without it changing underneath them).
import { Button } from '@tremor/react';

interface AutoRefreshToggleProps {
  paused: boolean;
  intervalSeconds: number;
  onToggle: () => void;
}

export function AutoRefreshToggle({ paused, intervalSeconds, onToggle }: AutoRefreshToggleProps) {
  return (
    <div className="flex items-center gap-3">
      <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="auto-refresh-status">
        {paused ? 'Auto-refresh paused' : `Refreshing every ${intervalSeconds} s`}
      </span>
      <Button size="xs" variant="secondary" onClick={onToggle} aria-pressed={paused} data-testid="auto-refresh-toggle">
        {paused ? 'Resume' : 'Pause'}
      </Button>
    </div>
  );
}
