// Placeholder while a page's code chunk downloads.
export function PageLoading() {
  return (
    <div role="status" className="py-16 text-center text-tremor-default text-tremor-content dark:text-dark-tremor-content">
      Loading…
    </div>
  );
}
