// A detail panel that slides over the right of the page, leaving the list usable beside it.
// Focus moves to its heading on open and back to where it was on close; Escape closes it
// (except inside a text area, where Escape is the editor's).
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface SidePanelProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function SidePanel({ title, onClose, children, testId }: SidePanelProps) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <aside
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLTextAreaElement)) {
          event.stopPropagation();
          onClose();
        }
      }}
      className="fixed inset-y-0 right-0 z-30 flex w-full flex-col border-l border-tremor-border bg-tremor-background shadow-2xl sm:max-w-xl xl:max-w-2xl dark:border-dark-tremor-border dark:bg-dark-tremor-background"
    >
      <div className="flex items-start justify-between gap-4 border-b border-tremor-border px-5 py-4 dark:border-dark-tremor-border">
        <h2 ref={heading} id={titleId} tabIndex={-1} className="min-w-0 break-words text-tremor-title font-semibold text-tremor-content-strong outline-none dark:text-dark-tremor-content-strong">
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close panel"
          className="rounded-tremor-small px-2 py-1 text-tremor-title leading-none text-tremor-content hover:bg-tremor-background-subtle focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand dark:text-dark-tremor-content dark:hover:bg-dark-tremor-background-subtle"
        >
          ×
        </button>
      </div>
      <div className="flex-1 overflow-y-auto px-5 py-4">{children}</div>
    </aside>
  );
}
