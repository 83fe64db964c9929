// The record exactly as the source sent it: re-indented when it is JSON, otherwise the text
// with the reason it could not be read.
import { describePayload } from './raw-payload.ts';

export function PayloadView({ raw }: { raw: string }) {
  const payload = describePayload(raw);
  return (
    <div>
      {payload.kind === 'text' && (
        <p className="mb-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content">Not valid JSON ({payload.parseError}); shown as received.</p>
      )}
      <pre
        className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-tremor-small bg-tremor-background-subtle p-3 font-mono text-tremor-label text-tremor-content-strong dark:bg-dark-tremor-background-subtle dark:text-dark-tremor-content-strong"
        data-testid="raw-payload"
        data-kind={payload.kind}
      >
        {payload.text}
      </pre>
    </div>
  );
}
