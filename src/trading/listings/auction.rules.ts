/**
 * The online auction (网络竞价) as a pure state machine over plain data: English ascending from the
 * starting price, each bid at least one increment above the highest, a reserve below which nothing
 * is sold, and 限时竞价 — a bid in the last N seconds moves the end to N seconds after that bid
 * (LA-08 to LA-11). The server's clock is passed in (milliseconds since the epoch); nothing here
 * reads a clock, a database or a request.
 */
export interface AuctionState {
  startingPriceFen: number;
  /** The reserve (保留价/底价); the highest bid below it sells nothing (LA-09). Null: the starting price is the reserve. */
  reserveFen: number | null;
  incrementFen: number;
  startsAt: number;
  endsAt: number;
  extensionMs: number;
  highest: { bidderNo: string; amountFen: number; at: number; seq: number } | null;
  /** Accepted bids so far; the next accepted bid gets seq + 1. */
  seq: number;
  extensions: number;
}

export type BidRefusal = 'NOT_STARTED' | 'ENDED' | 'BELOW_START' | 'BELOW_INCREMENT' | 'ALREADY_LEADING';

export type BidDecision =
  | { accepted: true; state: AuctionState; seq: number; extended: boolean }
  | { accepted: false; code: BidRefusal; minimumFen: number };

/** The least amount the next bid may be (LA-08). */
export const minimumNextBid = (s: AuctionState) => (s.highest ? s.highest.amountFen + s.incrementFen : s.startingPriceFen);

/** Whether the auction is over at `now`: the end is exclusive (a bid at endsAt − 1 ms counts, at endsAt it does not). */
export const isOver = (s: AuctionState, now: number) => now >= s.endsAt;

export function placeBid(s: AuctionState, bid: { bidderNo: string; amountFen: number; now: number }): BidDecision {
  const minimumFen = minimumNextBid(s);
  if (bid.now < s.startsAt) return { accepted: false, code: 'NOT_STARTED', minimumFen };
  if (isOver(s, bid.now)) return { accepted: false, code: 'ENDED', minimumFen };
  if (s.highest?.bidderNo === bid.bidderNo) return { accepted: false, code: 'ALREADY_LEADING', minimumFen };
  if (!Number.isSafeInteger(bid.amountFen) || bid.amountFen < minimumFen) return { accepted: false, code: s.highest ? 'BELOW_INCREMENT' : 'BELOW_START', minimumFen };
  // LA-10: within the last N seconds (the end minus N, inclusive, up to the end) the end moves to bid + N.
  const extended = s.endsAt - bid.now <= s.extensionMs && bid.now + s.extensionMs > s.endsAt;
  const seq = s.seq + 1;
  return {
    accepted: true,
    seq,
    extended,
    state: {
      ...s,
      highest: { bidderNo: bid.bidderNo, amountFen: bid.amountFen, at: bid.now, seq },
      seq,
      endsAt: extended ? bid.now + s.extensionMs : s.endsAt,
      extensions: s.extensions + (extended ? 1 : 0),
    },
  };
}

export type AuctionOutcome =
  | { result: 'running' }
  | { result: 'sold'; bidderNo: string; priceFen: number }
  | { result: 'failed'; reason: 'noBids' | 'belowReserve' };

/** What the auction came to at `now` (LA-09, LA-11). */
export function auctionOutcome(s: AuctionState, now: number): AuctionOutcome {
  if (!isOver(s, now)) return { result: 'running' };
  if (!s.highest) return { result: 'failed', reason: 'noBids' };
  if (s.reserveFen !== null && s.highest.amountFen < s.reserveFen) return { result: 'failed', reason: 'belowReserve' };
  return { result: 'sold', bidderNo: s.highest.bidderNo, priceFen: s.highest.amountFen };
}

/** Rebuilds the state from the stored bids in their sequence (a restart resumes from exactly these). */
export function replay(initial: AuctionState, bids: { bidderNo: string; amountFen: number; at: number }[]): AuctionState {
  let s = initial;
  for (const b of bids) {
    const d = placeBid(s, { bidderNo: b.bidderNo, amountFen: b.amountFen, now: b.at });
    if (!d.accepted) throw new Error(`stored bid ${s.seq + 1} does not replay: ${d.code}`);
    s = d.state;
  }
  return s;
}
