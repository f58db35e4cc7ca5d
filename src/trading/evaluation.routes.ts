import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { renderPdf } from '../platform/pdf';
import { confirmWinner, confirmWinnerInput, findAwardLetter, myAwardLetters, projectAwards, sendReport } from './award/award';
import {
  answerExplanation,
  chairVoteInput,
  voteForChair,
  decideExplanation,
  evaluationDocument,
  evaluationSheet,
  explanationAnswerInput,
  explanationDecisionInput,
  explanationRequestInput,
  myCommitteeRequests,
  reportDocument,
  answerCorrection,
  correctionInput,
  proposeCorrection,
  requestExplanation,
  saveSheet,
  sheetInput,
  signatureInput,
  signedReports,
  signReport,
  submitSheet,
} from './evaluation/evaluation';
import { renderLetterHtml, type LetterFields } from './notice/render';
import { renderReportHtml } from './evaluation/report.render';

const MEMBER = { roles: ['expert', 'purchaser'] } as const;
const MANAGERS_AND_SUPERVISORS = { roles: ['agency', 'purchaser', 'operator', 'supervisor', 'authority'] } as const;
const lotParams = z.object({ id: z.uuid(), lotId: z.uuid() });
const bidParams = z.object({ id: z.uuid(), bidId: z.uuid() });
const resultSchema = z.object({
  method: z.enum(['lowestPrice', 'scoring']),
  bids: z.array(
    z.object({
      bidId: z.uuid(),
      supplierEntityId: z.uuid(),
      supplierName: z.string(),
      priceFen: z.number(),
      sme: z.string(),
      valid: z.boolean(),
      invalidReasons: z.array(z.string()),
      evaluatedPriceFen: z.number(),
      criterionPoints: z.record(z.string(), z.number()),
      priceScore: z.number().nullable(),
      total: z.number().nullable(),
      rank: z.int().nullable(),
      recommended: z.boolean(),
    }),
  ),
  candidates: z.array(z.uuid()),
  failed: z.object({ ruleId: z.string(), reason: z.string() }).nullable(),
  tieBreak: z.array(z.object({ seed: z.string(), tied: z.array(z.uuid()), order: z.array(z.uuid()) })),
  sameBrand: z.array(z.object({ bidId: z.uuid(), keptBidId: z.uuid(), brand: z.string() })),
});
const reportSchema = z.object({
  lotId: z.uuid(),
  lotNo: z.int().optional(),
  title: z.string().optional(),
  status: z.enum(['signing', 'signed']),
  result: resultSchema,
  tieSeed: z.string().nullable(),
  contentHash: z.string(),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  signatures: z.array(z.object({ personId: z.uuid(), displayName: z.string(), agreed: z.boolean(), dissent: z.string().nullable(), signedAt: z.string() })),
});
const correctionSchema = z.object({ bidId: z.uuid(), corrections: z.array(z.object({ step: z.int(), description: z.string(), fromFen: z.number(), toFen: z.number() })), fromFen: z.number(), correctedFen: z.number(), confirmed: z.boolean().nullable(), proposedAt: z.string(), respondedAt: z.string().nullable() });
const periodSchema = z.object({ ruleId: z.string(), zh: z.string(), en: z.string(), dueDate: z.string().nullable(), doneAt: z.string().nullable(), late: z.boolean() });
const awardSchema = z.looseObject({ lotId: z.uuid(), status: z.string(), candidates: z.array(z.uuid()), winnerBidId: z.uuid().nullable(), periods: z.array(periodSchema) });

/** Online evaluation by the drawn committee, the signed report, and the award with its letters. */
export function evaluationRoutes(app: App) {
  app.get(
    '/api/evaluations/:id/sheet',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '评审表 / The member’s evaluation sheet (members only, during the evaluation)', params: idParams, response: withErrors({ 200: z.looseObject({ projectId: z.uuid(), lots: z.array(z.looseObject({ lotId: z.uuid() })) }) }, 404) } },
    async (request) => evaluationSheet(request.ctx, request.params.id),
  );
  app.get(
    '/api/evaluations/:id/bids/:bidId/parts/:index',
    {
      config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } },
      schema: { tags: ['evaluation'], summary: '查阅投标文件 / A decrypted bid document (members only, during the evaluation)', params: bidParams.extend({ index: z.coerce.number().int().min(0).max(30) }), response: withErrors({ 200: z.any().describe('the file') }, 404, 409) },
    },
    async (request, reply) => {
      const doc = await evaluationDocument(request.ctx, request.params.id, request.params.bidId, request.params.index);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${encodeURIComponent(doc.name)}.pdf"`).send(doc.bytes);
    },
  );
  app.post(
    '/api/evaluations/:id/chair-votes',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '推选组长 / Vote for the chair; more than half of the members elect', params: idParams, body: chairVoteInput, response: withErrors({ 200: z.object({ chair: z.uuid().nullable() }) }, 404) } },
    async (request) => voteForChair(request.ctx, request.params.id, request.body),
  );
  app.put(
    '/api/evaluations/:id/lots/:lotId/sheet',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '保存评审 / Save my reviews (pass/fail with reasons) and scores', params: lotParams, body: sheetInput, response: withErrors({ 200: z.object({ saved: z.int() }) }, 404, 409, 422) } },
    async (request) => saveSheet(request.ctx, request.params.id, request.params.lotId, request.body),
  );
  app.post(
    '/api/evaluations/:id/lots/:lotId/submission',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '提交评审 / Submit my evaluation of the lot (final)', params: lotParams, response: withErrors({ 200: z.object({ report: reportSchema.nullable() }) }, 404, 409, 422) } },
    async (request) => submitSheet(request.ctx, request.params.id, request.params.lotId),
  );
  app.post(
    '/api/evaluations/:id/bids/:bidId/explanation-request',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '要求澄清报价 / Ask the bidder to explain an abnormally low price (GP-59)', params: bidParams, body: explanationRequestInput, response: withErrors({ 200: z.object({ bidId: z.uuid(), requestedAt: z.string() }) }, 404, 409) } },
    async (request) => requestExplanation(request.ctx, request.params.id, request.params.bidId, request.body),
  );
  app.post(
    '/api/evaluations/:id/bids/:bidId/explanation-decision',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '认定澄清 / The chair records whether the explanation stands (GP-59)', params: bidParams, body: explanationDecisionInput, response: withErrors({ 200: z.object({ report: reportSchema.nullable() }) }, 404, 409) } },
    async (request) => decideExplanation(request.ctx, request.params.id, request.params.bidId, request.body),
  );
  app.post(
    '/api/evaluations/:id/lots/:lotId/signatures',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '签署评标报告 / Sign the report, agreeing or with a dissent', params: lotParams, body: signatureInput, response: withErrors({ 200: reportSchema }, 404, 409, 422) } },
    async (request) => signReport(request.ctx, request.params.id, request.params.lotId, request.body),
  );
  app.get(
    '/api/projects/:id/my-committee-requests',
    {
      config: { access: { roles: ['supplier'] }, subject: { type: 'project', action: 'participate' } },
      schema: {
        tags: ['evaluation'],
        summary: '评标委员会的要求 / The committee’s GP-59 explanation requests and GP-58 corrections on my bids',
        params: idParams,
        response: withErrors({
          200: z.object({
            explanations: z.array(z.object({ bidId: z.uuid(), question: z.string(), requestedAt: z.string(), explanation: z.string().nullable(), respondedAt: z.string().nullable(), accepted: z.boolean().nullable() })),
            corrections: z.array(correctionSchema),
          }),
        }),
      },
    },
    async (request) => myCommitteeRequests(request.ctx, request.params.id),
  );
  app.post(
    '/api/evaluations/:id/bids/:bidId/price-correction',
    { config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '报价修正 / The chair records the committee’s arithmetic correction (GP-58)', params: bidParams, body: correctionInput, response: withErrors({ 200: correctionSchema }, 404, 409, 422) } },
    async (request) => proposeCorrection(request.ctx, request.params.id, request.params.bidId, request.body),
  );
  app.post(
    '/api/bids/:id/correction-answer',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'bid', action: 'answer' } }, schema: { tags: ['evaluation'], summary: '确认报价修正 / Confirm or refuse the corrected price (GP-58)', params: idParams, body: z.object({ confirmed: z.boolean() }), response: withErrors({ 200: z.object({ bidId: z.uuid(), confirmed: z.boolean() }) }, 404, 409) } },
    async (request) => answerCorrection(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/bids/:id/explanation',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'bid', action: 'answer' } }, schema: { tags: ['evaluation'], summary: '提交报价说明 / The bidder’s written explanation (GP-59)', params: idParams, body: explanationAnswerInput, response: withErrors({ 200: z.object({ bidId: z.uuid(), respondedAt: z.string() }) }, 404, 409) } },
    async (request) => answerExplanation(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/projects/:id/evaluation-reports',
    { config: { access: MANAGERS_AND_SUPERVISORS, subject: { type: 'project', action: 'oversee' } }, schema: { tags: ['evaluation'], summary: '评标报告 / The signed reports of the project', params: idParams, response: withErrors({ 200: z.array(reportSchema) }, 404) } },
    async (request) => signedReports(request.ctx, request.params.id),
  );
  app.get(
    '/api/projects/:id/lots/:lotId/evaluation-report.pdf',
    {
      config: { access: { roles: ['agency', 'purchaser', 'expert', 'operator', 'supervisor', 'authority'] } },
      schema: { tags: ['evaluation'], summary: '评标报告PDF / The signed report as a PDF, with every signature and dissent', params: lotParams, response: withErrors({ 200: z.any().describe('application/pdf') }, 404) },
    },
    async (request, reply) => {
      const doc = await reportDocument(request.ctx, request.params.id, request.params.lotId);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="evaluation-report-${doc.projectNumber}-${doc.lotNo}.pdf"`).send(await renderPdf(renderReportHtml(doc)));
    },
  );
  app.get(
    '/api/projects/:id/awards',
    { config: { access: MANAGERS_AND_SUPERVISORS, subject: { type: 'project', action: 'oversee' } }, schema: { tags: ['award'], summary: '定标 / Award state and the legal periods of each lot', params: idParams, response: withErrors({ 200: z.array(awardSchema) }, 404) } },
    async (request) => projectAwards(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/lots/:lotId/report-delivery',
    { config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } }, schema: { tags: ['award'], summary: '送交评标报告 / Send the signed report to the purchaser (GP-70)', params: lotParams, response: withErrors({ 200: z.object({ lotId: z.uuid(), status: z.string() }) }, 404, 409) } },
    async (request) => sendReport(request.ctx, request.params.id, request.params.lotId),
  );
  app.post(
    '/api/projects/:id/lots/:lotId/award',
    {
      config: { access: { roles: ['purchaser'] }, subject: { type: 'project', action: 'confirmWinner' } },
      schema: { tags: ['award'], summary: '确定中标人 / Confirm the winner in the recommended order; publishes the notice and the letters', params: lotParams, body: confirmWinnerInput, response: withErrors({ 200: awardSchema }, 404, 409, 422) },
    },
    async (request) => confirmWinner(request.ctx, request.params.id, request.params.lotId, request.body),
  );
  app.get(
    '/api/award-letters',
    { config: { access: { roles: ['supplier'] } }, schema: { tags: ['award'], summary: '我的通知书 / My award and result letters', response: withErrors({ 200: z.array(z.looseObject({ lotId: z.uuid(), bidId: z.uuid(), kind: z.string(), fields: z.record(z.string(), z.unknown()) })) }) } },
    async (request) => myAwardLetters(request.ctx),
  );
  app.get(
    '/api/award-letters/:lotId/:bidId.pdf',
    { config: { access: { roles: 'any' }, subject: { type: 'bid', action: 'readLetter', param: 'bidId' } }, schema: { tags: ['award'], summary: '通知书PDF（电子签章）/ The letter as a sealed PDF', params: z.object({ lotId: z.uuid(), bidId: z.uuid() }), response: withErrors({ 200: z.any().describe('application/pdf') }, 404) } },
    async (request, reply) => {
      const letter = await findAwardLetter(request.ctx, request.params.lotId, request.params.bidId);
      const platform = request.ctx.platform;
      const html = renderLetterHtml(letter.fields as unknown as LetterFields, { contentHash: letter.contentHash, signature: letter.seal, keyId: platform.signer.keyId, platformName: platform.config.operator.name });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="letter-${letter.bidId}.pdf"`).send(await renderPdf(html));
    },
  );
}
