import { z } from 'zod';

/** Characters Azure refuses in a tag name. */
const FORBIDDEN_TAG_NAME = /[<>%&\\?/]/;

/** The longest tag name Azure accepts. */
export const MAX_TAG_NAME_LENGTH = 512;
/** The longest tag value Azure accepts. */
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * The zod schema of a selector's `tags`: at least one, every name one Azure accepts (1 to 512 characters, none of
 * `< > % & \ ? /`) and no two names that differ only in case (Azure's tag names are case-insensitive), every value
 * up to 256 characters.
 */
export const selectorTagsSchema = z
  .record(z.string(), z.string().max(MAX_TAG_VALUE_LENGTH))
  .superRefine((tags, ctx) => {
    const names = Object.keys(tags);
    if (names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message:
          'is empty: give at least one tag, e.g. { fleet: shop } (an empty selector would take every cluster of the subscription)',
      });
    }
    const seen = new Map<string, string>();
    for (const name of names) {
      const problem = tagNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
      const before = seen.get(name.toLowerCase());
      if (before !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `'${before}' and '${name}' are the same Azure tag (tag names are case-insensitive); keep one`,
        });
      }
      seen.set(name.toLowerCase(), name);
    }
  })
  .meta({
    description:
      'The tags a cluster must carry, each with exactly this value (names compare case-insensitively, as Azure does; values exactly).',
  });

/** The zod schema of a cluster entry's `selector`: `{ tags: { name: value, ... } }`. */
export const clusterSelectorSchema = z
  .strictObject({ tags: selectorTagsSchema })
  .meta({ description: 'Discover the clusters of the subscription (or resource group) whose tags match.' });

/** The JSON Schema keywords that say what {@link selectorTagsSchema}'s refinement checks. */
export const SELECTOR_TAGS_JSON_SCHEMA = {
  minProperties: 1,
  propertyNames: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_TAG_NAME_LENGTH,
    pattern: '^[^<>%&\\\\?/]+$',
  },
} as const;

/** The JSON Schema keywords that say "name (with resourceGroup) or selector, not both". */
export const CLUSTER_ENTRY_JSON_SCHEMA = {
  oneOf: [{ required: ['name', 'resourceGroup'] }, { required: ['selector'] }],
  not: { required: ['name', 'selector'] },
} as const;

function tagNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a tag name cannot be empty';
  if (name.length > MAX_TAG_NAME_LENGTH) return `a tag name has at most ${MAX_TAG_NAME_LENGTH} characters`;
  if (FORBIDDEN_TAG_NAME.test(name)) {
    return `'${name}' is not an Azure tag name: it cannot contain < > % & \\ ? /`;
  }
  return undefined;
}

/** The fields of a cluster entry these rules read. */
interface ClusterEntryFields {
  name?: string | undefined;
  resourceGroup?: string | undefined;
  selector?: unknown;
}

/**
 * The rules of a cluster entry: it has `name` (with `resourceGroup`: one cluster) or `selector` (with an optional
 * `resourceGroup`: the clusters whose tags match), never both and never neither. Problems name the entry.
 */
export function checkClusterEntry(entry: ClusterEntryFields, ctx: z.RefinementCtx): void {
  const hasName = entry.name !== undefined;
  const hasSelector = entry.selector !== undefined;
  if (hasName && hasSelector) {
    ctx.addIssue({
      code: 'custom',
      message: `has both name ('${entry.name}') and selector: give name for one cluster, or selector to discover the clusters whose tags match, not both`,
    });
  } else if (!hasName && !hasSelector) {
    ctx.addIssue({
      code: 'custom',
      message:
        'needs name (with resourceGroup) for one cluster, or selector: { tags: { <name>: <value> } } to discover clusters by tag',
    });
  } else if (hasName && entry.resourceGroup === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['resourceGroup'],
      message: `is required with name: the resource group of cluster '${entry.name}' (only a selector may leave it out, to search the whole subscription)`,
    });
  }
}
