import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { negotiationRecordInput, negotiationRecords, negotiationSignatureInput, saveNegotiationRecord, signNegotiationRecord } from './single-source/negotiation-record';

const MEMBER = { roles: ['expert', 'purchaser'] } as const;
const lotParams = z.object({ id: z.uuid(), lotId: z.uuid() });

const lotRecordSchema = z.object({
  lotId: z.uuid(),
  lotNo: z.int(),
  title: z.string(),
  budgetFen: z.number(),
  supplierName: z.string(),
  status: z.enum(['none', 'draft', 'signed']),
  publicityAccount: z
    .object({ startsAt: z.string(), endsOn: z.string(), objections: z.array(z.object({ text: z.string(), status: z.enum(['pending', 'upheld', 'dismissed']), review: z.string().nullable() })) })
    .nullable()
    .describe('(一) the publicity and its objections’ reviews, filled by the platform; null without a publicity'),
  record: z
    .object({
      negotiatedOn: z.string(),
      place: z.string(),
      supplierCost: z.string().nullable(),
      comparablePrices: z.string().nullable(),
      patentDetails: z.string().nullable(),
      contractTerms: z.string(),
      agreedPriceFen: z.number(),
      contentHash: z.string(),
      signedAt: z.string().nullable(),
    })
    .nullable()
    .describe('The supplier reads the date, place, terms and price only'),
  negotiators: z.array(z.object({ personId: z.uuid(), displayName: z.string() })),
  signatures: z.array(
    z.object({
      personId: z.uuid(),
      displayName: z.string(),
      decision: z.enum(['agree', 'dissent', 'refuse']),
      reasons: z.string().nullable(),
      standing: z.enum(['agrees', 'dissents', 'deemedToAgree']).describe('SS-05: a refusal without reasons counts as agreement'),
      signedAt: z.string(),
    }),
  ),
  missing: z.array(z.string()).describe('The negotiators who have not answered yet'),
  mayDraft: z.boolean(),
  maySign: z.boolean(),
});
const recordsSchema = z.object({ projectId: z.uuid(), reader: z.enum(['negotiator', 'overseer', 'supplier']), lots: z.array(lotRecordSchema) }).meta({ id: 'NegotiationRecords' });

/** 单一来源 协商情况记录 (SS-05, SS-07): drafted and signed by the negotiators; it is the lot's evaluation result. */
export function singleSourceRoutes(app: App) {
  app.get(
    '/api/projects/:id/negotiation-record',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['evaluation'], summary: '协商情况记录 / The single-source negotiation records (negotiators, purchaser, agency, supervisors; the supplier once awarded)', params: idParams, response: withErrors({ 200: recordsSchema }, 404, 409) },
    },
    async (request) => negotiationRecords(request.ctx, request.params.id),
  );
  app.put(
    '/api/evaluations/:id/lots/:lotId/negotiation-record',
    {
      config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } },
      schema: { tags: ['evaluation'], summary: '编写协商情况记录 / A negotiator writes the record; the agreed price is at most the budget (SS-05, SS-07)', params: lotParams, body: negotiationRecordInput, response: withErrors({ 200: lotRecordSchema }, 404, 409, 422) },
    },
    async (request) => saveNegotiationRecord(request.ctx, request.params.id, request.params.lotId, request.body),
  );
  app.post(
    '/api/evaluations/:id/lots/:lotId/negotiation-record/signatures',
    {
      config: { access: MEMBER, subject: { type: 'evaluation', action: 'evaluate' } },
      schema: { tags: ['evaluation'], summary: '签署协商情况记录 / Sign the record, dissent with reasons, or refuse to sign (SS-05)', params: lotParams, body: negotiationSignatureInput, response: withErrors({ 200: lotRecordSchema }, 404, 409, 422) },
    },
    async (request) => signNegotiationRecord(request.ctx, request.params.id, request.params.lotId, request.body),
  );
}
