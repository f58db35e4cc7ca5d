import { GROUPS, type Group, type Results } from './types';

/** Records one value; a later value for the same code and identifier replaces the earlier one (cardinal's values per tenderer are constant per code). */
export function setResult(results: Results, group: Group, id: string, code: string, value: number): void {
  const byId = (results[group] ??= {});
  (byId[id] ??= {})[code] = value;
}

/** Merges source into target, identifier by identifier. */
export function mergeResults(target: Results, source: Results): Results {
  for (const group of GROUPS) {
    for (const [id, values] of Object.entries(source[group] ?? {})) {
      for (const [code, value] of Object.entries(values)) setResult(target, group, id, code, value);
    }
  }
  return target;
}

/** Groups in a fixed order (OCID, Buyer, ProcuringEntity, Tenderer), empty ones left out as cardinal does. */
export function orderedResults(results: Results): Results {
  const ordered: Results = {};
  for (const group of GROUPS) {
    const byId = results[group];
    if (byId !== undefined && Object.keys(byId).length > 0) ordered[group] = byId;
  }
  return ordered;
}
