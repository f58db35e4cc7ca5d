import { bilingual, type Bilingual } from '../../platform/errors';
import type { Milestone } from './contract.schema';

/** Contract and acceptance checks (pure). Amounts are integer fen. */
export interface Problem {
  field: string;
  messages: Bilingual;
}

/** The payment milestones must add up to the contract price exactly, with due dates in order. */
export function milestoneProblems(milestones: Omit<Milestone, 'no'>[], priceFen: number): Problem[] {
  const problems: Problem[] = [];
  const sum = milestones.reduce((s, m) => s + m.amountFen, 0);
  if (sum !== priceFen)
    problems.push({ field: 'milestones', messages: bilingual(`各期付款金额之和（${sum / 100}元）应等于合同金额（${priceFen / 100}元）`, `The milestones add up to ${sum / 100} yuan; the contract price is ${priceFen / 100} yuan`) });
  milestones.forEach((m, i) => {
    if (i > 0 && m.dueDate < milestones[i - 1]!.dueDate) problems.push({ field: `milestones.${i}.dueDate`, messages: bilingual('履约节点的日期应按先后顺序排列', 'Milestone dates must be in order') });
  });
  return problems;
}

export interface AcceptanceVerdict {
  result: 'pass' | 'partial' | 'fail';
  payableFen?: number | null;
  findings: string;
}

/** A fail or a partial acceptance says why; a partial one names the amount accepted, less than the milestone. A passed milestone is closed. */
export function acceptanceProblems(m: Milestone, v: AcceptanceVerdict, previous: { result: string }[]): Problem[] {
  const problems: Problem[] = [];
  if (previous.some((p) => p.result === 'pass')) problems.push({ field: 'milestoneNo', messages: bilingual('该履约节点已验收合格', 'This milestone has already passed acceptance') });
  if (v.result !== 'pass' && v.findings.length < 5) problems.push({ field: 'findings', messages: bilingual('验收不合格或部分合格的，应写明验收意见和理由', 'A fail or partial acceptance needs its findings') });
  if (v.result === 'partial' && !(v.payableFen && v.payableFen > 0 && v.payableFen < m.amountFen))
    problems.push({ field: 'payableFen', messages: bilingual(`部分合格时，可支付金额应大于0且小于本期金额（${m.amountFen / 100}元）`, `A partial acceptance pays more than 0 and less than the milestone (${m.amountFen / 100} yuan)`) });
  return problems;
}

/** What the acceptance releases for payment. */
export function payableFor(m: Milestone, v: AcceptanceVerdict): number {
  return v.result === 'pass' ? m.amountFen : v.result === 'partial' ? v.payableFen! : 0;
}
