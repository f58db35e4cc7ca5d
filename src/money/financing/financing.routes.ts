import { z } from 'zod';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { PAYMENT_STATUSES } from '../payments/payment.states';
import { applyForFinancing, applyInput, approveFinancing, approveInput, bankQueue, contractFinancingOf, declineFinancing, declineInput, financingBanks, readFinancing, withdrawFinancing, withdrawInput } from './financing';
import { FINANCING_STATUSES } from './financing.rules';

/** 政采贷: procurement-contract financing. The supplier applies on its contract; the bank's credit officers decide. */

const SUPPLIER = { roles: ['supplier'] } as const;
const FINANCIER = { roles: ['financier'] } as const;
const PARTIES = { roles: ['supplier', 'financier'] } as const;

const iso = z.string().describe('ISO 8601, UTC');
const accountSchema = z.object({ accountName: z.string(), bankName: z.string(), accountNumber: z.string() });
const bankSchema = z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() }).meta({ id: 'FinancingBank' });
const financingSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    status: z.enum(FINANCING_STATUSES),
    statusName: bilingualText,
    supplierName: z.string(),
    bankEntityId: z.uuid(),
    bankName: z.string(),
    amountFen: z.int(),
    consentAt: iso.describe('When the supplier consented to share the contract and its payment status with this bank'),
    appliedAt: iso,
    decidedAt: iso.nullable(),
    declineReason: z.string().nullable(),
    repaymentAccount: accountSchema.nullable().describe('回款账户 agreed on approval: every payment application must name it'),
    revision: z.int(),
    actions: z.array(z.enum(['approve', 'decline', 'withdraw'])).describe('What the caller may do now'),
  })
  .meta({ id: 'ContractFinancing' });
const contractForBankSchema = z
  .object({
    contractNumber: z.string(),
    title: z.string(),
    status: z.string(),
    purchaserName: z.string(),
    supplierName: z.string(),
    supplierCreditCode: z.string(),
    priceFen: z.int(),
    signedAt: iso.nullable(),
    paymentTermDays: z.int(),
    performancePeriod: z.string(),
    milestones: z.array(z.object({ no: z.int(), name: z.string(), amountFen: z.int(), dueDate: z.string() })),
    paidFen: z.int(),
    unpaidFen: z.int(),
    payments: z.array(z.object({ applicationNumber: z.string(), milestoneNo: z.int(), totalFen: z.int(), status: z.enum(PAYMENT_STATUSES), statusName: bilingualText, dueOn: z.string(), paidOn: z.string().nullable(), payeeAccountNumber: z.string() })),
  })
  .meta({ id: 'FinancedContract' });
const withContract = financingSchema.extend({ contract: contractForBankSchema });

export function financingRoutes(app: App) {
  app.get(
    '/api/financing/banks',
    {
      config: { access: SUPPLIER },
      schema: { tags: ['financing'], summary: '政采贷合作银行 / The registered banks offering procurement-contract financing', response: withErrors({ 200: z.array(bankSchema) }) },
    },
    async (request) => financingBanks(request.ctx.platform.database.db),
  );
  app.get(
    '/api/contracts/:id/financing',
    {
      config: { access: SUPPLIER, subject: { type: 'contract', action: 'applyForFinancing' } },
      schema: {
        tags: ['financing'],
        summary: '合同融资 / Financing on my contract: what is unpaid, the banks offering, and my applications',
        params: idParams,
        response: withErrors({ 200: z.object({ contractId: z.uuid(), inForce: z.boolean(), unpaidFen: z.int(), banks: z.array(bankSchema), financings: z.array(financingSchema) }) }, 404),
      },
    },
    async (request) => contractFinancingOf(request.ctx, request.params.id),
  );
  app.post(
    '/api/contracts/:id/financing',
    {
      config: { access: SUPPLIER, subject: { type: 'contract', action: 'applyForFinancing' } },
      schema: {
        tags: ['financing'],
        summary: '申请合同融资 / Apply to one bank for financing on my signed contract (at most the unpaid amount; one live financing per contract), consenting that the bank sees the contract and its payment status',
        params: idParams,
        body: applyInput,
        response: withErrors({ 201: financingSchema }, 404, 409, 422),
      },
    },
    async (request, reply) => reply.code(201).send(await applyForFinancing(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/financing',
    {
      config: { access: FINANCIER },
      schema: { tags: ['financing'], summary: '融资审批 / The bank’s desk: applications made to it (pending first), each with the contract and its payment status', response: withErrors({ 200: z.array(withContract) }) },
    },
    async (request) => bankQueue(request.ctx),
  );
  app.get(
    '/api/financing/:id',
    {
      config: { access: PARTIES, subject: { type: 'contractFinancing', action: 'read' } },
      schema: { tags: ['financing'], summary: '融资申请详情 / One application, with the contract and its payment status (its supplier; its bank while the consent stands)', params: idParams, response: withErrors({ 200: withContract }, 404) },
    },
    async (request) => readFinancing(request.ctx, request.params.id),
  );
  app.post(
    '/api/financing/:id/approval',
    {
      config: { access: FINANCIER, subject: { type: 'contractFinancing', action: 'decide' } },
      schema: {
        tags: ['financing'],
        summary: '批准融资 / The bank approves, with the repayment account agreed with the supplier (in the supplier’s name); every payment on the contract then goes there',
        params: idParams,
        body: approveInput,
        response: withErrors({ 200: financingSchema }, 404, 409, 422),
      },
    },
    async (request) => approveFinancing(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/financing/:id/decline',
    {
      config: { access: FINANCIER, subject: { type: 'contractFinancing', action: 'decide' } },
      schema: { tags: ['financing'], summary: '不予融资 / The bank declines, with its reason', params: idParams, body: declineInput, response: withErrors({ 200: financingSchema }, 404, 409) },
    },
    async (request) => declineFinancing(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/financing/:id/withdrawal',
    {
      config: { access: SUPPLIER, subject: { type: 'contractFinancing', action: 'withdraw' } },
      schema: { tags: ['financing'], summary: '撤回融资申请 / The supplier withdraws a pending application, and its consent: the bank no longer sees the contract', params: idParams, body: withdrawInput, response: withErrors({ 200: financingSchema }, 404, 409) },
    },
    async (request) => withdrawFinancing(request.ctx, request.params.id, request.body),
  );
}
