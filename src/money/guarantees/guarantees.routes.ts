import { z } from 'zod';
import { isLocalDate } from '../../platform/calendar/calendar';
import { idParams, noBody, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { MAX_FEN } from '../../platform/money';
import { CLAIM_STATUSES, GUARANTEE_STATUSES } from './guarantee.rules';
import { applyForGuarantee, approveGuarantee, declineGuarantee, fileClaim, issuerQueue, listIssuers, lotGuarantees, myGuarantees, settleClaim, verifyGuarantee } from './guarantees';

/** E-guarantees (电子保函) as bid security: the supplier's application, the issuer's desk, claims and the public verification. */

const SUPPLIER = { roles: ['supplier'] } as const;
const GUARANTOR = { roles: ['guarantor'] } as const;
const MANAGERS = { roles: ['purchaser', 'agency'] } as const;

const iso = z.string().describe('ISO 8601, UTC');
const localDate = z.string().refine(isLocalDate, 'YYYY-MM-DD').describe('A day in Asia/Shanghai, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(2).max(max);

const claimSchema = z
  .object({
    id: z.uuid(),
    amountFen: z.int(),
    reason: z.string(),
    basis: z.string(),
    status: z.enum(CLAIM_STATUSES),
    claimedAt: iso,
    settledAt: iso.nullable(),
    settlementNote: z.string().nullable(),
  })
  .meta({ id: 'GuaranteeClaim' });

const guaranteeSchema = z
  .object({
    id: z.uuid(),
    lotId: z.uuid(),
    projectId: z.uuid(),
    projectNumber: z.string(),
    projectTitle: z.string(),
    lotNo: z.int(),
    status: z.enum(GUARANTEE_STATUSES),
    supplierName: z.string(),
    issuerEntityId: z.uuid(),
    issuerName: z.string(),
    beneficiaryName: z.string().describe('The purchaser'),
    amountFen: z.int(),
    validFrom: localDate.nullable(),
    validUntil: localDate,
    appliedAt: iso,
    decidedAt: iso.nullable(),
    declineReason: z.string().nullable(),
    guaranteeNumber: z.string().nullable().describe('保函编号, once approved'),
    checkCode: z.string().nullable().describe('校验码: to the supplier and the issuer only'),
    claim: claimSchema.nullable(),
  })
  .meta({ id: 'Guarantee' });

const issuerSchema = z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() }).meta({ id: 'GuaranteeIssuer' });

export function guaranteeRoutes(app: App) {
  app.get(
    '/api/guarantors',
    {
      config: { access: SUPPLIER },
      schema: { tags: ['guarantees'], summary: '保函开立机构 / The guarantee issuers registered on the platform (banks, insurers, guarantee companies)', response: withErrors({ 200: z.array(issuerSchema) }) },
    },
    async (request) => listIssuers(request.ctx.platform.database.db),
  );

  app.get(
    '/api/lots/:id/my-guarantees',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: {
        tags: ['guarantees'],
        summary: '我的投标保函 / My guarantee applications for a lot, with what an application needs (required amount, beneficiary, bid validity, issuers)',
        params: idParams,
        response: withErrors(
          {
            200: z.object({
              lotId: z.uuid(),
              requiredFen: z.int(),
              beneficiaryName: z.string(),
              deadline: iso.nullable(),
              bidValidityEnd: localDate.nullable().describe('Last day of the bid validity (90 days from the deadline); the guarantee must be valid through it'),
              open: z.boolean().describe('Whether applications are still taken (before the deadline)'),
              issuers: z.array(issuerSchema),
              guarantees: z.array(guaranteeSchema),
            }),
          },
          404,
        ),
      },
    },
    async (request) => myGuarantees(request.ctx, request.params.id),
  );

  app.post(
    '/api/lots/:id/guarantees',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: {
        tags: ['guarantees'],
        summary: '申请投标保函 / Apply for a bid guarantee on a lot: amount = the lot’s required deposit, beneficiary = the purchaser, valid at least through the bid validity (after obtaining the documents, before the deadline; one live application per lot)',
        params: idParams,
        body: z.object({ issuerEntityId: z.uuid().describe('A registered issuer (GET /api/guarantors)'), validUntil: localDate.describe('Last day of validity asked for') }),
        response: withErrors({ 200: guaranteeSchema }, 404, 409, 422),
      },
    },
    async (request) => applyForGuarantee(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/lots/:id/guarantees',
    {
      config: { access: MANAGERS, subject: { type: 'lot', action: 'manage' } },
      schema: {
        tags: ['guarantees'],
        summary: '本标项的投标保函 / The approved guarantees of the lot’s bids, to the purchaser and its agency, once the opening has started (409 before: sealed)',
        params: idParams,
        response: withErrors({ 200: z.array(guaranteeSchema) }, 404, 409),
      },
    },
    async (request) => lotGuarantees(request.ctx, request.params.id),
  );

  app.get(
    '/api/guarantor/guarantees',
    {
      config: { access: GUARANTOR },
      schema: {
        tags: ['guarantees'],
        summary: '保函受理 / The issuer’s queue: every application made to it (pending first) and any claim on its guarantees',
        response: withErrors({ 200: z.array(guaranteeSchema.extend({ deadline: iso.nullable(), bidValidityEnd: localDate.nullable() })) }),
      },
    },
    async (request) => issuerQueue(request.ctx),
  );

  app.post(
    '/api/guarantees/:id/approval',
    {
      config: { access: GUARANTOR, subject: { type: 'guarantee', action: 'decide' } },
      schema: {
        tags: ['guarantees'],
        summary: '开立保函 / The issuer approves an application: the guarantee gets its number and check code (before the bid deadline only)',
        params: idParams,
        body: noBody,
        response: withErrors({ 200: guaranteeSchema }, 404, 409),
      },
    },
    async (request) => approveGuarantee(request.ctx, request.params.id),
  );

  app.post(
    '/api/guarantees/:id/decline',
    {
      config: { access: GUARANTOR, subject: { type: 'guarantee', action: 'decide' } },
      schema: {
        tags: ['guarantees'],
        summary: '不予开立 / The issuer declines an application, with its reason',
        params: idParams,
        body: z.object({ reason: text(500).describe('Why (shown to the supplier)') }),
        response: withErrors({ 200: guaranteeSchema }, 404, 409),
      },
    },
    async (request) => declineGuarantee(request.ctx, request.params.id, request.body.reason),
  );

  app.post(
    '/api/guarantees/:id/claim',
    {
      config: { access: MANAGERS, subject: { type: 'guarantee', action: 'claim' } },
      schema: {
        tags: ['guarantees'],
        summary: '保函索赔 / The purchaser or its agency claims against an approved guarantee of a bid of its lot, after the opening and within the validity: once per guarantee',
        params: idParams,
        body: z.object({
          reason: text(1000).describe('Why the deposit is forfeited (e.g. the bidder withdrew after the deadline)'),
          basis: text(500).describe('The clause of the documents or the rule the claim rests on'),
          amountFen: z.int().min(1).max(MAX_FEN).nullish().describe('At most the guaranteed amount; the whole of it when left out'),
        }),
        response: withErrors({ 200: guaranteeSchema }, 404, 409, 422),
      },
    },
    async (request) => fileClaim(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/guarantees/:id/claim/settlement',
    {
      config: { access: GUARANTOR, subject: { type: 'guarantee', action: 'settleClaim' } },
      schema: {
        tags: ['guarantees'],
        summary: '索赔处理 / The issuer records the outcome of the claim on its guarantee, once: paid, or declined with its reason',
        params: idParams,
        body: z.object({ outcome: z.enum(['paid', 'declined']), note: z.string().trim().max(1000).nullish().describe('Required when declined') }),
        response: withErrors({ 200: guaranteeSchema }, 404, 409, 422),
      },
    },
    async (request) => settleClaim(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/public/guarantees/verification',
    {
      config: { access: 'public' },
      schema: {
        tags: ['guarantees'],
        summary: '保函查验 / Anyone verifies a guarantee by its number and check code; a wrong number or code answers the same 404',
        querystring: z.object({ number: z.string().trim().min(1).max(40).describe('保函编号'), checkCode: z.string().trim().min(1).max(40).describe('校验码') }),
        response: withErrors(
          {
            200: z
              .object({
                guaranteeNumber: z.string(),
                state: z.enum(['valid', 'expired', 'claimPaid']),
                issuerName: z.string(),
                beneficiaryName: z.string(),
                applicantName: z.string(),
                amountFen: z.int(),
                validFrom: localDate,
                validUntil: localDate,
                issuedAt: iso,
                projectNumber: z.string(),
                projectTitle: z.string(),
                lotNo: z.int(),
              })
              .meta({ id: 'GuaranteeVerification' }),
          },
          404,
        ),
      },
    },
    async (request) => verifyGuarantee(request.ctx, request.query.number, request.query.checkCode),
  );
}
