import { bilingual, type Bilingual } from '../../platform/errors';
import type { Category } from '../methods/method';

/**
 * 框架协议采购 (财政部令第110号) as plain rules over plain data. Every value of 110号令 is [MEM]
 * (docs/METHODS.md §5): the numbers come from settings (FRAMEWORK_SETTINGS, their defaults here).
 */
export interface FrameworkSettings {
  /** FA-04: suppliers that must respond, and that must be admitted, in a closed framework. */
  minimumResponding: number;
  minimumAdmitted: number;
  /** FA-04: the share of qualifying suppliers eliminated, in basis points (2000 = 20 %), and the fewest eliminated. */
  eliminationRateBp: number;
  minimumEliminated: number;
  /** FA-05: the longest term, in months, of a goods and of a services agreement. */
  goodsTermMonths: number;
  servicesTermMonths: number;
}

export const FRAMEWORK_DEFAULTS: FrameworkSettings = {
  minimumResponding: 2,
  minimumAdmitted: 2,
  eliminationRateBp: 2000,
  minimumEliminated: 1,
  goodsTermMonths: 12,
  servicesTermMonths: 24,
};

/** The settings' keys (per region, platform-wide by default), as `trading.openTenderThresholdFen` is one. */
export const FRAMEWORK_SETTING_KEYS: Record<keyof FrameworkSettings, string> = {
  minimumResponding: 'trading.framework.minimumResponding',
  minimumAdmitted: 'trading.framework.minimumAdmitted',
  eliminationRateBp: 'trading.framework.eliminationRateBp',
  minimumEliminated: 'trading.framework.minimumEliminated',
  goodsTermMonths: 'trading.framework.goodsTermMonths',
  servicesTermMonths: 'trading.framework.servicesTermMonths',
};

export interface RuleProblem {
  ruleId: string;
  code: string;
  field: string;
  messages: Bilingual;
}

const problem = (ruleId: string, code: string, field: string, zh: string, en: string): RuleProblem => ({ ruleId, code, field, messages: bilingual(zh, en) });

/**
 * FA-04: the most suppliers a closed framework may admit out of those qualifying — at least the
 * elimination rate and at least the fewest eliminated go out (integer arithmetic: no float rounding
 * at the 20 % boundary).
 */
export function maximumAdmitted(qualifying: number, s: FrameworkSettings): number {
  const byRate = Math.floor((qualifying * (10_000 - s.eliminationRateBp)) / 10_000);
  return Math.max(0, Math.min(qualifying - s.minimumEliminated, byRate));
}

/** FA-04: whether a closed framework may admit `admitted` of `qualifying` suppliers when `responding` responded. */
export function admissionProblems(f: { responding: number; qualifying: number; admitted: number }, s: FrameworkSettings): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (f.responding < s.minimumResponding)
    out.push(problem('FA-04', 'TOO_FEW_RESPONDING', 'responding', `提交响应文件的供应商不足${s.minimumResponding}家（${f.responding}家）`, `Fewer than ${s.minimumResponding} suppliers responded (${f.responding})`));
  if (f.qualifying < s.minimumResponding)
    out.push(problem('FA-04', 'TOO_FEW_QUALIFYING', 'qualifying', `符合资格条件的供应商不足${s.minimumResponding}家（${f.qualifying}家）`, `Fewer than ${s.minimumResponding} suppliers qualified (${f.qualifying})`));
  if (f.admitted < s.minimumAdmitted)
    out.push(problem('FA-04', 'TOO_FEW_ADMITTED', 'admittedCount', `入围供应商不得少于${s.minimumAdmitted}家`, `At least ${s.minimumAdmitted} suppliers must be admitted`));
  const most = maximumAdmitted(f.qualifying, s);
  if (f.admitted > most)
    out.push(
      problem(
        'FA-04',
        'TOO_FEW_ELIMINATED',
        'admittedCount',
        `淘汰比例不得低于${s.eliminationRateBp / 100}%且至少淘汰${s.minimumEliminated}家：${f.qualifying}家中至多入围${most}家`,
        `At least ${s.eliminationRateBp / 100} % and at least ${s.minimumEliminated} must be eliminated: at most ${most} of ${f.qualifying} may be admitted`,
      ),
    );
  return out;
}

/** The members, best first: the evaluation's valid bids in its ranking, the first `count` of them. */
export function admittedBids<B extends { valid: boolean; rank: number | null }>(bids: readonly B[], count: number): B[] {
  return bids
    .filter((b) => b.valid && b.rank !== null)
    .sort((a, b) => a.rank! - b.rank!)
    .slice(0, count);
}

/** Adds calendar months to a local date (YYYY-MM-DD), the day clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** FA-05: the agreement's term, from its start to its last day inclusive, within the category's months (a term of 12 months from 1 Apr ends by 31 Mar). */
export function termProblem(category: Category, termStart: string, termEnd: string, s: FrameworkSettings): RuleProblem | null {
  if (termEnd < termStart) return problem('FA-05', 'TERM_ENDS_BEFORE_START', 'termEnd', '协议有效期的结束日不得早于开始日', 'The term cannot end before it starts');
  const months = category === 'services' ? s.servicesTermMonths : s.goodsTermMonths;
  const latest = addMonths(termStart, months);
  // The last day allowed is the day before the same date `months` later.
  if (termEnd >= latest)
    return problem(
      'FA-05',
      'TERM_TOO_LONG',
      'termEnd',
      `${category === 'services' ? '服务' : '货物'}项目框架协议有效期一般不超过${months}个月（至${latest}前）`,
      `A ${category} framework agreement runs at most ${months} months (ending before ${latest})`,
    );
  return null;
}

/** FA-08: a directly selected order's price may not exceed the member's admitted price. */
export function directOrderProblem(priceFen: number, admittedPriceFen: number): RuleProblem | null {
  return priceFen > admittedPriceFen ? problem('FA-08', 'ABOVE_ADMITTED_PRICE', 'priceFen', '订单价格不得高于该供应商的入围价格', 'The order’s price may not exceed the supplier’s admitted price') : null;
}

/** FA-07: a second-round competition is capped by the highest admitted price. */
export function competitionCeiling(members: readonly { admittedPriceFen: number }[]): number {
  return Math.max(...members.map((m) => m.admittedPriceFen));
}

/** FA-07: one offer per member, before the deadline, within the ceiling. */
export function offerProblem(f: { member: boolean; alreadyOffered: boolean; now: Date; deadline: Date; priceFen: number; ceilingFen: number }): RuleProblem | null {
  if (!f.member) return problem('FA-07', 'NOT_A_MEMBER', 'supplier', '仅框架协议的入围供应商可以参加二次竞价', 'Only the agreement’s admitted suppliers take part in the competition');
  if (f.now >= f.deadline) return problem('FA-07', 'COMPETITION_CLOSED', 'deadline', '二次竞价已截止', 'The competition has closed');
  if (f.alreadyOffered) return problem('FA-07', 'ALREADY_OFFERED', 'priceFen', '每家入围供应商只能报价一次', 'Each member offers once');
  if (f.priceFen > f.ceilingFen) return problem('FA-07', 'ABOVE_CEILING', 'priceFen', '报价不得高于最高限价（最高入围价格）', 'The offer may not exceed the ceiling (the highest admitted price)');
  return null;
}

/** Sealed until the deadline (exclusive): before it, nobody sees the offers, who made them, or how many there are. */
export const offersSealed = (deadline: Date, now: Date) => now < deadline;

/**
 * FA-07: the lowest offer wins; equal offers go to the member better ranked at the admission (the
 * first stage's evaluation), a fact fixed before any offer was made.
 */
export function competitionWinner<O extends { supplierEntityId: string; priceFen: number }>(offers: readonly O[], rankOf: (supplierEntityId: string) => number): O | null {
  const sorted = [...offers].sort((a, b) => a.priceFen - b.priceFen || rankOf(a.supplierEntityId) - rankOf(b.supplierEntityId));
  return sorted[0] ?? null;
}

/** An order's states (explicit transitions): a direct selection is decided at once; a competition is decided, or fails without offers, after its deadline. */
export const ORDER_TRANSITIONS = {
  decide: { from: ['competing'], to: 'decided' },
  fail: { from: ['competing'], to: 'failed' },
} as const;
export type OrderStatus = 'competing' | 'decided' | 'failed';

export function orderTransition(transition: keyof typeof ORDER_TRANSITIONS, from: OrderStatus): OrderStatus {
  const rule = ORDER_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`order cannot ${transition} from ${from}`);
  return rule.to;
}

/**
 * FA-02 (open, FA-09): an open framework admits EVERY qualifying supplier — no elimination (FA-04's
 * elimination is the closed kind's) — so long as at least `minimumAdmitted` qualify.
 */
export function openAdmissionProblems(f: { qualifying: number }, s: FrameworkSettings): RuleProblem[] {
  return f.qualifying < s.minimumAdmitted
    ? [problem('FA-09', 'TOO_FEW_QUALIFYING', 'qualifying', `符合征集条件的供应商不足${s.minimumAdmitted}家（${f.qualifying}家）`, `Fewer than ${s.minimumAdmitted} suppliers meet the conditions (${f.qualifying})`)]
    : [];
}

/** FA-09: the agreement is in force from its first day to its last day inclusive (Asia/Shanghai dates). */
export const withinTerm = (a: { termStart: string; termEnd: string }, today: string) => today >= a.termStart && today <= a.termEnd;

/**
 * FA-09: during the term any supplier meeting the conditions may apply to join an open agreement, at a
 * price no higher than the highest price admitted in the first stage; not a current member, and not
 * while an application of its own is pending.
 */
export function joinProblem(f: { kind: 'closed' | 'open'; termStart: string; termEnd: string; today: string; member: boolean; pending: boolean; priceFen: number; ceilingFen: number }): RuleProblem | null {
  if (f.kind !== 'open') return problem('FA-09', 'CLOSED_FRAMEWORK', 'kind', '封闭式框架协议不接受新供应商申请加入', 'A closed framework agreement takes no new members');
  if (!withinTerm(f, f.today)) return problem('FA-09', 'OUTSIDE_TERM', 'today', `仅可在框架协议有效期（${f.termStart}至${f.termEnd}）内申请加入`, `Suppliers may apply only within the term (${f.termStart} to ${f.termEnd})`);
  if (f.member) return problem('FA-09', 'ALREADY_MEMBER', 'supplier', '贵公司已是本框架协议的入围供应商', 'You are a member of this agreement already');
  if (f.pending) return problem('FA-09', 'ALREADY_APPLIED', 'supplier', '贵公司已提交申请，正在审核', 'Your application is under review already');
  if (f.priceFen > f.ceilingFen) return problem('FA-09', 'ABOVE_ADMITTED_PRICE', 'priceFen', '申请入围价格不得高于第一阶段最高入围价格', 'The price may not exceed the highest price admitted in the first stage');
  return null;
}

/** FA-09: a member leaves an open agreement by notice, within the term. */
export function leaveProblem(f: { kind: 'closed' | 'open'; termStart: string; termEnd: string; today: string; member: boolean }): RuleProblem | null {
  if (f.kind !== 'open') return problem('FA-09', 'CLOSED_FRAMEWORK', 'kind', '封闭式框架协议的入围供应商不得自行退出', 'A member of a closed agreement may not leave');
  if (!f.member) return problem('FA-09', 'NOT_A_MEMBER', 'supplier', '仅入围供应商可以退出', 'Only a member may leave');
  if (!withinTerm(f, f.today)) return problem('FA-09', 'OUTSIDE_TERM', 'today', `仅可在框架协议有效期（${f.termStart}至${f.termEnd}）内退出`, `Members may leave only within the term (${f.termStart} to ${f.termEnd})`);
  return null;
}

/** An application to join's states (explicit transitions): pending until those running the project admit or refuse it. */
export const APPLICATION_TRANSITIONS = {
  admit: { from: ['pending'], to: 'admitted' },
  refuse: { from: ['pending'], to: 'refused' },
} as const;
export type ApplicationStatus = 'pending' | 'admitted' | 'refused';

export function applicationTransition(transition: keyof typeof APPLICATION_TRANSITIONS, from: ApplicationStatus): ApplicationStatus {
  const rule = APPLICATION_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from)) throw new Error(`application cannot ${transition} from ${from}`);
  return rule.to;
}
