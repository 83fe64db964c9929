// A text filter that applies on Enter, when focus leaves or when a suggestion is picked (not
// on every keystroke, so typing does not flood the history), refuses malformed input with a
// reason, and offers suggestions.
import { useId, useState } from 'react';

export interface FilterTextInputProps {
  label: string;
  name: string;
  /** The applied value (from the URL); the field resets to it when it changes. */
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  /** Cleans input or says why it is refused; without it any text is taken as typed (trimmed). */
  clean?: (input: string) => { value?: string; problem?: string };
  placeholder?: string;
  suggestions?: readonly string[];
  widthClass?: string;
  /** Shown but not used by the current page. */
  dimmed?: boolean;
  hint?: string;
}

export function FilterTextInput(props: FilterTextInputProps) {
  // Keyed by the applied value: back/forward or "clear" replaces the draft.
  return <DraftInput key={props.value ?? ''} {...props} />;
}

const inputClass =
  'rounded-tremor-small border-tremor-border bg-tremor-background px-2 py-1 text-tremor-default text-tremor-content-strong placeholder:text-tremor-content-subtle focus:border-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong dark:placeholder:text-dark-tremor-content';

function DraftInput({ label, name, value, onCommit, clean, placeholder, suggestions, widthClass = 'w-40', dimmed = false, hint }: FilterTextInputProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const listId = useId();
  const problemId = useId();

  function commit(text = draft) {
    const cleaned = clean ? clean(text) : { value: text.trim() || undefined };
    setProblem(cleaned.problem);
    if (cleaned.problem === undefined && cleaned.value !== value) onCommit(cleaned.value);
  }

  return (
    <label className={`relative flex items-center gap-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content ${dimmed ? 'opacity-50' : ''}`} title={hint}>
      {label}
      <input
        type="text"
        name={name}
        value={draft}
        placeholder={placeholder}
        list={suggestions && suggestions.length > 0 ? listId : undefined}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setProblem(undefined);
          // Picking a suggestion from the list applies it at once.
          if ((event.nativeEvent as InputEvent).inputType === 'insertReplacementText') commit(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            setDraft(value ?? '');
            setProblem(undefined);
          }
        }}
        onBlur={() => commit()}
        className={`${inputClass} ${widthClass} ${problem ? 'border-rose-500 dark:border-rose-500' : ''}`}
        data-testid={`filter-${name}`}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      {problem && (
        <span id={problemId} role="alert" className="absolute left-0 top-full z-10 mt-1 whitespace-nowrap rounded-tremor-small bg-rose-50 px-2 py-1 text-tremor-label text-rose-700 shadow-tremor-dropdown dark:bg-rose-950 dark:text-rose-300">
          {problem}
        </span>
      )}
    </label>
  );
}
