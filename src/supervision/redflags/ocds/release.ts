/**
 * Reading compiled releases the way cardinal does, and the data preparation it assumes.
 *
 * What is skipped, and why:
 * - A release whose `ocid` is not a string, whose /tender/status is 'cancelled', or whose
 *   /tender/procurementMethodDetails is in the exclusions, is skipped by every indicator (eligibleReleases).
 * - A field of the wrong type is treated as absent: the indicator that needs it skips the release.
 * - A bid is *submitted* if its status is 'pending', 'valid' or 'disqualified'; a bid with no status
 *   counts nowhere (cardinal's `prepare` fills a default status first: do so upstream, e.g. from our own
 *   bid records, rather than guess here). 'invited' and 'withdrawn' bids were never submitted.
 * - Awards: only 'active' awards are winners. Indicators that compare the winner with the others need every
 *   award final: one 'pending' (or unknown) status skips the release, as its result could still change;
 *   'cancelled' and 'unsuccessful' awards are taken as earlier attempts and ignored.
 * - Money: amounts are compared only in the main currency (the `currency` setting, or else the first
 *   currency seen). No exchange rates are applied.
 */
import type { CompiledRelease, JsonObject, JsonValue, RunContext } from './types';

export function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
export function asArray(value: JsonValue | undefined): JsonValue[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
export function asString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
export function asNumber(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
/** An array of objects, other entries dropped. */
export function objects(value: JsonValue | undefined): JsonObject[] {
  return (asArray(value) ?? []).filter((entry): entry is JsonObject => asObject(entry) !== undefined);
}

/** "a|b|c" → {a, b, c}; empty parts dropped, so '' is the empty set. */
export function pipeSet(value: string): Set<string> {
  return new Set(value.split('|').filter((part) => part !== ''));
}

export function ocidOf(release: CompiledRelease): string | undefined {
  return asString(release.ocid);
}
export function tenderOf(release: CompiledRelease): JsonObject | undefined {
  return asObject(release.tender);
}
export function statusOf(object: JsonObject): string | undefined {
  return asString(object.status);
}

/** No include list: anything not excluded matches (a missing value too). An include list: only its values match. */
export function matchesProcurementMethodDetails(release: CompiledRelease, include: Set<string>, exclude: Set<string>): boolean {
  const details = asString(tenderOf(release)?.procurementMethodDetails);
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/** An empty set means no filter; otherwise /tender/procurementMethod must be in it. */
export function matchesProcurementMethod(release: CompiledRelease, methods: Set<string>): boolean {
  if (methods.size === 0) return true;
  const method = asString(tenderOf(release)?.procurementMethod);
  return method !== undefined && methods.has(method);
}

/** Releases every indicator considers, each with its ocid. */
export function eligibleReleases(releases: readonly CompiledRelease[], context: RunContext): Array<{ ocid: string; release: CompiledRelease }> {
  const excluded = pipeSet(context.excludedProcurementMethodDetails);
  return releases.flatMap((release) => {
    const ocid = ocidOf(release);
    if (ocid === undefined) return [];
    if (statusOf(tenderOf(release) ?? {}) === 'cancelled') return [];
    if (!matchesProcurementMethodDetails(release, new Set(), excluded)) return [];
    return [{ ocid, release }];
  });
}

/** Whether bid prices of this release may be compared (prices fixed by the buyer would match by design). */
export function allowsPriceComparison(release: CompiledRelease, context: RunContext): boolean {
  return matchesProcurementMethodDetails(release, pipeSet(context.priceComparisonProcurementMethods), pipeSet(context.noPriceComparisonProcurementMethods));
}

export function bidDetails(release: CompiledRelease): JsonObject[] | undefined {
  const details = asArray(asObject(release.bids)?.details);
  return details === undefined ? undefined : objects(details);
}

const NOT_SUBMITTED = new Set(['invited', 'withdrawn']);

/** Bids with a status other than invited or withdrawn (cardinal counts an unknown status code as submitted too). */
export function submittedBids(release: CompiledRelease): JsonObject[] {
  return (bidDetails(release) ?? []).filter((bid) => {
    const status = statusOf(bid);
    return status !== undefined && !NOT_SUBMITTED.has(status);
  });
}

/** The string ids of a bid's tenderers or an award's suppliers. */
export function organizationIds(list: JsonValue | undefined): string[] {
  return objects(list).flatMap((organization) => asString(organization.id) ?? []);
}

/**
 * The active awards and the bids, if the release has both arrays and every award with a status is final
 * (active, cancelled or unsuccessful). An award with no status is ignored, as in cardinal.
 */
export function activeAwardsIfAllFinal(release: CompiledRelease): { activeAwards: JsonObject[]; bids: JsonObject[] } | undefined {
  const awards = asArray(release.awards);
  const bids = bidDetails(release);
  if (awards === undefined || bids === undefined) return undefined;
  const activeAwards: JsonObject[] = [];
  for (const award of objects(awards)) {
    const status = statusOf(award);
    if (status === undefined || status === 'cancelled' || status === 'unsuccessful') continue;
    if (status !== 'active') return undefined;
    activeAwards.push(award);
  }
  return { activeAwards, bids };
}

/** The single supplier id of the single active award: the only case cardinal can match to a bid. */
export function soleWinnerId(release: CompiledRelease): { winnerId: string; bids: JsonObject[] } | undefined {
  const final = activeAwardsIfAllFinal(release);
  if (final === undefined || final.activeAwards.length !== 1) return undefined;
  const suppliers = asArray(final.activeAwards[0]?.suppliers);
  if (suppliers === undefined || suppliers.length !== 1) return undefined;
  const winnerId = asString(asObject(suppliers[0])?.id);
  return winnerId === undefined ? undefined : { winnerId, bids: final.bids };
}

export interface PricedBid {
  tendererId: string;
  amount: number;
  currency: string;
}

/** Bid amounts with a currency; tendererId only when the bid has exactly one tenderer (joint bids can't be matched to a supplier). */
export function bidPrice(bid: JsonObject): { amount: number; currency: string } | undefined {
  const value = asObject(bid.value);
  const amount = asNumber(value?.amount);
  const currency = asString(value?.currency);
  return amount === undefined || currency === undefined ? undefined : { amount, currency };
}

/** Valid bids by a single tenderer with an amount and currency. */
export function validSingleTendererBids(bids: readonly JsonObject[]): PricedBid[] {
  return bids.flatMap((bid) => {
    if (statusOf(bid) !== 'valid') return [];
    const tenderers = asArray(bid.tenderers);
    if (tenderers === undefined || tenderers.length !== 1) return [];
    const tendererId = asString(asObject(tenderers[0])?.id);
    const price = bidPrice(bid);
    return tendererId === undefined || price === undefined ? [] : [{ tendererId, ...price }];
  });
}

/**
 * The currency amounts are compared in: the setting, or else the first currency of a submitted bid
 * in file order. (Cardinal takes the first one its worker threads happen to see; file order is the
 * stable equivalent.)
 */
export function mainCurrency(releases: readonly CompiledRelease[], context: RunContext): string | undefined {
  if (context.currency !== undefined) return context.currency;
  for (const { release } of eligibleReleases(releases, context)) {
    for (const bid of submittedBids(release)) {
      const price = bidPrice(bid);
      if (price !== undefined) return price.currency;
    }
  }
  return undefined;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for an RFC 3339 timestamp (with a time zone), else undefined: a date without a zone is ambiguous. */
export function parseTimestamp(value: JsonValue | undefined): number | undefined {
  const text = asString(value);
  if (text === undefined || !RFC3339.test(text)) return undefined;
  const milliseconds = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(milliseconds) ? undefined : milliseconds;
}
