// npm run bench:evaluation [-- experts bids]
// The evaluation arithmetic at the scale of a province, beside naive baselines in the same run:
//   1. drawing 7 experts from a library of N with recusal and a recorded seed (HMAC order)
//      vs. a Fisher–Yates shuffle with Math.random (not replayable, no recusal);
//   2. evaluating a lot of B bids by 9 members on 10 criteria (review majority, averages,
//      price scores, ranking, ties) vs. summing the same score rows in one loop.
import { randomBytes } from 'node:crypto';
import { drawExperts, type PoolExpert } from '../src/trading/evaluation/committee';
import { evaluateLot, REVIEW_CRITERIA, type EvaluationInput } from '../src/trading/evaluation/evaluation.rules';

const experts = Number(process.argv[2] ?? 20_000);
const bidCount = Number(process.argv[3] ?? 300);
const rounds = 50;

function time(label: string, work: () => unknown) {
  work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) work();
  const ms = (performance.now() - started) / rounds;
  console.log(`${label.padEnd(62)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

const specialities = ['A02', 'A02.01', 'A03', 'C01', 'D01'];
const pool: PoolExpert[] = Array.from({ length: experts }, (_, i) => ({
  id: `e${i.toString().padStart(6, '0')}`,
  specialities: [specialities[i % specialities.length]!],
  employerEntityId: `org${i % 900}`,
  status: i % 50 === 0 ? 'suspended' : 'active',
  unavailableDates: i % 7 === 0 ? ['2026-03-23'] : [],
  recentDrawsForPurchaser: i % 11,
  declaredConflicts: i % 13 === 0 ? ['bidder3'] : [],
  agencyEntityId: null,
}));
const request = { count: 7, specialities: ['A02'], date: '2026-03-23', purchaserEntityId: 'org1', agencyEntityId: 'org2', bidderEntityIds: ['bidder1', 'bidder2', 'bidder3'], maxDrawsPerPurchaser: 3, excludedExpertIds: [] };

console.log(`Library of ${experts} experts, draw of 7; lot of ${bidCount} bids, 9 members, 10 criteria; mean of ${rounds} runs`);
const draw = time('draw with recusal, HMAC order under a recorded seed', () => drawExperts(pool, request, randomBytes(32).toString('hex')));
const naiveDraw = time('baseline: Fisher–Yates shuffle of the library (Math.random)', () => {
  const ids = pool.map((e) => e.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, 7);
});

const members = Array.from({ length: 9 }, (_, i) => `m${i}`);
const criteria = [{ name: '价格', weight: 30, isPrice: true }, ...Array.from({ length: 9 }, (_, i) => ({ name: `技术${i}`, weight: 70 / 9, isPrice: false }))];
const bids = Array.from({ length: bidCount }, (_, i) => ({ bidId: `b${i}`, supplierEntityId: `s${i}`, supplierName: `供应商${i}`, priceFen: 100_000_000 + ((i * 7919) % 20_000_000), sme: (i % 3 === 0 ? 'smallMicro' : 'none') as 'smallMicro' | 'none', coreBrand: `brand${i % 40}` }));
const input: EvaluationInput = {
  method: 'scoring',
  criteria,
  rates: { smallMicroBp: 1000, consortiumBp: null },
  ceilingFen: 130_000_000,
  minimumValidBids: { count: 3, ruleId: 'GP-35' },
  memberIds: members,
  bids,
  reviews: bids.flatMap((b) => members.flatMap((personId) => REVIEW_CRITERIA.map((criterion) => ({ bidId: b.bidId, personId, criterion, passed: true, reason: null })))),
  scores: bids.flatMap((b, i) => members.flatMap((personId, j) => criteria.filter((c) => !c.isPrice).map((c) => ({ bidId: b.bidId, personId, criterion: c.name, points: ((i + j) % 7) * 0.5 })))),
  explanations: [],
  corrections: [],
  abnormalThresholdBp: 2000,
  tieSeed: 'bench',
};
const evaluation = time(`evaluateLot (${input.scores.length} score rows, ${input.reviews.length} review rows)`, () => evaluateLot(input));
const naiveSum = time('baseline: one loop summing the score rows per bid', () => {
  const totals = new Map<string, number>();
  for (const s of input.scores) totals.set(s.bidId, (totals.get(s.bidId) ?? 0) + s.points);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
});
console.log(`ratios: draw ${(draw / naiveDraw).toFixed(1)}× the shuffle; evaluation ${(evaluation / naiveSum).toFixed(1)}× the loop`);
