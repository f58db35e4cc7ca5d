import type { Context } from '../platform/context';
import { fileChallenge, fileComplaint, stepChallenge, stepComplaint } from '../supervision/complaints/complaints';

/**
 * Demo cases of the one window (issue 12), each in its own state: on the finished lighting project a
 * losing bidder's challenge to the result, answered, and its complaint, accepted by the district's
 * finance department and waiting for the agency's answer and the decision; on the project open for bids,
 * a challenge to the documents waiting for the agency's answer; on the highway works tender, a losing
 * bidder's objection to the publicised candidates, waiting for the agency's answer.
 */
/** The challenger's evidence: the page of its bid with the warranty promise. */
const warrantyPage = [{ fileName: '投标文件质保承诺页.pdf', contentBase64: Buffer.from('%PDF-1.4\n% 投标文件第12页：质保期三年承诺（演示）\n%%EOF\n').toString('base64') }];
const particulars = (name: string) => ({ address: `上海市徐汇区示范路${name.length * 7}号`, postcode: '200030', contactPerson: '王强', phone: '021-64000001' });

export async function challengeTheResult(loser: Context, projectId: string) {
  return fileChallenge(loser, projectId, {
    subject: 'result',
    particulars: particulars(loser.actor!.displayName),
    claims: [
      { claim: '评标委员会对我公司商务部分的评分有误', facts: '我公司已提供三年质保承诺，评标委员会按两年质保计分，商务得分少计3分。', legalBasis: '《政府采购货物和服务招标投标管理办法》第六十四条' },
      { claim: '中标供应商的灯具检测报告不满足招标文件要求', facts: '招标文件要求提供CMA认证的照度检测报告，中标供应商提供的报告无CMA标识。', legalBasis: '《政府采购法》第二十二条' },
    ],
    evidence: warrantyPage,
  });
}

export async function answerTheChallenge(agency: Context, challenge: { id: string; revision: number }) {
  return stepChallenge(agency, challenge.id, {
    action: 'answer',
    revision: challenge.revision,
    replies: [
      { no: 1, reply: '经组织原评标委员会复核，贵公司质保承诺已按三年计分，评分无误。' },
      { no: 2, reply: '中标供应商提供的检测报告第2页加盖CMA标识，符合招标文件要求。' },
    ],
    verdict: 'dismissed',
    affectsResult: false,
  });
}

export async function complainAndAccept(loser: Context, department: Context, challengeId: string, clock: { set(at: number): void }, acceptAt: number) {
  const filed = await fileComplaint(loser, challengeId, { claimNos: [1], request: '请求财政部门责令重新评审，并依法处理。', evidence: warrantyPage });
  clock.set(acceptAt);
  return stepComplaint(department, filed.id, { action: 'accept', revision: filed.revision, text: '投诉书内容齐全，符合受理条件，予以受理。' });
}

export async function challengeTheDocuments(supplier: Context, projectId: string) {
  return fileChallenge(supplier, projectId, {
    subject: 'documents',
    particulars: particulars(supplier.actor!.displayName),
    claims: [{ claim: '招标文件指定品牌型号，排斥潜在供应商', facts: '采购需求第3项要求“须为某品牌同系列产品”，属于以特定品牌限定供应商。', legalBasis: '《政府采购法实施条例》第二十条第（六）项' }],
    evidence: [],
  });
}

/** Under the Bidding Law a losing bidder objects to the candidates while they are publicised (WK-19): the agency answers within 3 days. */
export async function objectToTheCandidates(loser: Context, projectId: string) {
  return fileChallenge(loser, projectId, {
    subject: 'candidates',
    particulars: particulars(loser.actor!.displayName),
    claims: [
      {
        claim: '第一中标候选人拟派项目负责人有在建工程',
        facts: '第一中标候选人拟派的项目负责人目前仍担任另一市管公路大中修工程的项目经理，该工程尚未竣工验收，不满足招标文件“项目负责人无在建工程”的要求。',
        legalBasis: '《中华人民共和国招标投标法实施条例》第五十四条',
      },
    ],
    evidence: [],
  });
}
