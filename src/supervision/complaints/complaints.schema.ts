import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ChallengeStatus, ComplaintStatus } from './case.states';
import type { ChallengeSubject } from './case.rules';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** QC-06: each matter challenged, with its facts and legal basis. */
export interface Claim {
  no: number;
  claim: string;
  facts: string;
  legalBasis: string;
}
/** QC-06: the challenger's particulars as the letter states them. */
export interface FilerParticulars {
  address: string;
  postcode: string;
  contactPerson: string;
  phone: string;
}
export interface CaseFile {
  name: string;
  sha256: string;
  size: number;
}
/** The per-item answer of QC-06 (答复函). */
export interface ClaimReply {
  no: number;
  reply: string;
}

/**
 * 质疑 (QC-01 to QC-06): a supplier's written challenge to the purchaser or its agency, one per
 * filing. The row holds where it is; `case_event` holds every document exchanged on the way.
 */
export const challenge = pgTable(
  'challenge',
  {
    id: uuid().primaryKey(),
    caseNumber: text().notNull().unique(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    subject: text().$type<ChallengeSubject>().notNull(),
    /**
     * WK-13, WK-19: the lot whose candidates an objection concerns; only that lot's award waits for the
     * answer. Null for the matters of the whole project (and for objections filed before lots were named,
     * which hold every lot).
     */
    lotId: uuid(),
    challengerEntityId: uuid().notNull(),
    /** The agency the purchaser entrusted, or the purchaser itself: who answers. */
    respondentEntityId: uuid().notNull(),
    particulars: jsonb().$type<FilerParticulars>().notNull(),
    claims: jsonb().$type<Claim[]>().notNull(),
    evidence: jsonb().$type<CaseFile[]>().notNull(),
    /** The platform's signature over the letter as filed (the supplier's seal for now). */
    seal: text().notNull(),
    knewOn: text().notNull(),
    filedAt: ts().notNull(),
    filedBy: uuid().notNull(),
    receivedOn: text().notNull(),
    answerDueOn: text().notNull(),
    complaintLastDay: text().notNull(),
    status: text().$type<ChallengeStatus>().notNull(),
    replies: jsonb().$type<ClaimReply[]>(),
    verdict: text().$type<'upheld' | 'partlyUpheld' | 'dismissed'>(),
    affectsResult: boolean(),
    /** QC-14: what follows an upheld challenge that affects the result. */
    remedy: text().$type<'reaward' | 'reprocure'>(),
    answeredAt: ts(),
    answeredBy: uuid(),
    revision: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.projectId),
    index().on(t.challengerEntityId),
    index().on(t.respondentEntityId, t.status),
    // One open challenge per supplier, project and kind of matter: QC-03 lets the documents require all at once.
    // …and per lot for the candidates of each lot (WK-13).
    uniqueIndex('challenge_open_once').on(t.projectId, t.challengerEntityId, t.subject, sql`coalesce(${t.lotId}, '00000000-0000-0000-0000-000000000000'::uuid)`).where(sql`${t.status} = 'filed'`),
  ],
);

/**
 * 投诉 (QC-07 to QC-12): a complaint to the finance department about a challenge's matters. The
 * clocks are stored as days and working days excluded, so the due days follow from the calendar.
 */
export const complaint = pgTable(
  'complaint',
  {
    id: uuid().primaryKey(),
    caseNumber: text().notNull().unique(),
    challengeId: uuid().notNull(),
    projectId: uuid().notNull(),
    regionCode: text().notNull(),
    complainantEntityId: uuid().notNull(),
    respondentEntityId: uuid().notNull(),
    /** QC-08: the finance department of the purchaser's budget level (the supervisor entity of the region). */
    departmentEntityId: uuid().notNull(),
    claimNos: jsonb().$type<number[]>().notNull(),
    request: text().notNull(),
    evidence: jsonb().$type<CaseFile[]>().notNull(),
    seal: text().notNull(),
    filedAt: ts().notNull(),
    filedBy: uuid().notNull(),
    receivedOn: text().notNull(),
    /** The review clock's start: the receipt, or the day the requested corrections came in (QC-09). */
    reviewFromOn: text().notNull(),
    status: text().$type<ComplaintStatus>().notNull(),
    correctionRequested: boolean().notNull().default(false),
    /** When the department last finished a review (accepted, refused or asked for corrections); null while one is due. */
    reviewedAt: ts(),
    acceptedOn: text(),
    responseDueOn: text(),
    respondedAt: ts(),
    /** QC-10: working days not counted so far (closed pauses), and the open pause's first day. */
    excludedWorkingDays: integer().notNull().default(0),
    pausedOn: text(),
    /** QC-11: the procurement is suspended from this day until the other (inclusive), unless lifted. */
    suspendedOn: text(),
    suspendedUntil: text(),
    /** When the case ended: decided, refused, or withdrawn. */
    closedAt: ts(),
    outcome: text().$type<'upheld' | 'dismissed' | 'falseComplaint'>(),
    decidedAt: ts(),
    decidedBy: uuid(),
    noticeId: uuid(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.projectId), index().on(t.complainantEntityId), index().on(t.departmentEntityId, t.status), uniqueIndex('complaint_once_per_challenge').on(t.challengeId).where(sql`${t.status} not in ('refused', 'withdrawn')`)],
);

/** Every step of a case, with the text and files it carried: the file both sides and the department read. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: uuid().primaryKey(),
    /** The order of the steps, also within one instant. */
    seq: bigserial({ mode: 'number' }).notNull(),
    caseType: text().$type<'challenge' | 'complaint'>().notNull(),
    caseId: uuid().notNull(),
    action: text().notNull(),
    at: ts().notNull(),
    personId: uuid().notNull(),
    entityId: uuid().notNull(),
    text: text(),
    files: jsonb().$type<CaseFile[]>().notNull(),
    /** What the step set: a due day, a verdict, a suspension's end. */
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index().on(t.caseType, t.caseId, t.seq)],
);

/**
 * 信用记录: what the supervision found about a market entity, published with its basis (QC-12: a false
 * complaint; an upheld one against the purchaser or agency). Never edited; a later finding is a new row.
 */
export const creditRecord = pgTable(
  'credit_record',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    regionCode: text().notNull(),
    kind: text().$type<'falseComplaint' | 'complaintUpheld' | 'collusionConfirmed' | 'dishonestListed'>().notNull(),
    ruleId: text().notNull(),
    summary: text().notNull(),
    sourceType: text().notNull(),
    sourceId: uuid().notNull(),
    noticeId: uuid(),
    recordedAt: ts().notNull(),
  },
  (t) => [index().on(t.entityId, t.recordedAt)],
);
