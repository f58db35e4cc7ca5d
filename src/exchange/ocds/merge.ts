/**
 * The OCDS 1.1 merge routine (pure): a record's compiled release from its releases.
 * - releases are merged in date order; within one date, in the order given;
 * - an object merges field by field; a field a later release sets replaces the earlier value,
 *   a field it leaves out keeps it, a field it sets to null removes it;
 * - an array of objects that carry `id` merges item by item on `id` (a new id is appended);
 * - any other array, and an array the schema marks `wholeListMerge`, is replaced whole;
 * - fields marked `omitWhenMerged` (the release's id, date and tag) are left out, and the
 *   compiled release gets its own (tag `compiled`).
 * The flags are read from the release schema (with the extensions' patches applied), so an
 * extension that adds such a flag is honoured.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
type Schema = { [key: string]: unknown };

export interface MergeRules {
  /** Paths (field names joined by '/', array levels left out) whose value is left out of the compiled release. */
  omit: Set<string>;
  /** Paths of arrays replaced whole. */
  wholeList: Set<string>;
}

/** Walks the schema's properties, following local `$ref`s, and collects the flagged paths. */
export function mergeRulesOf(schema: Schema): MergeRules {
  const rules: MergeRules = { omit: new Set(), wholeList: new Set() };
  const definitions = (schema.definitions ?? {}) as Record<string, Schema>;
  const resolve = (s: Schema): Schema => (typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/') ? { ...definitions[s.$ref.slice('#/definitions/'.length)], ...s, $ref: undefined } : s);
  const walk = (raw: Schema, path: string, depth: number) => {
    if (depth > 12) return; // definitions refer to each other; the release's shape is not deeper than this
    const s = resolve(raw);
    if (s.omitWhenMerged) rules.omit.add(path);
    if (s.wholeListMerge) rules.wholeList.add(path);
    const items = s.items as Schema | undefined;
    if (items) walk(items, path, depth + 1);
    const properties = s.properties as Record<string, Schema> | undefined;
    if (properties) for (const [name, child] of Object.entries(properties)) walk(child, path ? `${path}/${name}` : name, depth + 1);
  };
  walk(schema, '', 0);
  return rules;
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const identified = (items: Json[]) => items.every((i) => isObject(i) && i.id !== undefined && i.id !== null);

function mergeValue(prior: Json | undefined, next: Json, path: string, rules: MergeRules): Json | undefined {
  if (next === null) return undefined;
  if (isObject(next)) return mergeObject(isObject(prior) ? prior : {}, next, path, rules);
  if (Array.isArray(next)) {
    // An empty array in a later release adds no item to an identifier-merged array, and removes none.
    if (rules.wholeList.has(path) || !identified(next) || (prior !== undefined && !(Array.isArray(prior) && identified(prior)))) return next.map((item) => (isObject(item) ? mergeObject({}, item, path, rules) : item));
    const merged = ((prior ?? []) as JsonObject[]).slice();
    for (const item of next as JsonObject[]) {
      const at = merged.findIndex((m) => String(m.id) === String(item.id));
      if (at >= 0) merged[at] = mergeObject(merged[at]!, item, path, rules);
      else merged.push(mergeObject({}, item, path, rules));
    }
    return merged;
  }
  return next;
}

function mergeObject(prior: JsonObject, next: JsonObject, path: string, rules: MergeRules): JsonObject {
  const out: JsonObject = { ...prior };
  for (const [key, value] of Object.entries(next)) {
    const childPath = path ? `${path}/${key}` : key;
    if (rules.omit.has(childPath)) continue;
    const merged = mergeValue(out[key], value, childPath, rules);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

/** The compiled release of one ocid's releases. */
export function compileRelease(releases: JsonObject[], rules: MergeRules): JsonObject {
  if (releases.length === 0) throw new RangeError('a record has at least one release');
  const ordered = releases.map((r, i) => ({ r, i })).sort((a, b) => String(a.r.date).localeCompare(String(b.r.date)) || a.i - b.i);
  let compiled: JsonObject = {};
  for (const { r } of ordered) compiled = mergeObject(compiled, r, '', rules);
  const last = ordered[ordered.length - 1]!.r;
  // The compiled release is named after the latest release it includes, so it changes id when the record grows.
  return { ...compiled, id: `${String(last.id)}-compiled`, date: last.date!, tag: ['compiled'] };
}
