// The detail of one refused record: every reason, the raw payload, and the ways to replay it
// (as is, once the cause is fixed upstream, or corrected here), with each replay's outcome.
import { Button } from '@tremor/react';
import { useState, type ReactNode } from 'react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SidePanel } from '../components/side-panel.tsx';
import { FixAndReplayEditor } from './fix-and-replay-editor.tsx';
import { PayloadView } from './payload-view.tsx';
import { StatusBadge } from './quarantine-columns.tsx';
import type { QuarantineRecord } from './quarantine-record.ts';
import { ReasonList } from './reason-list.tsx';
import type { ReplayOutcome } from './replay-outcome.ts';
import { ReplayOutcomeView } from './replay-outcome-view.tsx';
import type { ReplayRequest, ReplayRun } from './use-replay.ts';

interface RecordDetailPanelProps {
  record: QuarantineRecord;
  outcome: ReplayOutcome | undefined;
  /** The latest replay run, if it included this record. */
  run: ReplayRun | null;
  onReplay: (request: ReplayRequest) => void;
  /** Sends the failed run again. */
  onRetry: () => void;
  onClose: () => void;
}

const sectionTitle = 'mb-2 text-tremor-label font-semibold uppercase tracking-wide text-tremor-content dark:text-dark-tremor-content';

export function RecordDetailPanel({ record, outcome, run, onReplay, onRetry, onClose }: RecordDetailPanelProps) {
  const [fixing, setFixing] = useState(false);
  const busy = run?.state === 'pending';
  const replay = (request: ReplayRequest) => {
    onReplay(request);
    setFixing(false);
  };

  return (
    <SidePanel title={record.eventType || 'Refused record'} onClose={onClose} testId="record-detail">
      <dl className="grid grid-cols-[auto,1fr] gap-x-4 gap-y-1 text-tremor-default">
        <Meta label="Status">
          <StatusBadge record={record} /> <span className="ml-1 text-tremor-label">since {record.statusAtLabel}</span>
        </Meta>
        <Meta label="Received">{record.receivedExactLabel}</Meta>
        <Meta label="Source">{record.sourceLabel}</Meta>
        <Meta label="Channel">{record.channel}</Meta>
        <Meta label="Event id" mono>{record.eventId || '(none)'}</Meta>
        <Meta label="Quarantine id" mono>{record.id}</Meta>
      </dl>

      <section className="mt-5">
        <h3 className={sectionTitle}>{record.status === 'replay_failed' ? 'Why the last replay was refused' : 'Why it was refused'}</h3>
        {record.status === 'replayed' && record.reasons.length === 0 ? (
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            Replayed; the quarantine keeps only a record’s latest state, so the original reasons are no longer listed.
          </p>
        ) : (
          <ReasonList reasons={record.reasons} testId="detail-reasons" />
        )}
      </section>

      <section className="mt-5 space-y-3" aria-label="Replay">
        {busy && <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" role="status">Replaying…</p>}
        {run?.state === 'failed' && (
          <ErrorNotice title="Could not replay this record" error={run.error} actionLabel="Try again" onAction={onRetry} />
        )}
        {outcome && !busy && <ReplayOutcomeView outcome={outcome} showReasons={false} />}
        {record.notReplayable !== null ? (
          <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="not-replayable">
            {record.notReplayable}.
          </p>
        ) : fixing ? (
          <FixAndReplayEditor raw={record.raw} busy={busy} onReplay={(correctedRaw) => replay({ quarantineId: record.id, correctedRaw })} onCancel={() => setFixing(false)} />
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <Button size="xs" onClick={() => replay({ quarantineId: record.id })} loading={busy} disabled={busy} data-testid="replay-record">
              Replay
            </Button>
            <Button size="xs" variant="secondary" onClick={() => setFixing(true)} disabled={busy} data-testid="fix-record">
              Fix and replay
            </Button>
            <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">Replay as is once the cause is fixed upstream, or correct the record here.</span>
          </div>
        )}
      </section>

      <section className="mt-5">
        <h3 className={sectionTitle}>Raw payload</h3>
        <PayloadView raw={record.raw} />
      </section>
    </SidePanel>
  );
}

function Meta({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <>
      <dt className="text-tremor-content dark:text-dark-tremor-content">{label}</dt>
      <dd className={`min-w-0 break-all text-tremor-content-strong dark:text-dark-tremor-content-strong ${mono ? 'font-mono text-tremor-label leading-5' : ''}`}>{children}</dd>
    </>
  );
}
