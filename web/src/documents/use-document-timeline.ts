// The document's timeline from the API, mapped for the page.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import { fromTimeline } from './timeline-from-api.ts';

export function useDocumentTimeline(key: { entity: string; documentType: string; documentId: string }, refetchInterval: number | false) {
  const trpc = useTRPC();
  return useQuery(trpc.documents.timeline.queryOptions(key, { refetchInterval, select: fromTimeline }));
}
