// The documents table's time columns say what the two times are for each metric: a
// duplicate pair shows when the later invoice was captured and when the first one was,
// not "waiting since" and "due".
import { expect, it } from 'vitest';
import { metricDocumentColumns } from '../../web/src/metrics/metric-document-columns.tsx';

const headers = (metric?: Parameters<typeof metricDocumentColumns>[2]) =>
  metricDocumentColumns(new Map(), '', metric).filter((c) => c.id === 'since' || c.id === 'due').map((c) => c.header);

it('names the times of a duplicate pair as captures, and keeps "waiting since" and "due" elsewhere', () => {
  expect(headers('duplicate-payment-risk')).toEqual(['Captured', 'First captured']);
  expect(headers('stuck-documents')).toEqual(['Waiting since', 'Due']);
  expect(headers()).toEqual(['Waiting since', 'Due']);
});
