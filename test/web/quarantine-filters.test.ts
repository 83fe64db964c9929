// The quarantine page's URL parameters → view state → API input.
import { describe, expect, it } from 'vitest';
import { hasListFilters, parseQuarantineView, toListInput, toSummaryInput } from '../../web/src/quarantine/quarantine-filters.ts';

const sortable = ['received', 'source'];

describe('parseQuarantineView', () => {
  it('reads every parameter', () => {
    expect(
      parseQuarantineView({ channel: 'events', source: 'ap/coupa-eu', status: 'replay_failed', errorPath: 'data.amount', page: '3', size: '50', sort: 'source:asc', open: 'q1' }, sortable),
    ).toEqual({ channel: 'events', source: 'ap/coupa-eu', status: 'replay_failed', errorPath: 'data.amount', page: 3, pageSize: 50, sort: { columnId: 'source', direction: 'asc' }, openId: 'q1' });
  });

  it('ignores values the API would refuse, so a hand-edited link still shows a list', () => {
    const view = parseQuarantineView({ channel: 'ftp', status: 'deleted', page: '-1', size: '7', sort: 'raw:asc', source: 'x'.repeat(300) }, sortable);
    expect(view).toMatchObject({ channel: undefined, status: undefined, page: 1, pageSize: 25, sort: null });
    expect(view.source).toHaveLength(256);
  });
});

describe('API input', () => {
  const view = parseQuarantineView({ source: 'bank/ing', errorPath: 'data.amount', page: '2', size: '10' }, sortable);

  it('sends the filters, the window and the page', () => {
    expect(toListInput(view, { from: '2026-11-25T06:00:00.000Z' })).toEqual({ source: 'bank/ing', errorPath: 'data.amount', from: '2026-11-25T06:00:00.000Z', limit: 10, offset: 10 });
  });

  it('sends the summary the same filters without paging', () => {
    expect(toSummaryInput(view, {})).toEqual({ source: 'bank/ing', errorPath: 'data.amount' });
  });

  it('knows whether the list is filtered', () => {
    expect(hasListFilters(view)).toBe(true);
    expect(hasListFilters(parseQuarantineView({ page: '4', sort: 'source:desc' }, sortable))).toBe(false);
  });
});
