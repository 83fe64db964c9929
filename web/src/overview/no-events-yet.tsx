// Empty state of the "Events received" card: nothing has arrived (for the chosen entity), and
// how to send the first event.
export function NoEventsYet({ entity }: { entity?: string }) {
  if (entity !== undefined) {
    return (
      <div className="mt-4 rounded-tremor-default border border-dashed border-tremor-border p-6 text-center dark:border-dark-tremor-border">
        <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">No events for entity {entity}</p>
        <p className="mx-auto mt-1 max-w-md text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          Check the entity code in the filter above, or clear it to see every entity.
        </p>
      </div>
    );
  }
  return (
    <div className="mt-4 rounded-tremor-default border border-dashed border-tremor-border p-6 text-center dark:border-dark-tremor-border">
      <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">No events yet</p>
      <p className="mx-auto mt-1 max-w-md text-tremor-default text-tremor-content dark:text-dark-tremor-content">
        Send one to <code className="font-mono text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">POST /v1/events</code> on the ingest
        port (<code className="font-mono">INGEST_PORT</code>, 4318 by default). Counts appear here on the next refresh.
      </p>
    </div>
  );
}
