// Below a server-paged table: rows per page, "26–50" (and "of 312+" when more follow), and
// previous/next. The server answers { rows, hasMore }, so the total is not known.
import { PagerFrame } from './pager-frame.tsx';
import { serverPageLabel } from './server-page-label.ts';

export interface ServerPagerProps {
  limit: number;
  offset: number;
  shown: number;
  hasMore: boolean;
  onOffsetChange: (offset: number) => void;
  onLimitChange: (limit: number) => void;
}

export function ServerPager({ limit, offset, shown, hasMore, onOffsetChange, onLimitChange }: ServerPagerProps) {
  return (
    <PagerFrame
      pageSize={limit}
      onPageSizeChange={onLimitChange}
      label={serverPageLabel(offset, shown, hasMore)}
      hasPrevious={offset > 0}
      hasNext={hasMore}
      onPrevious={() => onOffsetChange(Math.max(0, offset - limit))}
      onNext={() => onOffsetChange(offset + limit)}
    />
  );
}
