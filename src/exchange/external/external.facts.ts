/**
 * What the portal and supervision read of a procurement traded elsewhere, taken from its compiled
 * OCDS release (plain data in, plain data out).
 */

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== null) : []);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** An OCDS value in fen, when it is in yuan (CNY); other currencies are not summed into yuan figures. */
export function fenOf(value: unknown): number | null {
  const v = obj(value);
  if (!v || v.currency !== 'CNY' || typeof v.amount !== 'number' || !Number.isFinite(v.amount)) return null;
  return Math.round(v.amount * 100);
}

export interface ExternalFacts {
  title: string;
  regionCode: string | null;
  buyerName: string | null;
  buyerCreditCode: string | null;
  procurementMethod: string | null;
  procurementMethodDetails: string | null;
  mainProcurementCategory: string | null;
  tenderStatus: string | null;
  valueFen: number | null;
  awardedFen: number | null;
  bidCount: number;
}

export function externalFacts(compiled: Json): ExternalFacts {
  const tender = obj(compiled.tender) ?? {};
  const buyer = obj(compiled.buyer);
  const buyerParty = arr(compiled.parties).find((p) => buyer && p.id === buyer.id);
  const identifier = obj(buyerParty?.identifier);
  const awards = arr(compiled.awards).filter((a) => a.status !== 'cancelled' && a.status !== 'unsuccessful');
  const awardedFens = awards.map((a) => fenOf(a.value)).filter((x): x is number => x !== null);
  const details = arr(obj(compiled.bids)?.details);
  const numberOfTenderers = typeof tender.numberOfTenderers === 'number' ? tender.numberOfTenderers : 0;
  return {
    title: str(tender.title) ?? str(obj(obj(compiled.planning)?.budget)?.project) ?? str(arr(compiled.contracts)[0]?.title) ?? String(compiled.ocid),
    regionCode: str(compiled.regionCode),
    buyerName: str(buyer?.name) ?? str(buyerParty?.name),
    buyerCreditCode: identifier?.scheme === 'CN-USCC' ? str(identifier.id) : null,
    procurementMethod: str(tender.procurementMethod),
    procurementMethodDetails: str(tender.procurementMethodDetails),
    mainProcurementCategory: str(tender.mainProcurementCategory),
    tenderStatus: str(tender.status),
    valueFen: fenOf(tender.value) ?? fenOf(obj(obj(compiled.planning)?.budget)?.amount),
    awardedFen: awardedFens.length ? awardedFens.reduce((a, b) => a + b, 0) : null,
    bidCount: Math.max(details.length, numberOfTenderers, arr(tender.tenderers).length),
  };
}
