// A failure, said plainly: what failed, why, and one action to try again.
import { Button, Callout } from '@tremor/react';
import { errorMessage } from './error-message.ts';

interface ErrorNoticeProps {
  title: string;
  error: unknown;
  actionLabel: string;
  onAction: () => void;
  /** True while the action is under way (the button is disabled meanwhile). */
  busy?: boolean;
}

export function ErrorNotice({ title, error, actionLabel, onAction, busy = false }: ErrorNoticeProps) {
  return (
    <Callout title={title} color="rose" role="alert" data-testid="error-notice">
      {/* Callout wraps its children in a <p>, so only phrasing content here. */}
      <span className="block break-words">{errorMessage(error)}</span>
      <Button className="mt-3" size="xs" variant="secondary" color="rose" onClick={onAction} disabled={busy}>
        {busy ? 'Retrying…' : actionLabel}
      </Button>
    </Callout>
  );
}
