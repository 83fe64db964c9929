// The URL of an entity's page.
export function entityPath(entity: string): string {
  return `/entities/${encodeURIComponent(entity)}`;
}
