// The detail panel for a linked record that is not in the list as filtered and paged now.
import { SidePanel } from '../components/side-panel.tsx';

export function MissingRecordPanel({ id, onClose }: { id: string; onClose: () => void }) {
  return (
    <SidePanel title="Record not in this list" onClose={onClose} testId="record-detail">
      <p className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
        Quarantined record <code className="break-all font-mono">{id}</code> is not on this page of the list. It may be on another page, outside the filters
        or the period, or no longer exist. Clear the filters or page through the list to find it.
      </p>
    </SidePanel>
  );
}
