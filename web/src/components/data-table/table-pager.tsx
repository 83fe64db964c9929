// Below a table: rows per page, "26–50 of 312", and previous/next page.
import { PagerFrame } from './pager-frame.tsx';
import { pageWindow } from './table-pagination.ts';

export interface TablePagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}

export function TablePager({ page, pageSize, total, onPageChange, onPageSizeChange }: TablePagerProps) {
  const range = pageWindow({ page, pageSize, total });
  return (
    <PagerFrame
      pageSize={pageSize}
      onPageSizeChange={onPageSizeChange}
      label={range.label}
      labelData={{ 'data-total': total }}
      hasPrevious={range.hasPrevious}
      hasNext={range.hasNext}
      onPrevious={() => onPageChange(page - 1)}
      onNext={() => onPageChange(page + 1)}
    />
  );
}
