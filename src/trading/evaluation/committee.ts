import { bilingual, type Bilingual } from '../../platform/errors';
import { drawOrder } from './scoring';

/**
 * The evaluation committee's composition (GP-40, GP-41, GP-42) and the random, replayable
 * draw of experts with recusal (GP-43). Pure functions.
 */
export const COMPLEX_BUDGET_FEN = 10_000_000 * 100; // 1,000万元 "以上" includes the amount (T-04)

export interface CommitteeRequest {
  size: number;
  experts: number;
  purchaserRepresentatives: number;
}

/** The method's panel for this project: its name, its smallest size (methods.ts minimumPanel), and its composition rules (PanelRule). */
export interface PanelMinimum {
  name: Bilingual;
  minimum: { count: number; ruleId: string };
  odd: boolean;
  expertShareRuleId: string | null;
}

export function committeeProblems(r: CommitteeRequest, panel: PanelMinimum): { ruleId: string; messages: Bilingual }[] {
  const problems: { ruleId: string; messages: Bilingual }[] = [];
  const { count, ruleId } = panel.minimum;
  if (r.size < count || (panel.odd && r.size % 2 === 0))
    problems.push({
      ruleId,
      messages: panel.odd
        ? bilingual(`${panel.name['zh-CN']}应为${count}人以上单数`, `The ${panel.name['en-US']} needs an odd number of members, at least ${count}`)
        : bilingual(`${panel.name['zh-CN']}应为${count}人以上`, `The ${panel.name['en-US']} needs at least ${count} members`),
    });
  if (r.experts + r.purchaserRepresentatives !== r.size) problems.push({ ruleId, messages: bilingual('专家与采购人代表人数之和应等于成员人数', 'Experts and purchaser representatives must add up to the number of members') });
  // Experts at least two thirds: 3 × experts ≥ 2 × size (GP-42: 5 → 4, 7 → 5, 9 → 6; 3 → 2).
  if (panel.expertShareRuleId && 3 * r.experts < 2 * r.size) problems.push({ ruleId: panel.expertShareRuleId, messages: bilingual('评审专家不得少于成员总数的三分之二', 'Experts must be at least two thirds of the members') });
  return problems;
}

export interface PoolExpert {
  id: string;
  specialities: string[];
  employerEntityId: string | null;
  status: 'active' | 'suspended' | 'debarred';
  unavailableDates: string[];
  /** Times sampled for this purchaser within the region's look-back period. */
  recentDrawsForPurchaser: number;
  declaredConflicts: string[];
  /** An agency's staff never evaluate their own agency's projects (GP-43). */
  agencyEntityId: string | null;
}

export interface DrawRequest {
  count: number;
  specialities: string[];
  date: string;
  purchaserEntityId: string;
  agencyEntityId: string | null;
  bidderEntityIds: string[];
  maxDrawsPerPurchaser: number;
  /** Already drawn or refused, for a redraw. */
  excludedExpertIds: string[];
}

export type Recusal = 'notActive' | 'wrongSpeciality' | 'unavailable' | 'employedByParty' | 'declaredConflict' | 'ownAgency' | 'drawnTooOften' | 'alreadyDrawn';

export function recusalReason(e: PoolExpert, r: DrawRequest): Recusal | null {
  if (r.excludedExpertIds.includes(e.id)) return 'alreadyDrawn';
  if (e.status !== 'active') return 'notActive';
  if (!e.specialities.some((s) => r.specialities.some((want) => s === want || s.startsWith(`${want}.`)))) return 'wrongSpeciality';
  if (e.unavailableDates.includes(r.date)) return 'unavailable';
  const parties = [r.purchaserEntityId, ...r.bidderEntityIds];
  if (e.employerEntityId && parties.includes(e.employerEntityId)) return 'employedByParty';
  if (e.declaredConflicts.some((c) => parties.includes(c))) return 'declaredConflict';
  if (r.agencyEntityId && (e.agencyEntityId === r.agencyEntityId || e.employerEntityId === r.agencyEntityId)) return 'ownAgency';
  if (e.recentDrawsForPurchaser >= r.maxDrawsPerPurchaser) return 'drawnTooOften';
  return null;
}

/**
 * Draws `count` experts from the eligible pool. The order is an HMAC of each expert's id under
 * the recorded seed, so a supervisor holding the seed and the pool can replay the draw exactly.
 */
export function drawExperts(pool: PoolExpert[], request: DrawRequest, seed: string) {
  const recused = pool.map((e) => ({ id: e.id, reason: recusalReason(e, request) }));
  const eligible = recused.filter((x) => x.reason === null).map((x) => x.id);
  return {
    drawn: drawOrder(eligible, seed).slice(0, request.count),
    shortBy: Math.max(0, request.count - eligible.length),
    recused: recused.filter((x) => x.reason !== null) as { id: string; reason: Recusal }[],
  };
}

/**
 * 推选组长: the committee elects its chair. A candidate holding the votes of more than half of the
 * members is elected; until then nobody is (the provisional chair stays).
 */
export function electedChair(votes: { voterId: string; candidateId: string }[], memberIds: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of votes) if (memberIds.includes(v.voterId) && memberIds.includes(v.candidateId)) counts.set(v.candidateId, (counts.get(v.candidateId) ?? 0) + 1);
  for (const [candidate, n] of counts) if (n * 2 > memberIds.length) return candidate;
  return null;
}
