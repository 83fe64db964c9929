// The window an ingest-health answer covers, as one readable range with the zone.
import { formatDateTime, parseWarehouseTime } from '../components/format-date-time.ts';

export function formatIngestWindow(window: { from: string; to: string }): string {
  const from = parseWarehouseTime(window.from);
  const to = parseWarehouseTime(window.to);
  if (from === null || to === null) return `${window.from} – ${window.to}`;
  return `${formatDateTime(from).replace(/ UTC$/, '')} – ${formatDateTime(to)}`;
}
