import { z } from 'zod';
import { idParams, withErrors, bilingualText } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { PAYMENT_ACTIONS, PAYMENT_STATUSES } from './payment.states';
import { applicationInput, decideApplication, decisionInput, fileApplication, invoiceFile, invoiceInput, listApplications, MAX_INVOICE_FILE_BYTES, overduePayments, readApplication, resubmitApplication } from './payments';
import type { TreasuryAdapter } from './treasury';

const FOLLOWERS = { roles: ['supplier', 'purchaser', 'authority', 'treasury', 'supervisor'] } as const;
const DESKS = { roles: ['supplier', 'purchaser', 'authority', 'treasury'] } as const;
// A base64 invoice of up to 10 MB, with the rest of the application.
const FILING_BODY_LIMIT = Math.ceil(MAX_INVOICE_FILE_BYTES / 3) * 4 + 64 * 1024;

const applicationSchema = z
  .looseObject({
    id: z.uuid(),
    applicationNumber: z.string(),
    contractId: z.uuid(),
    contractNumber: z.string().optional(),
    milestoneNo: z.int(),
    status: z.enum(PAYMENT_STATUSES),
    statusName: bilingualText,
    step: z.int().describe('Seed 000 step reached: 0 filed/back with the supplier … 4 paid'),
    waitingAt: z.enum(['supplier', 'purchaser', 'authority', 'treasury']).nullable(),
    daysWaiting: z.int().nullable(),
    invoice: z.looseObject({ invoiceNumber: z.string(), totalFen: z.int() }),
    dueOn: z.string().describe('PAY-01/PAY-02: acceptance date + the contract’s payment term'),
    daysLeft: z.int().nullable().describe('Days until the due date; negative when overdue; null once paid or withdrawn'),
    lateInterestFen: z.int().describe('PAY-04 interest accrued for an SME, fen'),
    revision: z.int(),
    actions: z.array(z.enum(PAYMENT_ACTIONS)).describe('What the caller may do now'),
  })
  .meta({ id: 'PaymentApplication' });
const detailSchema = applicationSchema.extend({
  history: z.array(z.looseObject({ stepNo: z.int(), action: z.string(), toStatus: z.enum(PAYMENT_STATUSES), personName: z.string(), entityName: z.string(), reason: z.string().nullable(), at: z.string() })),
});

/** The unified payment module (seed 000): applications, their review by three desks, and their history. */
export function paymentRoutes(treasury: TreasuryAdapter) {
  return function paymentRoutes(app: App) {
    app.post(
      '/api/contracts/:id/payment-applications',
      {
        bodyLimit: FILING_BODY_LIMIT,
        config: { access: { roles: ['supplier'] }, subject: { type: 'contract', action: 'applyForPayment' } },
        schema: {
          tags: ['payments'],
          summary: '提交支付申请 / File a payment application for an accepted milestone, with its e-invoice (seller and buyer must be the contract’s parties; before tax + tax = total; at most what the acceptance made payable and is unclaimed; an invoice once)',
          params: idParams,
          body: applicationInput,
          response: withErrors({ 201: detailSchema }, 404, 409, 422),
        },
      },
      async (request, reply) => reply.code(201).send(await fileApplication(request.ctx, request.params.id, request.body)),
    );
    app.get(
      '/api/payment-applications',
      {
        config: { access: FOLLOWERS },
        schema: {
          tags: ['payments'],
          summary: '支付申请 / The applications I may follow, or (queue=true) those waiting for me, oldest first with days waiting',
          querystring: z.object({ queue: z.stringbool().default(false), contractId: z.uuid().optional() }),
          response: withErrors({ 200: z.array(applicationSchema) }),
        },
      },
      async (request) => listApplications(request.ctx, { queue: request.query.queue, contractId: request.query.contractId ?? null }),
    );
    app.get(
      '/api/payment-applications/overdue',
      {
        config: { access: { roles: ['supervisor', 'authority'] } },
        schema: { tags: ['payments'], summary: '逾期支付 / SME payments past their due date in my region, open or paid late, with PAY-04 interest', response: withErrors({ 200: z.array(applicationSchema) }) },
      },
      async (request) => overduePayments(request.ctx),
    );
    app.get(
      '/api/payment-applications/:id',
      {
        config: { access: FOLLOWERS, subject: { type: 'paymentApplication', action: 'read' } },
        schema: { tags: ['payments'], summary: '支付申请详情 / An application with its progress and full history (who, when, why)', params: idParams, response: withErrors({ 200: detailSchema }, 404) },
      },
      async (request) => readApplication(request.ctx, request.params.id),
    );
    app.get(
      '/api/payment-applications/:id/invoice',
      {
        config: { access: FOLLOWERS, subject: { type: 'paymentApplication', action: 'read' } },
        schema: { tags: ['payments'], summary: '发票文件 / The invoice file as uploaded (PDF or OFD)', params: idParams, response: withErrors({ 200: z.any().describe('application/pdf or application/ofd') }, 404) },
      },
      async (request, reply) => {
        const file = await invoiceFile(request.ctx, request.params.id);
        return reply
          .type(file.kind === 'pdf' ? 'application/pdf' : 'application/ofd')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .send(file.content);
      },
    );
    app.post(
      '/api/payment-applications/:id/decisions',
      {
        config: { access: DESKS, subject: { type: 'paymentApplication', action: 'decide' } },
        schema: {
          tags: ['payments'],
          summary:
            '审核、退回、支付或撤回 / Act on an application at my desk: purchaserApprove | purchaserReject (reason) | authorityApprove | authorityReturn (reason) | treasuryPay (voucherNumber, paidOn) | treasuryReturn (reason) | withdraw. One of two concurrent decisions wins; the other gets 409',
          params: idParams,
          body: decisionInput.extend({ action: z.enum(PAYMENT_ACTIONS).exclude(['resubmit']) }),
          response: withErrors({ 200: detailSchema }, 404, 409, 422),
        },
      },
      async (request) => {
        const { action, ...input } = request.body;
        return decideApplication(request.ctx, treasury, request.params.id, action, input);
      },
    );
    app.post(
      '/api/payment-applications/:id/resubmission',
      {
        bodyLimit: FILING_BODY_LIMIT,
        config: { access: { roles: ['supplier'] }, subject: { type: 'paymentApplication', action: 'decide' } },
        schema: {
          tags: ['payments'],
          summary: '修改后重新提交 / Correct a rejected application (its invoice may be replaced) and send it back to the purchaser',
          params: idParams,
          body: invoiceInput.extend({ revision: decisionInput.shape.revision }),
          response: withErrors({ 200: detailSchema }, 404, 409, 422),
        },
      },
      async (request) => resubmitApplication(request.ctx, request.params.id, request.body),
    );
  };
}
