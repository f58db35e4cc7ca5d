import { z } from 'zod';
import { idParams, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { renderPdf } from '../platform/pdf';
import { renderContractHtml } from './contract/contract.render';
import { keepRawJson, signedBy } from '../identity/api-keys/signed-requests';
import { registerContract, registrationInput } from './contract/registration';
import { acceptanceInput, contractDocument, contractDraftInput, draftContract, listContracts, performanceReviewInput, readContract, recordAcceptance, refusalInput, refuseContract, reviewPerformance, signContract } from './contract/contract';

const PARTIES = { roles: ['agency', 'purchaser', 'supplier', 'operator', 'supervisor', 'authority'] } as const;
const signatureSchema = z.object({ personId: z.uuid(), entityId: z.uuid(), signedAt: z.string(), seal: z.string() }).nullable();
const contractSchema = z.looseObject({
  id: z.uuid(),
  contractNumber: z.string(),
  projectId: z.uuid().nullable().describe('Null for a contract a sub-platform registered'),
  lotId: z.uuid().nullable(),
  title: z.string(),
  priceFen: z.int(),
  milestones: z.array(z.object({ no: z.int(), name: z.string(), amountFen: z.int(), acceptanceCriteria: z.string(), dueDate: z.string() })),
  status: z.enum(['draft', 'signed', 'refused', 'completed']),
  contentHash: z.string(),
  supplierSignature: signatureSchema,
  purchaserSignature: signatureSchema,
  revision: z.int(),
});

/** The contract, signed online by both parties, then performance acceptance and reviews. */
export function contractRoutes(app: App) {
  app.post(
    '/api/projects/:id/lots/:lotId/contract',
    {
      config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } },
      schema: { tags: ['contract'], summary: '起草合同 / Draft the contract from the documents and the winning bid', params: z.object({ id: z.uuid(), lotId: z.uuid() }), body: contractDraftInput, response: withErrors({ 201: contractSchema }, 404, 409, 422) },
    },
    async (request, reply) => reply.code(201).send(await draftContract(request.ctx, request.params.id, request.params.lotId, request.body)),
  );
  app.get(
    '/api/contracts',
    { config: { access: PARTIES }, schema: { tags: ['contract'], summary: '合同 / Contracts of a project, or my own', querystring: z.object({ projectId: z.uuid().optional() }), response: withErrors({ 200: z.array(contractSchema) }, 404) } },
    async (request) => listContracts(request.ctx, request.query.projectId ?? null),
  );
  app.get(
    '/api/contracts/:id',
    { config: { access: PARTIES, subject: { type: 'contract', action: 'read' } }, schema: { tags: ['contract'], summary: '合同详情 / A contract with its acceptances, payable amounts and reviews', params: idParams, response: withErrors({ 200: contractSchema }, 404) } },
    async (request) => readContract(request.ctx, request.params.id),
  );
  app.get(
    '/api/contracts/:id/contract.pdf',
    { config: { access: PARTIES, subject: { type: 'contract', action: 'read' } }, schema: { tags: ['contract'], summary: '合同文本PDF / The contract as a PDF with both parties’ seals', params: idParams, response: withErrors({ 200: z.any().describe('application/pdf') }, 404) } },
    async (request, reply) => {
      const doc = await contractDocument(request.ctx, request.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="contract-${doc.contractNumber}.pdf"`).send(await renderPdf(renderContractHtml(doc)));
    },
  );
  app.post(
    '/api/contracts/:id/signatures',
    { config: { access: { roles: ['purchaser', 'supplier'] }, subject: { type: 'contract', action: 'sign' } }, schema: { tags: ['contract'], summary: '签署合同（电子签章）/ Sign for my side; both signed publishes it (GP-76)', params: idParams, body: z.object({ revision: z.int() }), response: withErrors({ 200: contractSchema }, 404, 409) } },
    async (request) => signContract(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/contracts/:id/refusal',
    { config: { access: { roles: ['supplier'] }, subject: { type: 'contract', action: 'refuse' } }, schema: { tags: ['contract'], summary: '拒绝签订 / The winner refuses to sign (GP-78)', params: idParams, body: refusalInput, response: withErrors({ 200: z.object({ id: z.uuid(), status: z.string() }) }, 404, 409) } },
    async (request) => refuseContract(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/contracts/:id/acceptances',
    { config: { access: { roles: ['purchaser'] }, subject: { type: 'contract', action: 'accept' } }, schema: { tags: ['contract'], summary: '履约验收 / Record acceptance of a milestone (unlocks its payment)', params: idParams, body: acceptanceInput, response: withErrors({ 200: contractSchema }, 404, 409, 422) } },
    async (request) => recordAcceptance(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/contracts/:id/reviews',
    { config: { access: { roles: ['purchaser', 'supplier'] }, subject: { type: 'contract', action: 'review' } }, schema: { tags: ['contract'], summary: '履约评价 / Rate the supplier, or give the supplier’s feedback', params: idParams, body: performanceReviewInput, response: withErrors({ 200: contractSchema }, 404, 409, 422) } },
    async (request) => reviewPerformance(request.ctx, request.params.id, request.body),
  );
}

/**
 * Seed 000, step 2: a sub-platform registers a contract it traded. Signed like a bank's notice, with
 * the sub-platform's API key: X-Api-Key, X-Api-Timestamp (ISO 8601, within 5 minutes) and
 * X-Api-Signature = hex HMAC-SHA256(secret, "POST\n" + path + "\n" + timestamp + "\n" + body).
 */
export function contractRegistrationRoutes(app: App) {
  keepRawJson(app);
  app.post(
    '/api/sub-platform/contracts',
    {
      config: { access: 'public', signedBy: 'subPlatform' },
      schema: {
        tags: ['exchange'],
        summary:
          '子平台合同登记 / A sub-platform registers a contract it traded and signed (e.g. a works contract), so that it reaches acceptance and payment here. Signed with the sub-platform’s API key (X-Api-Key, X-Api-Timestamp, X-Api-Signature); idempotent on the reference',
        body: registrationInput,
        response: withErrors({ 200: contractSchema.extend({ replayed: z.boolean() }) }, 409, 422),
      },
    },
    async (request) => registerContract(request.ctx, await signedBy(request, 'subPlatform', 'X-Api'), request.body),
  );
}
