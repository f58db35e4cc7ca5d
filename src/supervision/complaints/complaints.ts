import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, max, min, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { entitySummaries, inRegion, oversees, personNames, regionCovers } from '../../identity';
import { entity } from '../../identity/identity.schema';
import { loadCalendar } from '../../platform/calendar/calendar.store';
import { compareDates, shanghaiDate, type LocalDate, type WorkingDayCalendar } from '../../platform/calendar/calendar';
import type { Actor, Context } from '../../platform/context';
import { violates, type Db } from '../../platform/database/database';
import { hiddenRow } from '../../platform/deny';
import { bilingual, DomainError, notFound, staleRevision, type Bilingual } from '../../platform/errors';
import { notify, type Addressee, type Message } from '../../platform/notifications/notifications';
import { inTransaction, type AuditRecorder } from '../../platform/unit-of-work';
import { insertNotice } from '../../trading/notice/notices';
import { managesProject, projectManagers, supervisesProject, supplierDesk } from '../../trading/project/project.access';
import { publicity } from '../../trading/publicity/publicity.schema';
import { bid, documentDownload, lot, notice, opening, project } from '../../trading/trading.schema';
import {
  answerDueOn,
  CHALLENGE_SUBJECTS,
  CLOCK_RULES,
  challengeWindow,
  clock,
  complaintLastDay,
  complaintScopeProblem,
  decisionDueOn,
  evidenceKind,
  pausedWorkingDays,
  responseDueOn,
  reviewDueOn,
  regimeOf,
  SUBJECTS_OF,
  suspensionProblem,
  type ChallengeFacts,
  type Regime,
  type Clock,
} from './case.rules';
import { challengeActions, complaintActions, nextChallengeStatus, nextComplaintStatus, type CaseParty, type ComplaintAction, type ComplaintFlags } from './case.states';
import { caseEvent, challenge, complaint, creditRecord, type CaseFile } from './complaints.schema';

/**
 * 质疑 and 投诉 (RULES.md §5.1), one window for the supplier, the purchaser or agency, and the finance
 * department. Each step is a transition of case.states.ts, checked against the case's revision (a
 * repeated or stale request changes nothing), recorded as a case event with its text and files, in the
 * audit trail, and in the messages of those it concerns.
 */

type ProjectRow = typeof project.$inferSelect;
type ChallengeRow = typeof challenge.$inferSelect;
type ComplaintRow = typeof complaint.$inferSelect;

/** An evidence file is at most 10 MB; a filing carries at most five. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
const words = (max: number) => z.string().trim().min(1).max(max);
export const evidenceInput = z
  .array(z.object({ fileName: words(200), contentBase64: z.base64().min(1).max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4) }))
  .max(5)
  .default([])
  .describe('Evidence files, base64: PDF, OFD, JPG or PNG, at most 5 of 10 MB each');
const revisionInput = z.int().min(1).max(2_147_483_647).describe('The revision you read; a stale one gets 409');

export const challengeInput = z.object({
  subject: z.enum(CHALLENGE_SUBJECTS).describe('Government procurement: documents 采购文件, process 采购过程, result 采购结果. Works under the Bidding Law: documents 招标文件, opening 开标, candidates 中标候选人'),
  particulars: z.object({
    address: words(200),
    postcode: z.string().regex(/^[0-9]{6}$/),
    contactPerson: words(50),
    phone: z.string().trim().regex(/^[0-9+()\- ]{5,30}$/),
  }),
  claims: z.array(z.object({ claim: words(2000), facts: words(4000), legalBasis: words(2000) })).min(1).max(20).describe('QC-06: each matter with its facts and legal basis'),
  evidence: evidenceInput,
  lotId: z.uuid().nullish().describe('An objection to the candidates (WK-13): the lot whose candidates it concerns; only that lot’s award waits for the answer (WK-19). Needed when the project has more than one lot.'),
});

export const challengeStepInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('answer'),
    revision: revisionInput,
    replies: z.array(z.object({ no: z.int().min(1).max(20), reply: words(4000) })).min(1).max(20),
    verdict: z.enum(['upheld', 'partlyUpheld', 'dismissed']),
    affectsResult: z.boolean().describe('QC-05: whether the matters upheld affect the result'),
    remedy: z.enum(['reaward', 'reprocure']).optional().describe('QC-14: required when a challenge upheld affects the result'),
  }),
  z.object({ action: z.literal('withdraw'), revision: revisionInput, text: words(2000) }),
]);

export const complaintInput = z.object({
  claimNos: z.array(z.int().min(1).max(20)).min(1).max(20).describe('The challenged matters complained of (QC-07: no others)'),
  request: words(4000).describe('What the complainant asks the department to decide'),
  evidence: evidenceInput,
});

const PAUSE_REASONS = ['inspection', 'appraisal', 'expertReview', 'correction'] as const;
export const complaintStepInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('requestCorrection'), revision: revisionInput, text: words(4000) }),
  z.object({ action: z.literal('correct'), revision: revisionInput, text: words(4000), evidence: evidenceInput }),
  z.object({ action: z.literal('accept'), revision: revisionInput, text: z.string().trim().max(4000).optional() }),
  z.object({ action: z.literal('refuse'), revision: revisionInput, text: words(4000) }),
  z.object({ action: z.literal('respond'), revision: revisionInput, text: words(8000), evidence: evidenceInput }),
  z.object({ action: z.literal('hear'), revision: revisionInput, text: words(8000).describe('The minutes: what each side said'), evidence: evidenceInput }),
  z.object({ action: z.literal('pause'), revision: revisionInput, reason: z.enum(PAUSE_REASONS), text: words(2000) }),
  z.object({ action: z.literal('resume'), revision: revisionInput, text: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('suspend'), revision: revisionInput, until: z.iso.date(), text: words(2000) }),
  z.object({ action: z.literal('lift'), revision: revisionInput, text: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('decide'), revision: revisionInput, outcome: z.enum(['upheld', 'dismissed', 'falseComplaint']), findings: words(8000), basis: words(2000) }),
  z.object({ action: z.literal('withdraw'), revision: revisionInput, text: words(2000) }),
]);

const CHALLENGE = bilingual('质疑', 'Challenge');
const COMPLAINT = bilingual('投诉', 'Complaint');
const ruleError = (code: string, messages: Bilingual, ruleId: string, status = 422, details: Record<string, unknown> = {}) => new DomainError(code, messages, status, details, ruleId);
const outOfOrder = (ruleId: string) => ruleError('CASE_STEP_NOT_ALLOWED', bilingual('案件当前状态下不能办理该事项，或该事项不由您办理', 'This step is not open in the case’s current state, or it is not yours to take'), ruleId, 409);

// ---------------------------------------------------------------- facts and parties

export async function projectRow(db: Db, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(project).where(eq(project.id, id));
  return row;
}

// Any constant works; it only has to be the same for every process numbering cases.
const CASE_NUMBER_LOCK = 7_311_012;
/**
 * The next case number of a project (…-ZY1, …-TS1): one filing at a time per project takes it, without
 * locking the project row the bids of a deadline surge read.
 */
async function nextCaseNo(tx: Db, projectId: string, table: typeof challenge | typeof complaint): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CASE_NUMBER_LOCK}, hashtext(${projectId}))`);
  const [{ n }] = (await tx.select({ n: count() }).from(table).where(eq(table.projectId, projectId))) as [{ n: number }];
  return Number(n) + 1;
}

/**
 * What the platform recorded about this supplier and project, as QC-01 to QC-03 ask it. For an objection
 * to one lot's candidates (WK-13), that lot's publicity and a bid on that lot (QW-01).
 */
async function challengeFacts(db: Db, p: ProjectRow, supplierEntityId: string, lotId: string | null = null): Promise<ChallengeFacts> {
  const facts = await projectChallengeFacts(db, p, supplierEntityId);
  if (!lotId) return facts;
  const [[pub], onLot] = await Promise.all([
    db.select({ startsAt: publicity.startsAt }).from(publicity).where(and(eq(publicity.lotId, lotId), eq(publicity.kind, 'candidates'))),
    db.select({ id: bid.id }).from(bid).where(and(eq(bid.lotId, lotId), eq(bid.supplierEntityId, supplierEntityId), inArray(bid.status, ['submitted', 'decrypted', 'revoked', 'withdrawnPlatformFault']))).limit(1),
  ]);
  return { ...facts, participated: facts.participated && onLot.length > 0, resultPublishedOn: pub ? shanghaiDate(pub.startsAt) : null };
}

async function projectChallengeFacts(db: Db, p: ProjectRow, supplierEntityId: string): Promise<ChallengeFacts> {
  const [[obtained], [opened], [result], live, [tender]] = await Promise.all([
    db.select({ at: min(documentDownload.downloadedAt) }).from(documentDownload).where(and(eq(documentDownload.projectId, p.id), eq(documentDownload.supplierEntityId, supplierEntityId))),
    db.select({ at: min(opening.startedAt) }).from(opening).where(eq(opening.projectId, p.id)),
    // The latest result: under the Bidding Law each lot's candidates are publicised in turn, and an objection comes during the latest.
    db.select({ at: regimeOf(p) === 'tendering' ? max(notice.publishedAt) : min(notice.publishedAt) }).from(notice).where(and(eq(notice.projectId, p.id), eq(notice.noticeType, regimeOf(p) === 'tendering' ? 'candidates' : 'award'))),
    db.select({ id: bid.id }).from(bid).where(and(eq(bid.projectId, p.id), eq(bid.supplierEntityId, supplierEntityId), inArray(bid.status, ['submitted', 'decrypted', 'revoked', 'withdrawnPlatformFault']))).limit(1),
    db.select({ fields: notice.fields }).from(notice).where(and(eq(notice.projectId, p.id), eq(notice.noticeType, 'tender'))).orderBy(asc(notice.publishedAt)).limit(1),
  ]);
  const day = (d: Date | null | undefined) => (d ? shanghaiDate(new Date(d)) : null);
  return {
    documentsObtainedOn: day(obtained?.at),
    announcementEndsOn: (tender?.fields.announcementEnds as string | undefined) ?? null,
    participated: live.length > 0 && Boolean(opened?.at),
    openedOn: day(opened?.at),
    resultPublishedOn: day(result?.at),
    deadlineOn: day(p.deadline),
  };
}

/** Works tendered under the Bidding Law follow its objection chain; everything else the Government Procurement Law (GP law art. 4). */
/** What a challenge and its department are called under each law. */
const TERMS: Record<Regime, { challenge: Bilingual; department: Bilingual; departmentType: 'supervisor' | 'authority' }> = {
  procurement: { challenge: bilingual('质疑', 'challenge'), department: bilingual('财政部门', 'finance department'), departmentType: 'supervisor' },
  tendering: { challenge: bilingual('异议', 'objection'), department: bilingual('行政监督部门', 'supervisory department'), departmentType: 'authority' },
};

/**
 * QC-08: the finance department of the purchaser's level, the most local supervisor whose region covers the
 * project; for works under the Bidding Law, the most local supervisory (industry) authority (QW-02).
 */
export async function handlingDepartment(db: Db, regime: Regime, regionCode: string): Promise<string | null> {
  const rows = await db.select({ id: entity.id, regionCode: entity.regionCode }).from(entity).where(and(eq(entity.entityType, TERMS[regime].departmentType), eq(entity.status, 'active')));
  const depth = (code: string) => code.replace(/(00)+$/, '').length;
  return rows.filter((r) => regionCovers(r.regionCode, regionCode)).sort((a, b) => depth(b.regionCode) - depth(a.regionCode))[0]?.id ?? null;
}

type Standing = CaseParty | 'observer';
/**
 * How the caller stands to a challenge: its supplier files, the purchaser and agency answer, overseers of
 * the region read it once the deadline has passed (before, it would tell them who obtained the documents).
 */
export function challengeStanding(actor: Actor | null, c: ChallengeRow, p: ProjectRow, now: Date): Set<Standing> {
  const s = new Set<Standing>();
  if (!actor) return s;
  if (actor.roles.includes('supplier') && actor.entityId === c.challengerEntityId) s.add('filer');
  if (managesProject(actor, p)) s.add('respondent');
  if (supervisesProject(actor, p) && p.deadline !== null && now >= p.deadline) s.add('observer');
  return s;
}
/** The same for a complaint; its department handles it whenever it comes (a complaint on the documents may come before the deadline). */
export function complaintStanding(actor: Actor | null, c: ComplaintRow, p: ProjectRow, now: Date): Set<Standing> {
  const s = new Set<Standing>();
  if (!actor) return s;
  if (actor.roles.includes('supplier') && actor.entityId === c.complainantEntityId) s.add('filer');
  if (managesProject(actor, p)) s.add('respondent');
  if ((actor.roles.includes('supervisor') || actor.roles.includes('authority')) && actor.entityId === c.departmentEntityId) s.add('department');
  else if (supervisesProject(actor, p) && p.deadline !== null && now >= p.deadline) s.add('observer');
  return s;
}
const asParties = (s: Set<Standing>) => new Set([...s].filter((x): x is CaseParty => x !== 'observer'));

// ---------------------------------------------------------------- files, events, messages

export async function storeEvidence(ctx: Context, files: { fileName: string; contentBase64: string }[]): Promise<CaseFile[]> {
  const stored: CaseFile[] = [];
  for (const f of files) {
    const content = Buffer.from(f.contentBase64, 'base64');
    if (content.length === 0 || content.length > MAX_EVIDENCE_BYTES) throw new DomainError('EVIDENCE_FILE', bilingual(`证明材料“${f.fileName}”为空或超过10MB`, `Evidence “${f.fileName}” is empty or larger than 10 MB`), 422, { field: 'evidence' });
    if (!evidenceKind(content)) throw new DomainError('EVIDENCE_FILE', bilingual(`证明材料“${f.fileName}”须为PDF、OFD文件或JPG、PNG图片`, `Evidence “${f.fileName}” must be a PDF or OFD file, or a JPG or PNG image`), 422, { field: 'evidence' });
    const blob = await ctx.platform.blobs.put(content);
    stored.push({ name: f.fileName, sha256: blob.sha256, size: blob.size });
  }
  return stored;
}

async function recordEvent(tx: Db, ctx: Context, caseType: 'challenge' | 'complaint', caseId: string, action: string, text: string | null, files: CaseFile[], detail: Record<string, unknown>) {
  const actor = ctx.actor!;
  await tx.insert(caseEvent).values({ id: randomUUID(), caseType, caseId, action, at: ctx.platform.clock.now(), personId: actor.personId, entityId: actor.entityId, text, files, detail });
}

const departmentDesk = (entityId: string, regime: Regime): Addressee => ({ entityId, role: TERMS[regime].departmentType });
const caseLink = (kind: 'challenges' | 'complaints', id: string) => `/workspace/cases/${kind}/${id}`;

// ---------------------------------------------------------------- challenges

/** For each kind of matter, whether and until when the calling supplier may challenge (QC-01 to QC-03). */
export async function challengeWindows(ctx: Context, projectId: string) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const p = await projectRow(db, projectId);
  if (!p || p.status === 'draft') throw notFound(bilingual('采购项目', 'Project'));
  const facts = await challengeFacts(db, p, actor.entityId);
  const calendar = await loadCalendar(db);
  const today = shanghaiDate(ctx.platform.clock.now());
  const regime = regimeOf(p);
  return SUBJECTS_OF[regime].map((subject) => {
    const w = challengeWindow(subject, facts, today, calendar, regime);
    return { subject, knewOn: w.knewOn, lastDay: w.lastDay, workingDaysLeft: w.lastDay && !w.refusal ? clock(w.lastDay, today, calendar).workingDaysLeft : null, refusal: w.refusal ? { ruleId: w.refusal.ruleId, message: w.refusal.messages } : null };
  });
}

/** A supplier files a challenge (质疑函, QC-06) to the purchaser or its agency, sealed by the platform. */
export async function fileChallenge(ctx: Context, projectId: string, input: z.infer<typeof challengeInput>) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const p = await projectRow(db, projectId);
  if (!p || p.status === 'draft') throw notFound(bilingual('采购项目', 'Project'));
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db);
  const regime = regimeOf(p);
  const lotId = input.subject === 'candidates' && regime === 'tendering' ? await objectedLot(db, p, input.lotId ?? null) : null;
  const window = challengeWindow(input.subject, await challengeFacts(db, p, actor.entityId, lotId), today, calendar, regime);
  if (window.refusal) throw ruleError(window.lastDay ? 'CHALLENGE_LATE' : 'CHALLENGE_NOT_ELIGIBLE', window.refusal.messages, window.refusal.ruleId, 422, { lastDay: window.lastDay, knewOn: window.knewOn });
  const evidence = await storeEvidence(ctx, input.evidence);
  const claims = input.claims.map((c, i) => ({ no: i + 1, ...c }));
  const due = answerDueOn(today, calendar, regime, input.subject);
  const term = TERMS[regime].challenge;
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const id = randomUUID();
      const row: typeof challenge.$inferInsert = {
        id,
        caseNumber: `${p.projectNumber}-${regime === 'procurement' ? 'ZY' : 'YY'}${await nextCaseNo(tx, projectId, challenge)}`,
        projectId,
        regionCode: p.regionCode,
        subject: input.subject,
        lotId,
        challengerEntityId: actor.entityId,
        respondentEntityId: p.agencyEntityId ?? p.purchaserEntityId,
        particulars: input.particulars,
        claims,
        evidence,
        seal: ctx.platform.signer.sign({ kind: 'challenge', id, projectId, entityId: actor.entityId, personId: actor.personId, claims, evidence: evidence.map((e) => e.sha256), filedAt: now.toISOString() }),
        knewOn: window.knewOn!,
        filedAt: now,
        filedBy: actor.personId,
        // QC-04: received when it entered the platform (电子签名法 第十一条).
        receivedOn: today,
        answerDueOn: due,
        complaintLastDay: complaintLastDay(due, calendar, regime),
        status: 'filed',
      };
      const [saved] = await tx.insert(challenge).values(row).returning();
      await recordEvent(tx, ctx, 'challenge', id, 'file', null, evidence, { subject: input.subject, lotId, claims: claims.length, answerDueOn: due });
      await notify(
        tx,
        now,
        projectManagers(p).map((to) => ({
          to,
          title: bilingual(`${p.projectNumber} 收到${term['zh-CN']}（${row.caseNumber}）`, `${p.projectNumber}: ${term['en-US']} ${row.caseNumber} received`),
          body: bilingual(`请于${due}前书面答复（${CLOCK_RULES[regime].answer}）。`, `Answer in writing by ${due} (${CLOCK_RULES[regime].answer}).`),
          link: caseLink('challenges', id),
          subject: { type: 'challenge', id },
        })),
      );
      audit.record({ action: 'challenge.file', subjectType: 'challenge', subjectId: id, regionCode: p.regionCode, projectId, after: { caseNumber: row.caseNumber, subject: input.subject, lotId, claims, evidence, knewOn: row.knewOn, answerDueOn: due } });
      return challengeView(tx, ctx, saved!, p);
    });
  } catch (error) {
    if (violates(error, 'challenge_open_once'))
      throw ruleError('CHALLENGE_DUPLICATE', bilingual('贵单位对该项目的同一事项已有待答复的质疑，请在原质疑中补充或待答复后再提出', 'Your challenge on this matter is still open: wait for its answer'), 'QC-03', 409);
    throw error;
  }
}

/**
 * WK-13, WK-19: the lot an objection to the candidates concerns — the one named, which must be this
 * project's, or the project's only lot. A project of several lots needs it named: one objection
 * holds only its own lot's award.
 */
async function objectedLot(db: Db, p: ProjectRow, lotId: string | null): Promise<string> {
  const lots = await db.select({ id: lot.id }).from(lot).where(eq(lot.projectId, p.id));
  if (lotId) {
    if (!lots.some((l) => l.id === lotId)) throw ruleError('LOT_NOT_IN_PROJECT', bilingual('所选标段不属于该项目', 'The lot is not one of this project’s'), 'WK-13', 422, { field: 'lotId' });
    return lotId;
  }
  if (lots.length === 1) return lots[0]!.id;
  throw ruleError('LOT_REQUIRED', bilingual('对中标候选人提出异议，应写明所针对的标段', 'Name the lot whose candidates you object to'), 'WK-13', 422, { field: 'lotId' });
}

/** The challenge, its project and how the caller stands to it; locked for a step. One the caller may not know of is hidden. */
async function loadChallenge(db: Db, ctx: Context, id: string, lock = false) {
  const q = db.select().from(challenge).where(eq(challenge.id, id));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(CHALLENGE);
  const p = (await projectRow(db, c.projectId))!;
  const standing = challengeStanding(ctx.actor, c, p, ctx.platform.clock.now());
  if (standing.size === 0) throw hiddenRow('challenge', id, CHALLENGE);
  return { c, p, standing };
}

export async function readChallenge(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const { c, p } = await loadChallenge(db, ctx, id);
  return challengeView(db, ctx, c, p);
}

/** The respondent answers (QC-04, QC-06) or the challenger withdraws. */
export async function stepChallenge(ctx: Context, id: string, input: z.infer<typeof challengeStepInput>) {
  return inTransaction(ctx, async (tx, audit) => {
    const { c, p, standing } = await loadChallenge(tx, ctx, id, true);
    if (c.revision !== input.revision) throw staleRevision();
    const to = nextChallengeStatus(c.status, input.action, asParties(standing));
    if (!to) throw outOfOrder(input.action === 'answer' ? CLOCK_RULES[regimeOf(p)].answer : 'QC-01');
    const now = ctx.platform.clock.now();
    const regime = regimeOf(p);
    const term = TERMS[regime].challenge;
    const changes: Partial<ChallengeRow> = { status: to, revision: c.revision + 1 };
    let messages: Message[] = [];
    let text: string | null = null;
    if (input.action === 'answer') {
      const nos = c.claims.map((x) => x.no);
      const missing = nos.filter((no) => !input.replies.some((r) => r.no === no));
      if (missing.length || input.replies.some((r) => !nos.includes(r.no)))
        throw ruleError('ANSWER_INCOMPLETE', bilingual(`答复应逐项作出（第${missing.join('、') || '?'}项未答复）`, `Answer every matter (item ${missing.join(', ') || '?'} has none)`), 'QC-06', 422, { field: 'replies' });
      const remedyNeeded = input.verdict !== 'dismissed' && input.affectsResult;
      if (remedyNeeded !== Boolean(input.remedy))
        throw ruleError('REMEDY', remedyNeeded ? bilingual('质疑成立且影响采购结果的，应写明另行确定中标（成交）供应商或者重新开展采购活动', 'A challenge upheld that affects the result says whether the winner is determined again or the procurement restarts') : bilingual('质疑不成立或不影响采购结果的，无需处理结果', 'No remedy for a challenge dismissed or not affecting the result'), 'QC-14', 422, { field: 'remedy' });
      Object.assign(changes, { replies: [...input.replies].sort((a, b) => a.no - b.no), verdict: input.verdict, affectsResult: input.affectsResult, remedy: input.remedy ?? null, answeredAt: now, answeredBy: ctx.actor!.personId });
      // QW-02: under the Bidding Law the 10 days to complain run from the objection's answer.
      if (regime === 'tendering') changes.complaintLastDay = complaintLastDay(shanghaiDate(now), await loadCalendar(tx), regime);
      text = input.replies.map((r) => `${r.no}. ${r.reply}`).join('\n');
      const late = compareDates(shanghaiDate(now), c.answerDueOn) > 0;
      // QC-04: the challenger and the other suppliers concerned are told (those who bid, or obtained the documents for a documents challenge).
      const others = c.subject === 'documents' ? await tx.selectDistinct({ id: documentDownload.supplierEntityId }).from(documentDownload).where(eq(documentDownload.projectId, p.id)) : await tx.selectDistinct({ id: bid.supplierEntityId }).from(bid).where(and(eq(bid.projectId, p.id), inArray(bid.status, ['decrypted', 'revoked'])));
      messages = [
        {
          to: supplierDesk(c.challengerEntityId),
          title: bilingual(`${c.caseNumber} ${term['zh-CN']}已答复${late ? '（逾期）' : ''}`, `${c.caseNumber}: your ${term['en-US']} was answered${late ? ' (late)' : ''}`),
          body: bilingual(
            `如对答复不满意，可于${changes.complaintLastDay ?? c.complaintLastDay}前向${TERMS[regime].department['zh-CN']}投诉（${CLOCK_RULES[regime].complain}）。`,
            `If unsatisfied, you may complain to the ${TERMS[regime].department['en-US']} by ${changes.complaintLastDay ?? c.complaintLastDay} (${CLOCK_RULES[regime].complain}).`,
          ),
          link: caseLink('challenges', id),
          subject: { type: 'challenge', id },
        },
        ...others
          .filter((o) => o.id !== c.challengerEntityId)
          // Who challenged is not said: before the opening it would tell who obtained the documents (EB-08).
          .map((o) => ({
            to: supplierDesk(o.id),
            title: bilingual(`${p.projectNumber} ${term['zh-CN']}答复`, `${p.projectNumber}: an ${term['en-US']} was answered`),
            body: bilingual(`${p.title}：已对供应商${term['zh-CN']}作出答复，结论：${VERDICT_ZH[input.verdict]}。`, `${p.title}: a supplier's ${term['en-US']} was answered: ${VERDICT_EN[input.verdict]}.`),
            link: `/workspace/projects/${p.id}`,
            subject: { type: 'project', id: p.id },
          })),
      ];
    } else {
      text = input.text;
      messages = projectManagers(p).map((to) => ({ to, title: bilingual(`${c.caseNumber} ${term['zh-CN']}已撤回`, `${c.caseNumber}: the ${term['en-US']} was withdrawn`), body: bilingual(input.text.slice(0, 200), input.text.slice(0, 200)), link: caseLink('challenges', id), subject: { type: 'challenge', id } }));
    }
    const [saved] = await tx.update(challenge).set(changes).where(eq(challenge.id, id)).returning();
    await recordEvent(tx, ctx, 'challenge', id, input.action, text, [], input.action === 'answer' ? { verdict: input.verdict, affectsResult: input.affectsResult, remedy: input.remedy ?? null } : {});
    await notify(tx, now, messages);
    audit.record({ action: `challenge.${input.action}`, subjectType: 'challenge', subjectId: id, regionCode: c.regionCode, projectId: c.projectId, before: { status: c.status }, after: { status: to, ...(input.action === 'answer' ? { verdict: input.verdict, affectsResult: input.affectsResult, remedy: input.remedy ?? null, replies: input.replies } : { text }) } });
    return challengeView(tx, ctx, saved!, p);
  });
}

const VERDICT_ZH = { upheld: '成立', partlyUpheld: '部分成立', dismissed: '不成立' } as const;
const VERDICT_EN = { upheld: 'upheld', partlyUpheld: 'partly upheld', dismissed: 'dismissed' } as const;

// ---------------------------------------------------------------- complaints

/** The challenger complains to the finance department about matters it challenged (QC-07, QC-08). */
export async function fileComplaint(ctx: Context, challengeId: string, input: z.infer<typeof complaintInput>) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const [c] = await db.select().from(challenge).where(eq(challenge.id, challengeId));
  if (!c || !(actor.roles.includes('supplier') && actor.entityId === c.challengerEntityId)) throw notFound(CHALLENGE);
  const p = (await projectRow(db, c.projectId))!;
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db);
  const regime = regimeOf(p);
  const may = complaintWindow(c, today, regime);
  if (may) throw may;
  const scope = complaintScopeProblem(input.claimNos, c.claims.map((x) => x.no));
  if (scope) throw ruleError('COMPLAINT_SCOPE', scope, CLOCK_RULES[regime].complain, 422, { field: 'claimNos' });
  const departmentEntityId = await handlingDepartment(db, regime, p.regionCode);
  const department = TERMS[regime].department;
  if (!departmentEntityId) throw ruleError('NO_DEPARTMENT', bilingual(`本地区尚未设置${department['zh-CN']}账户，无法受理投诉`, `No ${department['en-US']} is registered for this region`), regime === 'procurement' ? 'QC-08' : 'QW-02', 409);
  const evidence = await storeEvidence(ctx, input.evidence);
  try {
    return await inTransaction(ctx, async (tx, audit) => {
      const id = randomUUID();
      const claimNos = [...new Set(input.claimNos)].sort((a, b) => a - b);
      const row: typeof complaint.$inferInsert = {
        id,
        caseNumber: `${p.projectNumber}-TS${await nextCaseNo(tx, p.id, complaint)}`,
        challengeId,
        projectId: p.id,
        regionCode: p.regionCode,
        complainantEntityId: actor.entityId,
        respondentEntityId: c.respondentEntityId,
        departmentEntityId,
        claimNos,
        request: input.request,
        evidence,
        seal: ctx.platform.signer.sign({ kind: 'complaint', id, challengeId, entityId: actor.entityId, personId: actor.personId, claimNos, request: input.request, evidence: evidence.map((e) => e.sha256), filedAt: now.toISOString() }),
        filedAt: now,
        filedBy: actor.personId,
        receivedOn: today,
        reviewFromOn: today,
        status: 'received',
      };
      const [saved] = await tx.insert(complaint).values(row).returning();
      const due = reviewDueOn(today, calendar, regime);
      await recordEvent(tx, ctx, 'complaint', id, 'file', input.request, evidence, { claimNos, reviewDueOn: due });
      await notify(tx, now, [
        { to: departmentDesk(departmentEntityId, regime), title: bilingual(`收到投诉（${row.caseNumber}）`, `Complaint ${row.caseNumber} received`), body: bilingual(`${p.title}：请于${due}前完成受理审查（${CLOCK_RULES[regime].review}）。`, `${p.title}: review it by ${due} (${CLOCK_RULES[regime].review}).`), link: caseLink('complaints', id), subject: { type: 'complaint', id } },
      ]);
      audit.record({ action: 'complaint.file', subjectType: 'complaint', subjectId: id, regionCode: p.regionCode, projectId: p.id, after: { caseNumber: row.caseNumber, challengeId, claimNos, request: input.request, evidence, departmentEntityId, reviewDueOn: due } });
      return complaintView(tx, ctx, saved!, p, calendar);
    });
  } catch (error) {
    if (violates(error, 'complaint_once_per_challenge')) throw ruleError('COMPLAINT_DUPLICATE', bilingual('该质疑已有正在处理的投诉，不得重复投诉', 'A complaint on this challenge is already being handled'), 'QC-07', 409);
    throw error;
  }
}

/** QC-07: from the answer (or the end of the answer period without one) to 15 working days after that period. */
function complaintWindow(c: ChallengeRow, today: LocalDate, regime: Regime): DomainError | null {
  const rule = CLOCK_RULES[regime].complain;
  const term = TERMS[regime].challenge;
  if (c.status === 'withdrawn') return ruleError('CHALLENGE_WITHDRAWN', bilingual(`${term['zh-CN']}已撤回，不能就其投诉`, `The ${term['en-US']} was withdrawn`), rule, 409);
  // QW-01: an objection precedes the complaint; QC-07: a challenge is answered or its period over.
  if (c.status === 'filed' && compareDates(today, c.answerDueOn) <= 0)
    return ruleError('COMPLAINT_TOO_EARLY', bilingual(`${term['zh-CN']}答复期限（${c.answerDueOn}）届满前且尚未答复的，暂不能投诉`, `The ${term['en-US']} is still within its answer period (until ${c.answerDueOn})`), rule, 409, { answerDueOn: c.answerDueOn });
  if (compareDates(today, c.complaintLastDay) > 0)
    return ruleError(
      'COMPLAINT_LATE',
      regime === 'procurement'
        ? bilingual(`投诉期限已于${c.complaintLastDay}届满（质疑答复期满后15个工作日）`, `The period to complain ended on ${c.complaintLastDay} (15 working days after the answer period)`)
        : bilingual(`投诉期限已于${c.complaintLastDay}届满（异议答复后10日）`, `The period to complain ended on ${c.complaintLastDay} (10 days after the objection's answer)`),
      rule,
      422,
      { lastDay: c.complaintLastDay },
    );
  return null;
}

/** The complaint, its project and how the caller stands to it; locked for a step. */
async function loadComplaint(db: Db, ctx: Context, id: string, lock = false) {
  const q = db.select().from(complaint).where(eq(complaint.id, id));
  const [c] = lock ? await q.for('update') : await q;
  if (!c) throw notFound(COMPLAINT);
  const p = (await projectRow(db, c.projectId))!;
  const standing = complaintStanding(ctx.actor, c, p, ctx.platform.clock.now());
  if (standing.size === 0) throw hiddenRow('complaint', id, COMPLAINT);
  return { c, p, standing };
}

export async function readComplaint(ctx: Context, id: string) {
  const db = ctx.platform.database.db;
  const { c, p } = await loadComplaint(db, ctx, id);
  return complaintView(db, ctx, c, p, await loadCalendar(db));
}

const flagsOf = (c: ComplaintRow): ComplaintFlags => ({ correctionRequested: c.correctionRequested, responded: c.respondedAt !== null, paused: c.status === 'accepted' && c.pausedOn !== null, suspended: c.suspendedUntil !== null });

/** One step of the department, the respondent or the complainant (QC-09 to QC-12). */
export async function stepComplaint(ctx: Context, id: string, input: z.infer<typeof complaintStepInput>) {
  const db = ctx.platform.database.db;
  const calendar = await loadCalendar(db);
  const evidence = 'evidence' in input ? await storeEvidence(ctx, input.evidence) : [];
  return inTransaction(ctx, async (tx, audit) => {
    const { c, p, standing } = await loadComplaint(tx, ctx, id, true);
    if (c.revision !== input.revision) throw staleRevision();
    const to = nextComplaintStatus(c.status, input.action, flagsOf(c), asParties(standing));
    if (!to) throw outOfOrder(ruleOf(input.action, regimeOf(p)));
    const now = ctx.platform.clock.now();
    const today = shanghaiDate(now);
    const regime = regimeOf(p);
    const changes: Partial<ComplaintRow> = { status: to, revision: c.revision + 1 };
    if (input.action === 'accept' || input.action === 'refuse' || input.action === 'requestCorrection') changes.reviewedAt = now;
    if (to === 'decided' || to === 'refused' || to === 'withdrawn') changes.closedAt = now;
    const detail: Record<string, unknown> = {};
    const text = 'text' in input ? (input.text ?? null) : input.action === 'decide' ? `${input.findings}\n${input.basis}` : null;
    const toComplainant = (zh: string, en: string): Message => ({ to: supplierDesk(c.complainantEntityId), title: bilingual(`${c.caseNumber} ${zh}`, `${c.caseNumber}: ${en}`), body: bilingual(text?.slice(0, 300) ?? zh, text?.slice(0, 300) ?? en), link: caseLink('complaints', id), subject: { type: 'complaint', id } });
    const toRespondents = (zh: string, en: string): Message[] => projectManagers(p).map((to) => ({ to, title: bilingual(`${c.caseNumber} ${zh}`, `${c.caseNumber}: ${en}`), body: bilingual(text?.slice(0, 300) ?? zh, text?.slice(0, 300) ?? en), link: caseLink('complaints', id), subject: { type: 'complaint', id } }));
    const toDepartment = (zh: string, en: string): Message => ({ to: departmentDesk(c.departmentEntityId, regime), title: bilingual(`${c.caseNumber} ${zh}`, `${c.caseNumber}: ${en}`), body: bilingual(text?.slice(0, 300) ?? zh, text?.slice(0, 300) ?? en), link: caseLink('complaints', id), subject: { type: 'complaint', id } });
    let messages: Message[] = [];
    switch (input.action) {
      case 'requestCorrection':
        // QC-09/QC-10: the complainant's time to correct is not counted in the decision period.
        Object.assign(changes, { correctionRequested: true, pausedOn: today });
        messages = [toComplainant('请补正投诉书', 'please correct your complaint')];
        break;
      case 'correct': {
        // QC-10: the correction's time is not counted (QW-03 counts the decision from acceptance, so there is nothing to exclude).
        const excluded = regime === 'procurement' ? pausedWorkingDays(c.pausedOn ?? today, today, calendar) : 0;
        Object.assign(changes, { pausedOn: null, excludedWorkingDays: c.excludedWorkingDays + excluded, reviewFromOn: today, reviewedAt: null });
        Object.assign(detail, { excludedWorkingDays: excluded, reviewDueOn: reviewDueOn(today, calendar, regime) });
        messages = [toDepartment('投诉人已补正', 'the complainant corrected the complaint')];
        break;
      }
      case 'accept': {
        // QC-09: the copy goes to the respondent, who answers with its evidence within 5 working days (the Bidding Law sets no such period).
        const due = regime === 'procurement' ? responseDueOn(today, calendar) : null;
        Object.assign(changes, { acceptedOn: today, responseDueOn: due });
        Object.assign(detail, { responseDueOn: due, decisionDueOn: decisionDueOn(regime === 'procurement' ? c.receivedOn : today, c.excludedWorkingDays, calendar) });
        messages = [toComplainant('投诉已受理', 'your complaint was accepted'), ...toRespondents(due ? `投诉答复通知：请于${due}前书面说明并提交证据（QC-09）` : '投诉答复通知：请书面说明并提交证据', due ? `answer the complaint with evidence by ${due} (QC-09)` : 'answer the complaint with evidence')];
        break;
      }
      case 'refuse':
        Object.assign(changes, { pausedOn: null });
        messages = [toComplainant('投诉不予受理', 'your complaint was not accepted')];
        break;
      case 'respond':
        Object.assign(changes, { respondedAt: now });
        messages = [toDepartment('被投诉人已作出说明', 'the respondent answered')];
        break;
      case 'hear':
        messages = [toComplainant('投诉质证笔录', 'minutes of the hearing'), ...toRespondents('投诉质证笔录', 'minutes of the hearing')];
        break;
      case 'pause':
        Object.assign(changes, { pausedOn: today });
        detail.reason = input.reason;
        messages = [toComplainant('投诉处理期限暂停计算', 'the decision clock is paused'), ...toRespondents('投诉处理期限暂停计算', 'the decision clock is paused')];
        break;
      case 'resume': {
        const excluded = pausedWorkingDays(c.pausedOn!, today, calendar);
        Object.assign(changes, { pausedOn: null, excludedWorkingDays: c.excludedWorkingDays + excluded });
        Object.assign(detail, { excludedWorkingDays: excluded, decisionDueOn: decisionDueOn(regime === 'procurement' ? c.receivedOn : c.acceptedOn!, c.excludedWorkingDays + excluded, calendar) });
        messages = [toComplainant('投诉处理期限恢复计算', 'the decision clock runs again'), ...toRespondents('投诉处理期限恢复计算', 'the decision clock runs again')];
        break;
      }
      case 'suspend': {
        const problem = suspensionProblem(today, input.until);
        if (problem) throw ruleError('SUSPENSION_PERIOD', problem, regime === 'procurement' ? 'QC-11' : 'QW-03', 422, { field: 'until' });
        Object.assign(changes, { suspendedOn: today, suspendedUntil: input.until });
        detail.until = input.until;
        messages = [...toRespondents(`暂停采购活动通知（至${input.until}）`, `the procurement is suspended until ${input.until}`), toComplainant(`采购活动已暂停至${input.until}`, `the procurement is suspended until ${input.until}`)];
        break;
      }
      case 'lift':
        Object.assign(changes, { suspendedOn: null, suspendedUntil: null });
        messages = [...toRespondents('恢复采购活动通知', 'the procurement may continue'), toComplainant('采购活动已恢复', 'the procurement continues')];
        break;
      case 'decide': {
        Object.assign(changes, { outcome: input.outcome, decidedAt: now, decidedBy: ctx.actor!.personId, suspendedOn: null, suspendedUntil: null });
        const noticeId = await publishDecision(tx, ctx, audit, c, p, input, today);
        changes.noticeId = noticeId;
        detail.outcome = input.outcome;
        detail.noticeId = noticeId;
        messages = [toComplainant('投诉处理决定', 'the decision on your complaint'), ...toRespondents('投诉处理决定', 'the decision on the complaint')];
        break;
      }
      case 'withdraw':
        Object.assign(changes, { pausedOn: null, suspendedOn: null, suspendedUntil: null });
        messages = [toDepartment('投诉人撤回投诉', 'the complainant withdrew'), ...toRespondents('投诉人撤回投诉', 'the complainant withdrew')];
        break;
    }
    const [saved] = await tx.update(complaint).set(changes).where(eq(complaint.id, id)).returning();
    await recordEvent(tx, ctx, 'complaint', id, input.action, text, evidence, detail);
    await notify(tx, now, messages);
    audit.record({ action: `complaint.${input.action}`, subjectType: 'complaint', subjectId: id, regionCode: c.regionCode, projectId: c.projectId, before: { status: c.status, pausedOn: c.pausedOn, suspendedUntil: c.suspendedUntil }, after: { status: to, text, evidence, ...detail } });
    return complaintView(tx, ctx, saved!, p, calendar);
  });
}

const ruleOf = (action: ComplaintAction, regime: Regime) =>
  regime === 'tendering' ? 'QW-03' : { requestCorrection: 'QC-09', correct: 'QC-09', accept: 'QC-09', refuse: 'QC-09', respond: 'QC-09', hear: 'QC-10', pause: 'QC-10', resume: 'QC-10', suspend: 'QC-11', lift: 'QC-11', decide: 'QC-10', withdraw: 'QC-12' }[action];

/** QC-12: the decision is published (投诉处理结果公告) and what it finds enters the credit records. */
async function publishDecision(tx: Db, ctx: Context, audit: AuditRecorder, c: ComplaintRow, p: ProjectRow, input: { outcome: 'upheld' | 'dismissed' | 'falseComplaint'; findings: string; basis: string }, today: LocalDate): Promise<string> {
  const [ch] = await tx.select().from(challenge).where(eq(challenge.id, c.challengeId));
  const names = await entitySummaries(tx, [c.complainantEntityId, p.purchaserEntityId, c.departmentEntityId, ...(p.agencyEntityId ? [p.agencyEntityId] : [])]);
  const respondents = [p.purchaserEntityId, ...(p.agencyEntityId ? [p.agencyEntityId] : [])];
  const n = await insertNotice(tx, ctx, audit, {
    noticeType: 'complaintDecision',
    projectId: p.id,
    planId: p.planId,
    regionCode: p.regionCode,
    fields: {
      caseNumber: c.caseNumber,
      projectNumber: p.projectNumber,
      projectTitle: p.title,
      complainant: names.get(c.complainantEntityId)!.name,
      respondents: respondents.map((r) => names.get(r)!.name),
      matters: ch!.claims.filter((x) => c.claimNos.includes(x.no)).map((x) => x.claim),
      findings: input.findings,
      basis: input.basis,
      outcome: input.outcome,
      department: names.get(c.departmentEntityId)!.name,
      decidedOn: today,
    },
  });
  const now = ctx.platform.clock.now();
  const against = input.outcome === 'falseComplaint' ? [c.complainantEntityId] : input.outcome === 'upheld' ? [c.respondentEntityId] : [];
  for (const entityId of against) {
    const record = {
      id: randomUUID(),
      entityId,
      regionCode: p.regionCode,
      kind: input.outcome === 'falseComplaint' ? ('falseComplaint' as const) : ('complaintUpheld' as const),
      ruleId: 'QC-12',
      summary: input.outcome === 'falseComplaint' ? `${p.title}：投诉（${c.caseNumber}）捏造事实、提供虚假材料，驳回投诉` : `${p.title}：投诉（${c.caseNumber}）事项成立，被投诉人${names.get(entityId)?.name ?? ''}`,
      sourceType: 'complaint',
      sourceId: c.id,
      noticeId: n.id,
      recordedAt: now,
    };
    await tx.insert(creditRecord).values(record);
    audit.record({ action: 'credit.record', subjectType: 'entity', subjectId: entityId, regionCode: p.regionCode, projectId: p.id, after: record });
  }
  return n.id;
}

// ---------------------------------------------------------------- views

/** The challenger may complain while QC-07's window is open and no complaint on it is being handled. */
function withComplain(actions: string[], c: ChallengeRow, regime: Regime, standing: Set<Standing>, today: LocalDate, complaints: { status: string }[]): string[] {
  const handled = complaints.some((x) => x.status !== 'refused' && x.status !== 'withdrawn');
  return standing.has('filer') && !complaintWindow(c, today, regime) && !handled ? [...actions, 'complain'] : actions;
}

async function eventsOf(db: Db, caseType: 'challenge' | 'complaint', caseId: string) {
  const rows = await db.select().from(caseEvent).where(and(eq(caseEvent.caseType, caseType), eq(caseEvent.caseId, caseId))).orderBy(asc(caseEvent.seq));
  const [people, entities] = await Promise.all([personNames(db, rows.map((r) => r.personId)), entitySummaries(db, rows.map((r) => r.entityId))]);
  const kind = caseType === 'challenge' ? 'challenges' : 'complaints';
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: r.at.toISOString(),
    by: { personName: people.get(r.personId) ?? '', entityName: entities.get(r.entityId)?.name ?? '' },
    text: r.text,
    files: r.files.map((f) => ({ ...f, url: `/api/${kind}/${caseId}/files/${f.sha256}` })),
    detail: r.detail,
  }));
}

const done = (c: Clock, at: Date | null, paused = false) => ({ ...c, paused, doneAt: at?.toISOString() ?? null });
type CaseClock = ReturnType<typeof done> & { step: string; ruleId: string };

/** A challenge's clocks: the answer's (QC-04, WK-05), then the complaint's (QC-07, QW-02) until one is filed. */
function challengeClocks(c: ChallengeRow, regime: Regime, complaintFiledAt: Date | null, today: LocalDate, calendar: WorkingDayCalendar): CaseClock[] {
  const rules = CLOCK_RULES[regime];
  const answer = { step: 'answer', ruleId: rules.answer, ...done(clock(c.answerDueOn, c.answeredAt ? shanghaiDate(c.answeredAt) : today, calendar), c.status === 'withdrawn' ? null : c.answeredAt) };
  if (c.status === 'withdrawn') return [answer];
  return [answer, { step: 'complain', ruleId: rules.complain, ...done(clock(c.complaintLastDay, complaintFiledAt ? shanghaiDate(complaintFiledAt) : today, calendar), complaintFiledAt) }];
}

/**
 * A complaint's clocks: the review from receipt or correction (QC-09, QW-03), the respondent's answer (QC-09),
 * the decision from receipt (QC-10) or, under the Bidding Law, from acceptance (QW-03). While paused, the
 * working days since the pause began are not counted either.
 */
function complaintClocks(c: ComplaintRow, regime: Regime, today: LocalDate, calendar: WorkingDayCalendar): CaseClock[] {
  const rules = CLOCK_RULES[regime];
  const endOr = (at: Date | null) => (at ? shanghaiDate(at) : today);
  const clocks: CaseClock[] = [{ step: 'review', ruleId: rules.review, ...done(clock(reviewDueOn(c.reviewFromOn, calendar, regime), endOr(c.reviewedAt ?? c.closedAt), calendar), c.reviewedAt ?? c.closedAt) }];
  if (c.responseDueOn) clocks.push({ step: 'respond', ruleId: rules.respond, ...done(clock(c.responseDueOn, endOr(c.respondedAt ?? c.closedAt), calendar), c.respondedAt ?? c.closedAt) });
  const decisionFrom = regime === 'procurement' ? c.receivedOn : c.acceptedOn;
  if (c.status !== 'refused' && decisionFrom) {
    const running = c.pausedOn ? pausedWorkingDays(c.pausedOn, today, calendar) : 0;
    clocks.push({ step: 'decide', ruleId: rules.decide, ...done(clock(decisionDueOn(decisionFrom, c.excludedWorkingDays + running, calendar), endOr(c.closedAt), calendar), c.closedAt, c.pausedOn !== null) });
  }
  return clocks;
}

async function challengeView(db: Db, ctx: Context, c: ChallengeRow, p: ProjectRow) {
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db);
  const standing = challengeStanding(ctx.actor, c, p, now);
  const names = await entitySummaries(db, [c.challengerEntityId, c.respondentEntityId]);
  const complaints = await db.select({ id: complaint.id, caseNumber: complaint.caseNumber, status: complaint.status, filedAt: complaint.filedAt }).from(complaint).where(eq(complaint.challengeId, c.id)).orderBy(asc(complaint.filedAt));
  const regime = regimeOf(p);
  const actions = withComplain(challengeActions(c.status, asParties(standing)), c, regime, standing, today, complaints);
  return {
    kind: 'challenge' as const,
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    revision: c.revision,
    project: { id: p.id, projectNumber: p.projectNumber, title: p.title },
    subject: c.subject,
    lot: c.lotId ? ((await db.select({ id: lot.id, lotNo: lot.lotNo, title: lot.title }).from(lot).where(eq(lot.id, c.lotId)))[0] ?? null) : null,
    filer: { entityId: c.challengerEntityId, name: names.get(c.challengerEntityId)?.name ?? '' },
    respondent: { entityId: c.respondentEntityId, name: names.get(c.respondentEntityId)?.name ?? '' },
    department: null,
    particulars: c.particulars,
    claims: c.claims,
    request: null,
    filedAt: c.filedAt.toISOString(),
    knewOn: c.knewOn,
    regime,
    clocks: challengeClocks(c, regime, complaints[0]?.filedAt ?? null, today, calendar),
    suspension: null,
    paused: false,
    replies: c.replies,
    verdict: c.verdict,
    affectsResult: c.affectsResult,
    remedy: c.remedy,
    outcome: null,
    noticeId: null,
    challengeId: null,
    complaints: complaints.map(({ filedAt: _, ...x }) => x),
    events: await eventsOf(db, 'challenge', c.id),
    actions,
  };
}

async function complaintView(db: Db, ctx: Context, c: ComplaintRow, p: ProjectRow, calendar: WorkingDayCalendar) {
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const standing = complaintStanding(ctx.actor, c, p, ctx.platform.clock.now());
  const [ch] = await db.select().from(challenge).where(eq(challenge.id, c.challengeId));
  const names = await entitySummaries(db, [c.complainantEntityId, c.respondentEntityId, c.departmentEntityId]);
  const events = await eventsOf(db, 'complaint', c.id);
  const regime = regimeOf(p);
  const suspended = c.suspendedOn && c.suspendedUntil && compareDates(today, c.suspendedUntil) <= 0 ? { from: c.suspendedOn, until: c.suspendedUntil } : null;
  return {
    kind: 'complaint' as const,
    id: c.id,
    caseNumber: c.caseNumber,
    status: c.status,
    revision: c.revision,
    project: { id: p.id, projectNumber: p.projectNumber, title: p.title },
    subject: ch!.subject,
    filer: { entityId: c.complainantEntityId, name: names.get(c.complainantEntityId)?.name ?? '' },
    respondent: { entityId: c.respondentEntityId, name: names.get(c.respondentEntityId)?.name ?? '' },
    department: { entityId: c.departmentEntityId, name: names.get(c.departmentEntityId)?.name ?? '' },
    particulars: ch!.particulars,
    claims: ch!.claims.filter((x) => c.claimNos.includes(x.no)),
    request: c.request,
    filedAt: c.filedAt.toISOString(),
    knewOn: null,
    regime,
    clocks: complaintClocks(c, regime, today, calendar),
    suspension: suspended,
    paused: c.status === 'accepted' && c.pausedOn !== null,
    replies: null,
    verdict: null,
    affectsResult: null,
    remedy: null,
    outcome: c.outcome,
    noticeId: c.noticeId,
    challengeId: c.challengeId,
    complaints: [],
    events,
    actions: complaintActions(c.status, flagsOf(c), asParties(standing)) as string[],
  };
}

// ---------------------------------------------------------------- the one window

/** Every case the caller files, answers, handles or oversees, with the clock of its open step; or only those whose step is overdue. */
export async function listCases(ctx: Context, filter: { overdue?: boolean } = {}) {
  const db = ctx.platform.database.db;
  const actor = ctx.actor!;
  const now = ctx.platform.clock.now();
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db);
  // A supplier its own filings; the purchaser and agency their projects' cases; overseers their region's (the standing below narrows each row).
  const mine = (supplier: SQL) => {
    const who: SQL[] = [];
    if (actor.roles.includes('supplier')) who.push(supplier);
    if (actor.roles.includes('purchaser')) who.push(eq(project.purchaserEntityId, actor.entityId));
    if (actor.roles.includes('agency')) who.push(eq(project.agencyEntityId, actor.entityId));
    if (oversees(actor.roles)) who.push(inRegion(project.regionCode, actor.regionCode));
    return who.length ? or(...who)! : sql`false`;
  };
  const [challenges, complaints] = await Promise.all([
    db.select({ c: challenge, p: project }).from(challenge).innerJoin(project, eq(project.id, challenge.projectId)).where(mine(eq(challenge.challengerEntityId, actor.entityId))).orderBy(desc(challenge.filedAt)).limit(500),
    db.select({ c: complaint, p: project, subject: challenge.subject }).from(complaint).innerJoin(project, eq(project.id, complaint.projectId)).innerJoin(challenge, eq(challenge.id, complaint.challengeId)).where(mine(eq(complaint.complainantEntityId, actor.entityId))).orderBy(desc(complaint.filedAt)).limit(500),
  ]);
  const names = await entitySummaries(db, [...challenges.flatMap(({ c }) => [c.challengerEntityId, c.respondentEntityId]), ...complaints.flatMap(({ c }) => [c.complainantEntityId, c.respondentEntityId, c.departmentEntityId])]);
  const name = (id: string) => names.get(id)?.name ?? '';
  const partyOf = (s: Set<Standing>): Standing => (s.has('department') ? 'department' : s.has('respondent') ? 'respondent' : s.has('filer') ? 'filer' : 'observer');
  const items = [
    ...challenges.flatMap(({ c, p }) => {
      const standing = challengeStanding(actor, c, p, now);
      if (standing.size === 0) return [];
      const regime = regimeOf(p);
      const own = complaints.filter((x) => x.c.challengeId === c.id).map((x) => x.c);
      // The answer while it is due; then, for the challenger, the time left to complain.
      const open = challengeClocks(c, regime, own[0]?.filedAt ?? null, today, calendar).find((x) => !x.doneAt && (x.step === 'answer' || (standing.has('filer') && !x.overdue)));
      return [{ kind: 'challenge' as const, regime, id: c.id, caseNumber: c.caseNumber, status: c.status as string, project: { id: p.id, projectNumber: p.projectNumber, title: p.title }, subject: c.subject, filerName: name(c.challengerEntityId), respondentName: name(c.respondentEntityId), departmentName: null, filedAt: c.filedAt.toISOString(), clock: open ?? null, actions: withComplain(challengeActions(c.status, asParties(standing)), c, regime, standing, today, own), party: partyOf(standing) }];
    }),
    ...complaints.flatMap(({ c, p, subject }) => {
      const standing = complaintStanding(actor, c, p, now);
      if (standing.size === 0) return [];
      const regime = regimeOf(p);
      // The respondent's own clock while its answer is due; otherwise the case's next open one.
      const clocks = complaintClocks(c, regime, today, calendar).filter((x) => !x.doneAt);
      const open = (standing.has('respondent') && clocks.find((x) => x.step === 'respond')) || clocks.find((x) => x.step !== 'respond');
      return [{ kind: 'complaint' as const, regime, id: c.id, caseNumber: c.caseNumber, status: c.status as string, project: { id: p.id, projectNumber: p.projectNumber, title: p.title }, subject, filerName: name(c.complainantEntityId), respondentName: name(c.respondentEntityId), departmentName: name(c.departmentEntityId), filedAt: c.filedAt.toISOString(), clock: open ?? null, actions: complaintActions(c.status, flagsOf(c), asParties(standing)) as string[], party: partyOf(standing) }];
    }),
  ]
    .filter((x) => !filter.overdue || x.clock?.overdue)
    .sort((a, b) => b.filedAt.localeCompare(a.filedAt));
  return { items };
}

/** An evidence file of a case, to those who may read the case. */
export async function caseFile(ctx: Context, kind: 'challenge' | 'complaint', id: string, sha256: string) {
  const view = kind === 'challenge' ? await readChallenge(ctx, id) : await readComplaint(ctx, id);
  const file = view.events.flatMap((e) => e.files).find((f) => f.sha256 === sha256);
  if (!file) throw notFound(bilingual('证明材料', 'Evidence file'));
  return { name: file.name, content: await ctx.platform.blobs.read(sha256) };
}

/** 信用记录 of an entity, public (QC-12): what the finance departments found, with the published decision. */
export async function publicCreditRecords(db: Db, entityId: string) {
  const rows = await db.select().from(creditRecord).where(eq(creditRecord.entityId, entityId)).orderBy(desc(creditRecord.recordedAt));
  return rows.map((r) => ({ id: r.id, kind: r.kind, ruleId: r.ruleId, summary: r.summary, recordedAt: r.recordedAt.toISOString(), noticeId: r.noticeId }));
}
