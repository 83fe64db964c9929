// "Fix and replay": the record in an editor, prefilled exactly as received (re-indented if it
// is JSON), replayed as corrected. Invalid JSON may still be sent — the server answers with
// the reason — but the editor says so first.
import { Button } from '@tremor/react';
import { useMemo, useState } from 'react';
import { describePayload } from './raw-payload.ts';

/** The server's limit on a corrected record. */
const maxCorrectedChars = 256 * 1024;

interface FixAndReplayEditorProps {
  raw: string;
  busy: boolean;
  onReplay: (correctedRaw: string) => void;
  onCancel: () => void;
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export function FixAndReplayEditor({ raw, busy, onReplay, onCancel }: FixAndReplayEditorProps) {
  const original = useMemo(() => describePayload(raw).text, [raw]);
  const [text, setText] = useState(original);
  const problem = useMemo(() => jsonProblem(text), [text]);
  const tooLong = text.length > maxCorrectedChars;

  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong) onReplay(text);
      }}
    >
      <label htmlFor="fix-editor" className="block text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
        Corrected record
      </label>
      <textarea
        id="fix-editor"
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={16}
        spellCheck={false}
        className="w-full rounded-tremor-small border-tremor-border bg-tremor-background font-mono text-tremor-label text-tremor-content-strong focus:border-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong"
        data-testid="fix-editor"
      />
      <p className={`text-tremor-label ${problem || tooLong ? 'text-rose-700 dark:text-rose-400' : 'text-emerald-700 dark:text-emerald-400'}`} aria-live="polite">
        {tooLong ? `Too long to replay: at most ${maxCorrectedChars.toLocaleString('en')} characters.` : problem ? `Not valid JSON yet: ${problem}` : 'Valid JSON. Replaying validates it like a new record.'}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="xs" loading={busy} disabled={busy || tooLong} data-testid="replay-corrected">
          Replay corrected record
        </Button>
        <Button type="button" size="xs" variant="secondary" onClick={() => setText(original)} disabled={busy || text === original}>
          Reset to original
        </Button>
        <Button type="button" size="xs" variant="light" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
