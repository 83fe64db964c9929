// Replaying quarantined records: calls quarantine.replay, remembers the latest answer per
// record (for the detail panel) and the last run (for a batch's results), and refreshes the
// quarantine and event counts once the server has answered.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTRPC } from '../lib/trpc.ts';
import { toReplayOutcome, type AnsweredReplay, type ReplayOutcome } from './replay-outcome.ts';

export interface ReplayRequest {
  quarantineId: string;
  correctedRaw?: string;
}

export interface ReplayRun {
  ids: readonly string[];
  batch: boolean;
  state: 'pending' | 'done' | 'failed';
  outcomes: readonly ReplayOutcome[];
  error?: unknown;
  /** The requests, to retry a failed run. */
  requests: readonly ReplayRequest[];
}

export function useReplay() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.quarantine.replay.mutationOptions());
  const [answered, setAnswered] = useState<ReadonlyMap<string, AnsweredReplay>>(new Map());
  const [run, setRun] = useState<ReplayRun | null>(null);
  const { mutateAsync } = mutation;

  const replay = useCallback(
    async (requests: readonly ReplayRequest[], batch: boolean) => {
      const base = { ids: requests.map((r) => r.quarantineId), batch, outcomes: [], requests };
      setRun({ ...base, state: 'pending' });
      try {
        const results = (await mutateAsync({ records: [...requests] })).map(toReplayOutcome);
        const atMs = Date.now();
        const tried = new Map(requests.map((r) => [r.quarantineId, r.correctedRaw]));
        setAnswered((previous) => new Map([...previous, ...results.map((outcome) => [outcome.quarantineId, { outcome, correctedRaw: tried.get(outcome.quarantineId), atMs }] as const)]));
        setRun({ ...base, state: 'done', outcomes: results });
        void queryClient.invalidateQueries({ queryKey: trpc.quarantine.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() });
      } catch (error) {
        setRun({ ...base, state: 'failed', error });
      }
    },
    [mutateAsync, queryClient, trpc],
  );

  return { replay, answered, run, dismissRun: () => setRun(null) };
}
