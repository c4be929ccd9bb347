import type { EmulatorResponse } from './http.js';

/**
 * One page of an ARM list (`{ value, nextLink? }`): `$skipToken` is the offset, and `nextLink` is absolute, on the
 * same path with the same `api-version`.
 */
export function listPage<T>(
  items: readonly T[],
  render: (item: T) => unknown,
  page: { origin: string; path: string; query: URLSearchParams; pageSize: number },
): EmulatorResponse {
  const offset = Math.max(0, Number.parseInt(page.query.get('$skipToken') ?? '0', 10) || 0);
  const body: Record<string, unknown> = {
    value: items.slice(offset, offset + page.pageSize).map(render),
  };
  if (offset + page.pageSize < items.length) {
    const next = new URLSearchParams({
      'api-version': page.query.get('api-version') ?? '',
      $skipToken: String(offset + page.pageSize),
    });
    body.nextLink = `${page.origin}${page.path}?${next.toString()}`;
  }
  return { status: 200, body };
}
