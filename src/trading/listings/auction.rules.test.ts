import { describe, expect, it } from 'vitest';
import { auctionOutcome, minimumNextBid, placeBid, replay, type AuctionState } from './auction.rules';

const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);
const start = (over: Partial<AuctionState> = {}): AuctionState => ({
  startingPriceFen: 1_000_000,
  reserveFen: null,
  incrementFen: 10_000,
  startsAt: T0,
  endsAt: T0 + 600_000,
  extensionMs: 60_000,
  highest: null,
  seq: 0,
  extensions: 0,
  ...over,
});
const bid = (s: AuctionState, bidderNo: string, amountFen: number, now: number) => {
  const d = placeBid(s, { bidderNo, amountFen, now });
  if (!d.accepted) throw new Error(d.code);
  return d;
};

describe('English ascending bids (LA-08)', () => {
  it('takes a first bid at the starting price and refuses one fen less', () => {
    expect(placeBid(start(), { bidderNo: '1001', amountFen: 999_999, now: T0 })).toMatchObject({ accepted: false, code: 'BELOW_START', minimumFen: 1_000_000 });
    expect(bid(start(), '1001', 1_000_000, T0).seq).toBe(1);
  });
  it('takes a bid exactly one increment above the highest and refuses one fen less', () => {
    const s = bid(start(), '1001', 1_000_000, T0 + 1).state;
    expect(minimumNextBid(s)).toBe(1_010_000);
    expect(placeBid(s, { bidderNo: '1002', amountFen: 1_009_999, now: T0 + 2 })).toMatchObject({ accepted: false, code: 'BELOW_INCREMENT' });
    expect(bid(s, '1002', 1_010_000, T0 + 2).state.highest).toMatchObject({ bidderNo: '1002', amountFen: 1_010_000, seq: 2 });
  });
  it('does not let the leader outbid itself, nor anyone bid before the start', () => {
    const s = bid(start(), '1001', 1_000_000, T0).state;
    expect(placeBid(s, { bidderNo: '1001', amountFen: 2_000_000, now: T0 + 5 })).toMatchObject({ accepted: false, code: 'ALREADY_LEADING' });
    expect(placeBid(start(), { bidderNo: '1001', amountFen: 1_000_000, now: T0 - 1 })).toMatchObject({ accepted: false, code: 'NOT_STARTED' });
  });
});

describe('限时竞价 (LA-10) and the end (LA-11)', () => {
  it('takes a bid in the last millisecond and refuses one at the end', () => {
    const s = start();
    expect(placeBid(s, { bidderNo: '1001', amountFen: 1_000_000, now: s.endsAt })).toMatchObject({ accepted: false, code: 'ENDED' });
    const d = bid(s, '1001', 1_000_000, s.endsAt - 1);
    expect(d.extended).toBe(true);
    expect(d.state.endsAt).toBe(s.endsAt - 1 + 60_000);
  });
  it('does not extend for a bid just before the last N seconds, and does at exactly N seconds before the end', () => {
    const s = start();
    expect(bid(s, '1001', 1_000_000, s.endsAt - 60_001)).toMatchObject({ extended: false, state: { endsAt: s.endsAt } });
    expect(bid(s, '1001', 1_000_000, s.endsAt - 60_000)).toMatchObject({ extended: false, state: { endsAt: s.endsAt } });
    expect(bid(s, '1001', 1_000_000, s.endsAt - 59_999)).toMatchObject({ extended: true, state: { endsAt: s.endsAt + 1 } });
  });
  it('extends twice, each time to N seconds after the bid, and then ends', () => {
    let s = start();
    const firstEnd = s.endsAt;
    s = bid(s, '1001', 1_000_000, firstEnd - 10_000).state;
    expect(s.endsAt).toBe(firstEnd + 50_000);
    s = bid(s, '1002', 1_010_000, s.endsAt - 1_000).state;
    expect(s.endsAt).toBe(firstEnd + 50_000 - 1_000 + 60_000);
    expect(s.extensions).toBe(2);
    expect(auctionOutcome(s, s.endsAt - 1)).toEqual({ result: 'running' });
    expect(auctionOutcome(s, s.endsAt)).toEqual({ result: 'sold', bidderNo: '1002', priceFen: 1_010_000 });
    expect(placeBid(s, { bidderNo: '1001', amountFen: 1_020_000, now: s.endsAt })).toMatchObject({ accepted: false, code: 'ENDED' });
  });
});

describe('the reserve (LA-09) and a restart', () => {
  it('sells at the reserve, not one increment below it', () => {
    const s = start({ reserveFen: 1_010_000 });
    const below = bid(s, '1001', 1_000_000, T0).state;
    expect(auctionOutcome(below, below.endsAt)).toEqual({ result: 'failed', reason: 'belowReserve' });
    const at = bid(below, '1002', 1_010_000, T0 + 1).state;
    expect(auctionOutcome(at, at.endsAt)).toMatchObject({ result: 'sold', priceFen: 1_010_000 });
    expect(auctionOutcome(s, s.endsAt)).toEqual({ result: 'failed', reason: 'noBids' });
  });
  it('replays stored bids to the same highest bid and end', () => {
    const s0 = start();
    const bids = [
      { bidderNo: '1001', amountFen: 1_000_000, at: T0 + 1 },
      { bidderNo: '1002', amountFen: 1_020_000, at: s0.endsAt - 5_000 },
      { bidderNo: '1001', amountFen: 1_030_000, at: s0.endsAt + 50_000 },
    ];
    let live = s0;
    for (const b of bids) live = bid(live, b.bidderNo, b.amountFen, b.at).state;
    expect(replay(s0, bids)).toEqual(live);
  });
});
