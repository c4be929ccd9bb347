/**
 * Whether a resource's Azure tags carry every wanted tag: each wanted name must be present with exactly the wanted
 * value. Names compare case-insensitively, as Azure treats tag names (`Fleet` and `fleet` are one tag); values
 * compare exactly, case included, as Azure keeps them. Extra tags on the resource do not matter.
 *
 * @example
 * ```ts
 * matchesTags({ Fleet: 'shop', team: 'web' }, { fleet: 'shop' }); // true
 * matchesTags({ fleet: 'Shop' }, { fleet: 'shop' }); // false
 * ```
 */
export function matchesTags(
  tags: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
): boolean {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(tags)) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  return Object.entries(wanted).every(
    ([name, value]) => byName.get(name.toLowerCase())?.includes(value) === true,
  );
}
