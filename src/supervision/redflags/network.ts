import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * The co-bidding network: which suppliers bid together in far more lots than chance would bring them
 * together, which of them form groups, and whether a group's members take turns winning (轮流中标).
 * Pure function over awarded lots; no database, no HTTP.
 *
 * Law: 招标投标法实施条例 第三十九条 (投标人之间约定中标人; 约定部分投标人放弃投标或者中标) and 政府采购法实施条例
 * 第七十四条第（五）（六）项 (事先约定由某一特定供应商中标、成交; 商定部分供应商放弃…中标、成交), both read in the full
 * texts. RULES.md §4.2 lists them without rule IDs, so the output cites the articles. A flag is a lead for a
 * supervisor, not proof: collusion is proven by the evidence of §4.3 (same files, accounts, people), not by counts.
 *
 * Model (for pairs). Lots are grouped into markets (same category; lots without one form one market).
 * Under independence, a supplier that bid in n_a of a market's N lots picks them at random, so the
 * number of that market's lots where a and b both bid is hypergeometric with mean n_a·n_b/N
 * (the brief's Σ over lots of p_a·p_b, with p_x = n_x/N). Over markets, expected E = Σ n_a·n_b/N.
 * The pair is flagged when lift = observed/E ≥ minLift and the Poisson upper tail P(X ≥ observed | mean E)
 * ≤ maxPValue. A sum of hypergeometric counts is less spread out than a Poisson count of the same mean
 * (it is smaller in the convex order), so the Poisson tail overstates p: the test errs towards not flagging.
 *
 * Many pairs are tested at once: 20,000 suppliers make 2·10⁸ pairs, and a per-pair p ≤ 0.01 with lift ≥ 3
 * then flags hundreds of pairs by chance alone (392 in the scale test's random market). So the pairs that
 * pass are also put through the Benjamini–Hochberg step-up procedure at falseDiscoveryRate, counting every
 * possible pair of active suppliers as a hypothesis (pairs that never met have p = 1). Pairs that failed the
 * lift bound are left out of the ranking, which can only lower the others' ranks: conservative.
 */

export interface LotRecord {
  lotId: string;
  regionCode?: string;
  category?: string;
  /** Supplier ids that bid in the lot (a supplier listed twice counts once). */
  bidders: string[];
  winner: string | null;
  awardedAt?: string;
}

export interface NetworkSettings {
  /** A pair is examined only with at least this many lots bid together. */
  minCoBids: number;
  /** Observed / expected co-bids at or above which a pair can be flagged. */
  minLift: number;
  /** One-sided Poisson tail probability at or below which a pair can be flagged. */
  maxPValue: number;
  /** Benjamini–Hochberg false discovery rate over all pairs of active suppliers (see the model above). */
  falseDiscoveryRate: number;
  /** Lots with more bidders are left out of the pair model (a lot with n bidders makes n(n-1)/2 pairs). */
  maxBiddersPerLot: number;
  /** Rotation score (share won by members × evenness of their wins) at or above which a group is flagged. */
  minRotationScore: number;
  /** A group's rotation is judged only over at least this many lots where two or more members bid. */
  minGroupLots: number;
}

/**
 * minCoBids 3: two shared lots happen between any two active suppliers. minLift 3 and p ≤ 0.01: both must
 * hold, so a pair of very active suppliers with a high count but a modest lift, and a pair of rare
 * suppliers with a high lift on 3 lots but a plausible count, are both left alone; with 780 pairs among
 * 40 suppliers, p ≤ 0.01 alone would flag about 8 honest pairs, the lift bound removes them.
 * falseDiscoveryRate 0.05: the usual rate; of the flagged pairs, about one in twenty may be chance.
 * (A lone pair among 5 suppliers, 10 possible pairs, then needs p ≤ 0.005.)
 * maxBiddersPerLot 30: framework-agreement and e-mall lots with hundreds of entrants say nothing about
 * collusion and would dominate the work. minRotationScore 0.6: between two members it allows a split no
 * more uneven than about 85/15 when members win every lot. minGroupLots 3: "taking turns" needs turns.
 */
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = { minCoBids: 3, minLift: 3, maxPValue: 0.01, falseDiscoveryRate: 0.05, maxBiddersPerLot: 30, minRotationScore: 0.6, minGroupLots: 3 };

export interface SupplierPair {
  a: string;
  b: string;
  /** Lots both bid in (the lots in the pair model). */
  coBids: number;
  expected: number;
  lift: number;
  pValue: number;
  lotIds: string[];
  flagged: true;
  basis: Bilingual;
  explanation: Bilingual;
}

export interface SupplierGroup {
  members: string[];
  /** Lots where at least two members bid. */
  lotIds: string[];
  /** Of those, lots awarded to anyone. */
  awardedLots: number;
  /** Of those, lots won by a member, by member (members without a win show 0). */
  winsByMember: Record<string, number>;
  /** Lots won by a member / awarded lots. */
  memberWinShare: number;
  /** Normalised entropy of the members' wins: 1 when they win equally often, 0 when one wins them all. */
  evenness: number;
  rotationScore: number;
  flagged: boolean;
  basis: Bilingual;
  explanation: Bilingual;
}

/** For an ECharts graph: suppliers in a flagged pair, and every pair among them with at least minCoBids co-bids. */
export interface NetworkGraph {
  nodes: { id: string; lots: number; wins: number }[];
  edges: { a: string; b: string; coBids: number; lift: number; flagged: boolean }[];
}

export interface CoBiddingNetwork {
  pairs: SupplierPair[];
  groups: SupplierGroup[];
  graph: NetworkGraph;
  /** Lots left out of the pair model because they had more than maxBiddersPerLot bidders. */
  skippedLots: string[];
  notes: Bilingual;
}

export const PAIR_BASIS = bilingual(
  '《招标投标法实施条例》第三十九条：投标人之间协商投标报价等实质性内容、约定中标人、约定部分投标人放弃投标或者中标的，属于串通投标；《政府采购法实施条例》第七十四条第（三）（五）（六）项：供应商之间协商报价、事先约定由某一特定供应商中标、商定部分供应商放弃中标的，属于恶意串通',
  'Regulations on the Implementation of the Bidding Law, art. 39: bidders agreeing prices, agreeing the winner, or agreeing that some will not bid or win is collusion; Regulations on the Implementation of the Government Procurement Law, art. 74 items (3), (5) and (6): suppliers agreeing prices, agreeing beforehand that a given supplier wins, or agreeing that some give up winning is malicious collusion',
);

export const ROTATION_BASIS = bilingual(
  '《招标投标法实施条例》第三十九条第（二）（三）项：投标人之间约定中标人、约定部分投标人放弃投标或者中标；《政府采购法实施条例》第七十四条第（五）（六）项：事先约定由某一特定供应商中标、成交，商定部分供应商放弃参加政府采购活动或者放弃中标、成交',
  'Regulations on the Implementation of the Bidding Law, art. 39 items (2) and (3): bidders agreeing the winner, or that some will not bid or win; Regulations on the Implementation of the Government Procurement Law, art. 74 items (5) and (6): agreeing beforehand that a given supplier wins, or that some suppliers stay out or give up winning',
);

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-14 over the range used here). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Poisson(mean). Sums the upper tail directly when k is above the mean, so tiny p-values keep their digits. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  const logPmf = (i: number) => -mean + i * Math.log(mean) - logGamma(i + 1);
  if (k <= mean) {
    let lower = 0;
    for (let i = 0; i < k; i++) lower += Math.exp(logPmf(i));
    return Math.min(1, Math.max(0, 1 - lower));
  }
  let term = Math.exp(logPmf(k));
  let sum = 0;
  for (let i = k; term > 0 && term >= sum * 1e-17; i++) {
    sum += term;
    term *= mean / (i + 1);
  }
  return Math.min(1, sum);
}

const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '∞');
const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/**
 * Builds the network. Linear in the number of bids plus the pairs within each lot (at most
 * maxBiddersPerLot²/2 per lot): 100,000 lots with 1,000,000 bids take a few seconds.
 */
export function coBiddingNetwork(lots: readonly LotRecord[], settings: Partial<NetworkSettings> = {}): CoBiddingNetwork {
  const s = { ...DEFAULT_NETWORK_SETTINGS, ...settings };

  // Suppliers and markets as small integers, so a pair is one number (a·S + b) in a Map.
  const supplierIndex = new Map<string, number>();
  const supplierIds: string[] = [];
  const intern = (id: string) => {
    let i = supplierIndex.get(id);
    if (i === undefined) {
      i = supplierIds.push(id) - 1;
      supplierIndex.set(id, i);
    }
    return i;
  };
  const marketIndex = new Map<string, number>();
  const marketSize: number[] = [];

  const lotBidders: (number[] | null)[] = []; // null: left out of the pair model
  const lotMarket: number[] = [];
  const lotsOf: number[] = [];
  const winsOf: number[] = [];
  const skippedLots: string[] = [];
  /** Per supplier: market → lots bid in that market (pair model lots only). */
  const participation: Map<number, number>[] = [];

  for (const lot of lots) {
    const bidders = [...new Set(lot.bidders)].map(intern);
    for (const b of bidders) {
      lotsOf[b] = (lotsOf[b] ?? 0) + 1;
      participation[b] ??= new Map();
    }
    if (lot.winner !== null) {
      const w = intern(lot.winner);
      winsOf[w] = (winsOf[w] ?? 0) + 1;
      participation[w] ??= new Map();
    }
    const key = lot.category ?? '';
    let m = marketIndex.get(key);
    if (m === undefined) {
      m = marketSize.push(0) - 1;
      marketIndex.set(key, m);
    }
    lotMarket.push(m);
    if (bidders.length > s.maxBiddersPerLot) {
      skippedLots.push(lot.lotId);
      lotBidders.push(null);
      continue;
    }
    marketSize[m]!++;
    for (const b of bidders) participation[b]!.set(m, (participation[b]!.get(m) ?? 0) + 1);
    bidders.sort((x, y) => x - y);
    lotBidders.push(bidders);
  }

  const S = supplierIds.length;
  const coBids = new Map<number, number>();
  for (const bidders of lotBidders) {
    if (!bidders) continue;
    for (let i = 0; i < bidders.length; i++) {
      const base = bidders[i]! * S;
      for (let j = i + 1; j < bidders.length; j++) {
        const key = base + bidders[j]!;
        coBids.set(key, (coBids.get(key) ?? 0) + 1);
      }
    }
  }

  const expectedOf = (a: number, b: number) => {
    const [pa, pb] = participation[a]!.size <= participation[b]!.size ? [participation[a]!, participation[b]!] : [participation[b]!, participation[a]!];
    let e = 0;
    for (const [m, na] of pa) {
      const nb = pb.get(m);
      if (nb) e += (na * nb) / marketSize[m]!;
    }
    return e;
  };

  // Pairs: lift first (cheap), the tail only for pairs that pass it, then Benjamini–Hochberg.
  type Candidate = { key: number; a: number; b: number; observed: number; expected: number; lift: number; pValue: number };
  const candidates: Candidate[] = [];
  for (const [key, observed] of coBids) {
    if (observed < s.minCoBids) continue;
    const a = Math.floor(key / S);
    const b = key - a * S;
    const expected = expectedOf(a, b);
    const lift = observed / expected;
    if (lift < s.minLift) continue;
    const pValue = poissonUpperTail(observed, expected);
    if (pValue > s.maxPValue) continue;
    candidates.push({ key, a, b, observed, expected, lift, pValue });
  }
  candidates.sort((x, y) => x.pValue - y.pValue);
  let active = 0;
  for (const p of participation) if (p && p.size > 0) active++;
  const hypotheses = (active * (active - 1)) / 2;
  let kept = 0;
  candidates.forEach((c, i) => {
    if (c.pValue <= ((i + 1) * s.falseDiscoveryRate) / hypotheses) kept = i + 1;
  });
  const flagged = new Map(candidates.slice(0, kept).map((c) => [c.key, c]));

  // The lots of each flagged pair, in input order: a second pass over the lots, only when something was flagged.
  const pairLots = new Map<number, string[]>();
  if (flagged.size) {
    const inFlagged = new Set<number>();
    for (const f of flagged.values()) inFlagged.add(f.a).add(f.b);
    lotBidders.forEach((bidders, l) => {
      if (!bidders) return;
      const members = bidders.filter((b) => inFlagged.has(b));
      for (let i = 0; i < members.length; i++)
        for (let j = i + 1; j < members.length; j++) {
          const key = members[i]! * S + members[j]!;
          if (flagged.has(key)) (pairLots.get(key) ?? pairLots.set(key, []).get(key)!).push(lots[l]!.lotId);
        }
    });
  }

  const pairs: SupplierPair[] = [...flagged.entries()]
    .map(([key, f]): SupplierPair => {
      const a = supplierIds[f.a]!;
      const b = supplierIds[f.b]!;
      return {
        a,
        b,
        coBids: f.observed,
        expected: f.expected,
        lift: f.lift,
        pValue: f.pValue,
        lotIds: pairLots.get(key) ?? [],
        flagged: true,
        basis: PAIR_BASIS,
        explanation: bilingual(
          `供应商 ${a} 与 ${b} 共同投标 ${f.observed} 个标项；按两者在同一品目中的投标频率随机组合，预期约 ${fmt(f.expected)} 个（${fmt(f.lift, 1)} 倍，泊松单侧尾概率 p=${fmtP(f.pValue)}）。频繁同场投标可能是陪标或约定中标，请结合报价、投标文件等证据核实（《招标投标法实施条例》第三十九条；《政府采购法实施条例》第七十四条）。`,
          `Suppliers ${a} and ${b} bid together in ${f.observed} lots; if each chose its lots at random within the category at its own rate, about ${fmt(f.expected)} would be expected (${fmt(f.lift, 1)} times, one-sided Poisson tail p=${fmtP(f.pValue)}). Bidding together this often may be cover bidding or an agreed winner: check prices and bid files (Bidding Law Regulations art. 39; Government Procurement Law Regulations art. 74).`,
        ),
      };
    })
    .sort((x, y) => x.pValue - y.pValue || y.lift - x.lift || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));

  // Groups: connected components of the flagged pairs (union-find).
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    while (parent.get(x)! !== r) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  for (const f of flagged.values()) {
    if (!parent.has(f.a)) parent.set(f.a, f.a);
    if (!parent.has(f.b)) parent.set(f.b, f.b);
    const ra = find(f.a);
    const rb = find(f.b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const components = new Map<number, number[]>();
  for (const x of parent.keys()) (components.get(find(x)) ?? components.set(find(x), []).get(find(x))!).push(x);
  const groupMembers = [...components.values()].map((ms) => ms.sort((x, y) => supplierIds[x]!.localeCompare(supplierIds[y]!)));
  const groupOf = new Map<number, number>();
  groupMembers.forEach((ms, g) => ms.forEach((m) => groupOf.set(m, g)));

  // Rotation: over the lots where two or more members of a group bid (pair-model lots).
  const groupLots: string[][] = groupMembers.map(() => []);
  const groupAwarded = groupMembers.map(() => 0);
  const groupWins: Map<number, number>[] = groupMembers.map(() => new Map());
  if (groupMembers.length) {
    lotBidders.forEach((bidders, l) => {
      if (!bidders) return;
      const present = new Map<number, number>();
      for (const b of bidders) {
        const g = groupOf.get(b);
        if (g !== undefined) present.set(g, (present.get(g) ?? 0) + 1);
      }
      const lot = lots[l]!;
      for (const [g, n] of present) {
        if (n < 2) continue;
        groupLots[g]!.push(lot.lotId);
        if (lot.winner === null) continue;
        groupAwarded[g]!++;
        const w = supplierIndex.get(lot.winner)!;
        if (groupOf.get(w) === g) groupWins[g]!.set(w, (groupWins[g]!.get(w) ?? 0) + 1);
      }
    });
  }

  const groups: SupplierGroup[] = groupMembers
    .map((ms, g): SupplierGroup => {
      const members = ms.map((m) => supplierIds[m]!);
      const wins = ms.map((m) => groupWins[g]!.get(m) ?? 0);
      const r = rotation(wins, groupAwarded[g]!);
      const lotCount = groupLots[g]!.length;
      const flaggedGroup = lotCount >= s.minGroupLots && r.distinctWinners >= 2 && r.score >= s.minRotationScore;
      const winsText = members.map((m, i) => `${m}:${wins[i]}`).join(', ');
      return {
        members,
        lotIds: groupLots[g]!,
        awardedLots: groupAwarded[g]!,
        winsByMember: Object.fromEntries(members.map((m, i) => [m, wins[i]!])),
        memberWinShare: r.share,
        evenness: r.evenness,
        rotationScore: r.score,
        flagged: flaggedGroup,
        basis: ROTATION_BASIS,
        explanation: flaggedGroup
          ? bilingual(
              `${members.length} 家供应商（${members.join('、')}）在 ${lotCount} 个标项中同场投标，已定标的 ${groupAwarded[g]} 个中由成员中标 ${r.won} 个，且中标在成员间分布均匀（${winsText}；轮流中标评分 ${fmt(r.score)} = 成员中标占比 ${fmt(r.share)} × 均匀度 ${fmt(r.evenness)}），呈轮流中标特征，请核查是否约定中标人。`,
              `${members.length} suppliers (${members.join(', ')}) bid together in ${lotCount} lots; of the ${groupAwarded[g]} awarded, members won ${r.won}, spread evenly among them (${winsText}; rotation score ${fmt(r.score)} = members' share ${fmt(r.share)} × evenness ${fmt(r.evenness)}): they look like they take turns winning. Check whether the winner was agreed.`,
            )
          : bilingual(
              `${members.length} 家供应商（${members.join('、')}）频繁同场投标（${lotCount} 个标项），但中标情况不呈轮流特征（${winsText}；轮流中标评分 ${fmt(r.score)}，阈值 ${fmt(s.minRotationScore)}）。`,
              `${members.length} suppliers (${members.join(', ')}) often bid together (${lotCount} lots), but their wins do not look like taking turns (${winsText}; rotation score ${fmt(r.score)}, threshold ${fmt(s.minRotationScore)}).`,
            ),
      };
    })
    .sort((x, y) => Number(y.flagged) - Number(x.flagged) || y.rotationScore - x.rotationScore || y.members.length - x.members.length || x.members[0]!.localeCompare(y.members[0]!));

  // Graph: nodes in a flagged pair; edges are all examined pairs among them, flagged or not.
  const nodeSet = new Set<number>(parent.keys());
  const edges: NetworkGraph['edges'] = [];
  if (nodeSet.size) {
    for (const [key, observed] of coBids) {
      if (observed < s.minCoBids) continue;
      const a = Math.floor(key / S);
      const b = key - a * S;
      if (!nodeSet.has(a) || !nodeSet.has(b)) continue;
      const f = flagged.get(key);
      edges.push({ a: supplierIds[a]!, b: supplierIds[b]!, coBids: observed, lift: f ? f.lift : observed / expectedOf(a, b), flagged: f !== undefined });
    }
  }
  edges.sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  const nodes = [...nodeSet].map((i) => ({ id: supplierIds[i]!, lots: lotsOf[i] ?? 0, wins: winsOf[i] ?? 0 })).sort((x, y) => x.id.localeCompare(y.id));

  return {
    pairs,
    groups,
    graph: { nodes, edges },
    skippedLots,
    notes: bilingual(
      `共分析 ${lots.length - skippedLots.length} 个标项；${skippedLots.length} 个投标人超过 ${s.maxBiddersPerLot} 家的标项未计入共同投标统计（但计入节点的投标数和中标数）。共同投标 ≥ ${s.minCoBids} 次、超出随机预期 ≥ ${fmt(s.minLift, 1)} 倍且 p ≤ ${s.maxPValue} 的供应商对被标记，并对全部 ${hypotheses} 个可能的供应商对控制错误发现率 ≤ ${s.falseDiscoveryRate}。结果仅为线索，不构成串通投标的认定。`,
      `${lots.length - skippedLots.length} lots analysed; ${skippedLots.length} lots with more than ${s.maxBiddersPerLot} bidders were left out of the co-bid counts (they still count in the nodes' lots and wins). Pairs with ≥ ${s.minCoBids} co-bids, ≥ ${fmt(s.minLift, 1)} times the chance expectation and p ≤ ${s.maxPValue} are flagged, keeping the false discovery rate over all ${hypotheses} possible pairs at ${s.falseDiscoveryRate}. These are leads, not findings of collusion.`,
    ),
  };
}

/**
 * Rotation score = share of the awarded co-bid lots won by a member × evenness of the members' wins.
 * Evenness is Shannon entropy normalised by its maximum, ln(min(members, lots won by members)): a group
 * of five that won three lots can at best have three winners, and three different winners is as even as
 * it gets. Fewer than two winners: evenness 0 (one supplier always winning is another pattern, not turns).
 */
export function rotation(winsByMember: readonly number[], awardedLots: number): { won: number; share: number; evenness: number; score: number; distinctWinners: number } {
  const won = winsByMember.reduce((x, y) => x + y, 0);
  const distinctWinners = winsByMember.filter((w) => w > 0).length;
  const share = awardedLots > 0 ? won / awardedLots : 0;
  const slots = Math.min(winsByMember.length, won);
  let evenness = 0;
  if (slots >= 2) {
    let h = 0;
    for (const w of winsByMember) if (w > 0) h -= (w / won) * Math.log(w / won);
    evenness = Math.min(1, h / Math.log(slots));
  }
  return { won, share, evenness, score: share * evenness, distinctWinners };
}
