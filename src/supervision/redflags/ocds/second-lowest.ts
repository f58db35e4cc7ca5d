import { allowsPriceComparison, eligibleReleases, mainCurrency, soleWinnerId, validSingleTendererBids } from './release';
import type { CompiledRelease, RunContext } from './types';

export interface SecondLowestBid {
  /** (lowest valid bid of another tenderer − winning bid) / winning bid. */
  ratio: number;
  winnerId: string;
  secondLowestId: string;
}

/**
 * Shared by R024 and R058: per contracting process, how much the lowest losing valid bid exceeds the
 * winning bid. Only where it can be read without guessing: prices may be compared, every award is final,
 * one active award to one supplier, bids by single tenderers in the main currency, and the winner bid
 * lowest (otherwise the award was not on price alone, and the ratio means nothing).
 */
export function secondLowestBidRatios(releases: readonly CompiledRelease[], context: RunContext): Map<string, SecondLowestBid> {
  const ratios = new Map<string, SecondLowestBid>();
  const currency = mainCurrency(releases, context);
  for (const { ocid, release } of eligibleReleases(releases, context)) {
    if (!allowsPriceComparison(release, context)) continue;
    const sole = soleWinnerId(release);
    if (sole === undefined) continue;
    let winning: { id: string; amount: number } | undefined;
    let lowestOther: { id: string; amount: number } | undefined;
    for (const bid of validSingleTendererBids(sole.bids)) {
      if (bid.currency !== currency) continue;
      const candidate = { id: bid.tendererId, amount: bid.amount };
      // The winner's lowest bid if it made several; strict < keeps the first of equal bids.
      if (bid.tendererId === sole.winnerId) {
        if (winning === undefined || bid.amount < winning.amount) winning = candidate;
      } else if (lowestOther === undefined || bid.amount < lowestOther.amount) {
        lowestOther = candidate;
      }
    }
    // A zero winning bid (a placeholder) would divide by zero; cardinal's `prepare` redacts such amounts.
    if (winning === undefined || lowestOther === undefined || lowestOther.amount < winning.amount || winning.amount <= 0) continue;
    ratios.set(ocid, { ratio: (lowestOther.amount - winning.amount) / winning.amount, winnerId: winning.id, secondLowestId: lowestOther.id });
  }
  return ratios;
}
