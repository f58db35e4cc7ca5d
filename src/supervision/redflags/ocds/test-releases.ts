/** Builders for hand-made compiled releases in the indicator tests. */
import type { CompiledRelease, JsonObject } from './types';

/** A bid by one tenderer (or a consortium), with an amount in CNY unless told otherwise. */
export function bid(tenderers: string | string[], amount?: number, status = 'valid', extra: JsonObject = {}): JsonObject {
  const ids = Array.isArray(tenderers) ? tenderers : [tenderers];
  return { status, tenderers: ids.map((id) => ({ id })), ...(amount === undefined ? {} : { value: { amount, currency: 'CNY' } }), ...extra };
}

export function award(suppliers: string | string[], status = 'active', extra: JsonObject = {}): JsonObject {
  const ids = Array.isArray(suppliers) ? suppliers : [suppliers];
  return { status, suppliers: ids.map((id) => ({ id })), ...extra };
}

export function release(ocid: string, fields: JsonObject = {}): CompiledRelease {
  return { ocid, ...fields };
}

/** A process won by `winner` with the given valid bids (tenderer, amount). */
export function pricedProcess(ocid: string, winner: string, bids: Array<[string, number]>, fields: JsonObject = {}): CompiledRelease {
  return release(ocid, { bids: { details: bids.map(([id, amount]) => bid(id, amount)) }, awards: [award(winner)], ...fields });
}
