import { z } from 'zod';

/**
 * Typed fields of the notice types added for the 2020 format specification (财办库〔2020〕50号,
 * NOTICES.md): 终止公告, 单一来源采购公示, 资格预审公告, 履约验收结果公告. Each mandatory section is a
 * field, so a notice missing one cannot be published; render.ts lays them out in the standard order.
 */
const party = z.object({ name: z.string().min(1), address: z.string(), contact: z.string() });
const text = z.string().trim().min(1).max(4000);
const instant = z.string().min(10);

export const terminationNoticeFields = z.object({
  projectNumber: z.string().min(1),
  projectTitle: z.string().min(1),
  /** 二 项目终止的原因, with the rule it rests on (87号令 第二十九条: only a major change cancelling the task). */
  reason: text,
  ruleId: z.string().nullable(),
  other: z.string().nullable(),
  purchaser: party,
  agency: party.nullable(),
});

export const singleSourceNoticeFields = z.object({
  purchaserName: z.string().min(1),
  projectNumber: z.string().min(1),
  projectTitle: z.string().min(1),
  /** 拟采购的货物或服务的说明 */
  itemsDescription: text,
  budgetFen: z.int().min(0),
  /** 采用单一来源采购方式的原因及相关说明 */
  reason: text,
  supplier: z.object({ name: z.string().min(1), address: z.string().min(1) }),
  /** 三 公示期限: at least 5 working days (DS-01). */
  publicityFrom: instant,
  publicityUntil: instant,
  other: z.string().nullable(),
  purchaser: party,
  financeDepartment: z.object({ name: z.string().min(1), contact: z.string() }),
  agency: party.nullable(),
  /** 六 专业人员论证意见 */
  experts: z.array(z.object({ name: z.string().min(1), organisation: z.string().min(1), title: z.string().min(1), opinion: z.string().min(1) })).min(1),
});

export const prequalificationNoticeFields = z.object({
  projectNumber: z.string().min(1),
  projectTitle: z.string().min(1),
  method: z.string().min(1),
  summary: text,
  lots: z.array(z.object({ lotNo: z.int(), title: z.string(), budgetFen: z.int().min(0), maxPriceFen: z.int().nullable() })).min(1),
  contractPeriod: z.string().min(1),
  consortiumAllowed: z.boolean(),
  qualifications: z.array(z.string().min(1)).min(1),
  documentsFrom: instant,
  documentsUntil: instant,
  documentsPlace: z.string().min(1),
  applicationContents: text,
  reviewStandard: text,
  /** 六 拟邀请参加投标的供应商数量 (null: every qualified applicant). */
  invitedSuppliers: z.int().min(1).nullable(),
  applicationDeadline: instant,
  applicationPlace: z.string().min(1),
  reviewDate: instant,
  announcementEnds: z.string().min(1),
  other: z.string().nullable(),
  purchaser: party,
  agency: party.nullable(),
  projectContact: z.object({ name: z.string(), phone: z.string() }),
});

const contractItem = z.object({ name: z.string(), brand: z.string().nullable(), model: z.string().nullable(), quantity: z.number(), unitPriceFen: z.int() });

export const acceptanceNoticeFields = z.object({
  /** Links the notice to the verdict it publishes (not rendered). */
  acceptanceId: z.uuid(),
  contractNumber: z.string().min(1),
  contractTitle: z.string().min(1),
  projectNumber: z.string().nullable(),
  projectTitle: z.string().nullable(),
  purchaser: party,
  supplier: party,
  items: z.array(contractItem),
  priceFen: z.int(),
  performancePeriod: z.string(),
  performancePlace: z.string(),
  method: z.string().nullable(),
  /** 七 本次验收内容: the milestone and its criteria. */
  milestone: z.object({ no: z.int(), name: z.string(), acceptanceCriteria: z.string() }),
  acceptanceDate: z.string().min(10),
  members: z.array(z.string().min(1)).min(1),
  result: z.enum(['pass', 'partial', 'fail']),
  findings: z.string(),
});

/**
 * 投诉处理结果公告 (NOTICES.md: 当事人, 事项, 处理依据, 处理结果, 处理机关, 日期; QC-12). Published by the
 * finance department that decided; the parties are named, their contacts are not.
 */
export const complaintDecisionNoticeFields = z.object({
  caseNumber: z.string().min(1),
  projectNumber: z.string().min(1),
  projectTitle: z.string().min(1),
  complainant: z.string().min(1),
  respondents: z.array(z.string().min(1)).min(1),
  matters: z.array(text).min(1),
  findings: text,
  basis: text,
  outcome: z.enum(['upheld', 'dismissed', 'falseComplaint']),
  department: z.string().min(1),
  decidedOn: z.string().min(10),
});

/**
 * 中标候选人公示 (WK-13; 《招标公告和公示信息发布管理办法》第六条): the candidates in their order, with
 * their prices and periods, the publicity's dates, and how to object.
 */
export const candidatesNoticeFields = z.object({
  projectNumber: z.string().min(1),
  projectTitle: z.string().min(1),
  lotNo: z.int(),
  lotTitle: z.string().min(1),
  candidates: z.array(z.object({ rank: z.int().min(1), name: z.string().min(1), priceFen: z.int().min(0), total: z.number().nullable(), deliveryPeriod: z.string().nullable() })).min(1).max(3),
  publicityFrom: instant,
  publicityUntil: instant,
  objectionChannel: text,
  supervisor: z.object({ name: z.string().min(1), contact: z.string() }),
  purchaser: party,
  agency: party.nullable(),
});

export type CandidatesNoticeFields = z.infer<typeof candidatesNoticeFields>;
export type TerminationNoticeFields = z.infer<typeof terminationNoticeFields>;
export type SingleSourceNoticeFields = z.infer<typeof singleSourceNoticeFields>;
export type PrequalificationNoticeFields = z.infer<typeof prequalificationNoticeFields>;
export type AcceptanceNoticeFields = z.infer<typeof acceptanceNoticeFields>;
export type ComplaintDecisionNoticeFields = z.infer<typeof complaintDecisionNoticeFields>;

/** Notice types whose fields are checked before rendering (the older seven are typed by their builders). */
export const NOTICE_FIELD_SCHEMAS: Record<string, z.ZodType> = {
  termination: terminationNoticeFields,
  singleSource: singleSourceNoticeFields,
  prequalification: prequalificationNoticeFields,
  acceptance: acceptanceNoticeFields,
  complaintDecision: complaintDecisionNoticeFields,
  candidates: candidatesNoticeFields,
};
