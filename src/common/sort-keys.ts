/** A deep copy with object keys in sorted order, for stable, diff-friendly JSON. Arrays keep their order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return (value as unknown[]).map((item) => sortKeys(item)) as T;
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted as T;
  }
  return value;
}
