import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { bilingual, DomainError } from '../../platform/errors';
import { idParams, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { MAX_FEN } from '../../platform/money';
import { demoApiKey } from '../../identity/api-keys/api-keys';
import { keepRawJson, signedBy } from '../../identity/api-keys/signed-requests';
import { signApiRequest } from '../../identity/api-keys/signed-request.rules';
import { depositStatusSchema } from './deposits.views';
import { depositRefundSchema } from '../refunds/refunds.routes';
import { myVirtualAccount, openVirtualAccount, receiveBankNotice } from './deposits';

const SUPPLIER = { roles: ['supplier'] } as const;
export const BANK_NOTICE_PATH = '/api/bank/deposit-notices';

const iso = z.string().describe('ISO 8601, UTC');
const statusSchema = depositStatusSchema;

const virtualAccountSchema = z
  .object({
    lotId: z.uuid(),
    lotNo: z.int(),
    requiredFen: z.int(),
    deadline: iso.nullable(),
    virtualAccount: z.object({ accountNumber: z.string(), accountName: z.string(), openedAt: iso }).nullable(),
    receipts: z.array(z.object({ reference: z.string(), amountFen: z.int(), valueTime: iso, payerAccountName: z.string(), payerAccountNumber: z.string() })),
    status: statusSchema.nullable(),
    refund: depositRefundSchema.nullable().describe('The refund (GP-22 to GP-25) or forfeit of the deposit, once one is scheduled or decided'),
  })
  .meta({ id: 'VirtualAccount' });

const noticeBody = z.object({
  virtualAccount: z.string().regex(/^\d{8,32}$/).describe('The virtual sub-account (子账号) the money was paid into'),
  amountFen: z.int().min(1).max(MAX_FEN).describe('Amount in fen (integer)'),
  reference: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/).describe("The bank's own reference (流水号): the notice's idempotency key"),
  valueTime: z.iso.datetime({ offset: true }).describe('When the money arrived (到账时间), ISO 8601 with offset'),
  payerAccountName: z.string().trim().min(1).max(200).describe("The payer's account name (付款户名)"),
  payerAccountNumber: z.string().regex(/^[0-9A-Za-z -]{4,40}$/).describe("The payer's account number (付款账号)"),
});

const noticeAnswer = z
  .object({
    depositId: z.uuid(),
    status: z.literal('credited'),
    replayed: z.boolean().describe('True when this reference was already credited: nothing new was written'),
    virtualAccount: z.string(),
    amountFen: z.int(),
    reference: z.string(),
    valueTime: iso,
    journalEntryId: z.uuid(),
    notifiedAt: iso,
  })
  .meta({ id: 'DepositNoticeAnswer' });

/**
 * The API for registered banks. A bank signs each request with its API key: HMAC-SHA256 over
 * `METHOD\nPATH\nTIMESTAMP\n` and the body's exact bytes, sent as X-Bank-Key, X-Bank-Timestamp
 * (ISO 8601, within 5 minutes of the platform clock) and X-Bank-Signature (hex). The route is
 * public at the session check (a bank has no session); the signature is checked after the body's
 * schema, so malformed input is a 400 like everywhere else, and a bad signature a 401.
 */
export function bankRoutes(app: App) {
  keepRawJson(app);

  app.post(
    BANK_NOTICE_PATH,
    {
      config: { access: 'public', signedBy: 'bank' },
      schema: {
        tags: ['exchange'],
        summary:
          '银行到账通知 / A registered bank notifies a transfer into a deposit sub-account. Signed: X-Bank-Key, X-Bank-Timestamp (ISO 8601, ±5 min), X-Bank-Signature = hex HMAC-SHA256(secret, "POST\\n" + path + "\\n" + timestamp + "\\n" + body). Idempotent on the reference.',
        body: noticeBody,
        response: withErrors({ 200: noticeAnswer }, 409, 422),
      },
    },
    async (request) => receiveBankNotice(request.ctx, await signedBy(request, 'bank', 'X-Bank'), request.body),
  );
}

/** The supplier's own sub-account, and the demo bank a newcomer pays into it with. */
export function depositRoutes(app: App) {
  app.get(
    '/api/lots/:id/virtual-account',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: { tags: ['deposits'], summary: '我的保证金子账户 / My deposit sub-account for a lot, what arrived in it and its status (null until opened)', params: idParams, response: withErrors({ 200: virtualAccountSchema }, 404) },
    },
    async (request) => myVirtualAccount(request.ctx, request.params.id),
  );
  app.post(
    '/api/lots/:id/virtual-account',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: {
        tags: ['deposits'],
        summary: '开立保证金子账户 / Open my virtual sub-account for the lot’s bid deposit (after obtaining the documents, before the deadline; the same one again on repeat)',
        params: idParams,
        response: withErrors({ 200: virtualAccountSchema.extend({ created: z.boolean() }) }, 404, 409),
      },
    },
    async (request) => openVirtualAccount(request.ctx, request.params.id),
  );

  app.post(
    '/api/demo-bank/transfers',
    {
      config: { access: SUPPLIER },
      schema: {
        tags: ['deposits'],
        summary: '演示银行转账 / Demo bank: “make” a transfer into a sub-account. A server-side adapter signs it with the demo bank’s key and sends it to the bank notice API, as a real bank’s adapter would (404 when no demo bank is set up)',
        body: z.object({
          virtualAccount: noticeBody.shape.virtualAccount,
          amountFen: noticeBody.shape.amountFen,
          payerAccountName: noticeBody.shape.payerAccountName,
          payerAccountNumber: noticeBody.shape.payerAccountNumber,
        }),
        response: withErrors({ 200: noticeAnswer.extend({ bankName: z.string() }) }, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const ctx = request.ctx;
      const bank = await demoApiKey(ctx.platform.database.db, ctx.platform.sealer, 'bank');
      if (!bank) throw new DomainError('DEMO_BANK_DISABLED', bilingual('未启用演示银行', 'The demo bank is not set up on this platform'), 404);
      const now = ctx.platform.clock.now().toISOString();
      const body = JSON.stringify({ ...request.body, reference: `DEMO${now.replace(/\D/g, '').slice(0, 14)}${randomBytes(4).toString('hex').toUpperCase()}`, valueTime: now });
      // Through the platform's own HTTP stack, exactly as a bank's request arrives.
      const answer = await request.server.inject({
        method: 'POST',
        url: BANK_NOTICE_PATH,
        headers: { 'content-type': 'application/json', 'x-bank-key': bank.keyId, 'x-bank-timestamp': now, 'x-bank-signature': signApiRequest(bank.secret, 'POST', BANK_NOTICE_PATH, now, body) },
        payload: body,
      });
      const json = JSON.parse(answer.body);
      return reply.code(answer.statusCode as 200).send(answer.statusCode === 200 ? { ...json, bankName: bank.entityName } : json);
    },
  );
}
