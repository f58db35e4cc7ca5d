import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { REQUIREMENT_CHANGE_KINDS } from './methods/method';
import { acknowledgeChange, callFinalOffers, changeInput, confirmChange, finalOfferCallInput, finalOfferInput, giveFinalOffer, projectRounds, proposeChange } from './rounds/rounds';

const lotParams = z.object({ id: z.uuid(), lotId: z.uuid() });
const offerSchema = z.object({ amountFen: z.number(), statement: z.string().nullable(), submittedAt: z.string(), digest: z.string() });
const roundsSchema = z
  .object({
    ruleIds: z.object({ changeRuleId: z.string(), finalOffersRuleId: z.string() }).nullable().describe('Null for a method without rounds'),
    lots: z.array(
      z.object({
        lotId: z.uuid(),
        lotNo: z.int(),
        title: z.string(),
        changes: z.array(
          z.object({
            id: z.uuid(),
            changeNo: z.int(),
            kind: z.enum(REQUIREMENT_CHANGE_KINDS),
            text: z.string(),
            proposedAt: z.string(),
            proposedBy: z.string().nullable(),
            confirmedAt: z.string().nullable(),
            confirmedBy: z.string().nullable(),
            receivedAt: z.string().nullable().describe('When the caller’s organisation acknowledged it'),
            receipts: z.array(z.object({ supplierName: z.string(), receivedAt: z.string().nullable() })).nullable().describe('For the panel, those running the project and its supervisors'),
            mayConfirm: z.boolean(),
          }),
        ),
        finalOffers: z
          .object({
            deadline: z.string(),
            calledAt: z.string(),
            open: z.boolean(),
            offers: z.array(z.object({ supplierName: z.string(), amountFen: z.number().nullable(), statement: z.string().nullable(), submittedAt: z.string().nullable(), digest: z.string().nullable() })).nullable().describe('Once the deadline has passed, for the panel, those running the project and its supervisors'),
            mine: offerSchema.nullable(),
          })
          .nullable(),
        actions: z.object({ proposeChange: z.boolean(), callFinalOffers: z.boolean(), giveFinalOffer: z.boolean() }),
      }),
    ),
  })
  .meta({ id: 'Rounds' });

/** 磋商/谈判 rounds: changes to the requirements sent to every supplier at once, and sealed final offers (CS-04..06, NG-03..05). */
export function roundsRoutes(app: App) {
  app.get(
    '/api/projects/:id/rounds',
    { config: { access: { roles: ['supplier', 'expert', 'purchaser', 'agency', 'operator', 'supervisor', 'authority'] } }, schema: { tags: ['evaluation'], summary: '磋商（谈判）与最后报价 / The consultation or negotiation rounds as the caller may see them', params: idParams, response: withErrors({ 200: roundsSchema }, 404) } },
    async (request) => projectRounds(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/lots/:lotId/requirement-changes',
    { config: { access: { roles: ['expert', 'purchaser'] }, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '实质性变动 / The chair proposes a change to the requirements (CS-05, NG-04)', params: lotParams, body: changeInput, response: withErrors({ 201: z.object({ id: z.uuid(), changeNo: z.int() }) }, 404, 409, 422) } },
    async (request, reply) => reply.code(201).send(await proposeChange(request.ctx, request.params.id, request.params.lotId, request.body)),
  );
  app.post(
    '/api/requirement-changes/:id/confirmation',
    { config: { access: { roles: ['expert', 'purchaser'] }, subject: { type: 'requirementChange', action: 'confirm' } }, schema: { tags: ['evaluation'], summary: '确认实质性变动 / The purchaser’s representative confirms a change; every supplier taking part is told in writing at once', params: idParams, response: withErrors({ 200: z.object({ id: z.uuid(), confirmedAt: z.string(), sentTo: z.int() }) }, 404, 409) } },
    async (request) => confirmChange(request.ctx, request.params.id),
  );
  app.post(
    '/api/requirement-changes/:id/receipt',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'requirementChange', action: 'acknowledge' } }, schema: { tags: ['evaluation'], summary: '签收实质性变动 / Acknowledge a change received in writing', params: idParams, response: withErrors({ 200: z.object({ id: z.uuid(), receivedAt: z.string() }) }, 404) } },
    async (request) => acknowledgeChange(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/lots/:lotId/final-offer-call',
    { config: { access: { roles: ['expert', 'purchaser'] }, subject: { type: 'evaluation', action: 'evaluate' } }, schema: { tags: ['evaluation'], summary: '要求最后报价 / The chair calls for final offers by a time (CS-06, NG-05)', params: lotParams, body: finalOfferCallInput, response: withErrors({ 201: z.object({ lotId: z.uuid(), deadline: z.string() }) }, 404, 409, 422) } },
    async (request, reply) => reply.code(201).send(await callFinalOffers(request.ctx, request.params.id, request.params.lotId, request.body)),
  );
  app.put(
    '/api/projects/:id/lots/:lotId/final-offer',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'project', action: 'actAsBidder' } }, schema: { tags: ['evaluation'], summary: '提交最后报价 / Give or replace my final offer before the deadline; nobody else reads it until then', params: lotParams, body: finalOfferInput, response: withErrors({ 200: z.object({ lotId: z.uuid(), amountFen: z.number(), submittedAt: z.string(), digest: z.string() }) }, 404, 409, 422) } },
    async (request) => giveFinalOffer(request.ctx, request.params.id, request.params.lotId, request.body),
  );
}
