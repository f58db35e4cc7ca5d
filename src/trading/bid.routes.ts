import type { Readable } from 'node:stream';
import { z } from 'zod';
import { checkpointSchema } from '../platform/audit/audit-checkpoint';
import { bilingual, notFound } from '../platform/errors';
import { idParams, streamBody, withErrors } from '../platform/http/schemas';
import type { App } from '../platform/http/server';
import { bidKeyInput, listBidKeys, registerBidKey } from './bids/bid-keys';
import { finalizeUpload, myBids, receiptProof, startUpload, uploadInput, uploadStatus, withdrawBid, writeChunk } from './bids/bid-uploads';
import { decryptBid, finalizeOpeningRecord, openingRecord, publicOpeningRecord, signOpeningRecord } from './opening/opening';
import { myBidSchema, openingRecordSchema, receiptSchema, uploadStatusSchema } from './trading.views';

const SUPPLIER = { roles: ['supplier'] } as const;

/**
 * Sealed bids and the online opening. No rate limit applies here beyond what each account
 * and address does itself: a legitimate bidder near the deadline is never refused for load.
 */
export function bidRoutes(app: App) {
  // A bid chunk is handed on as it arrives: writeChunk streams it to disk and limits its size. A body declared empty is none.
  app.addContentTypeParser('application/octet-stream', (request, body, done) => done(null, request.headers['content-length'] === '0' ? undefined : body));

  const keySchema = z.object({
    id: z.uuid(),
    algorithm: z.string(),
    fingerprint: z.string().describe('SHA-256 of the SubjectPublicKeyInfo, hex'),
    createdAt: z.string(),
    revokedAt: z.string().nullable().describe('When a newer key replaced it; the current key has none'),
  });
  app.get(
    '/api/bid-keys',
    { config: { access: SUPPLIER }, schema: { tags: ['bids'], summary: '投标加密公钥 / My registered bid keys, newest first (a browser seals with its own key file and checks it here)', response: withErrors({ 200: z.array(keySchema) }) } },
    async (request) => listBidKeys(request.ctx),
  );
  app.post(
    '/api/bid-keys',
    { config: { access: SUPPLIER }, schema: { tags: ['bids'], summary: '登记投标加密公钥 / Register a public key made in the browser (it replaces the current key; the administrators are told)', body: bidKeyInput, response: withErrors({ 201: keySchema }, 422) } },
    async (request, reply) => reply.code(201).send(await registerBidKey(request.ctx, request.body)),
  );

  app.post(
    '/api/lots/:id/bid-uploads',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: { tags: ['bids'], summary: '开始上传投标文件 / Start (or resume, with the same idempotency key) a sealed bid upload', params: idParams, body: uploadInput, response: withErrors({ 200: uploadStatusSchema }, 404, 409, 422) },
    },
    async (request) => startUpload(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/bid-uploads/:id',
    { config: { access: SUPPLIER, subject: { type: 'bidUpload', action: 'upload' } }, schema: { tags: ['bids'], summary: '上传进度 / How much of each part has arrived (to resume)', params: idParams, response: withErrors({ 200: uploadStatusSchema }, 404) } },
    async (request) => uploadStatus(request.ctx, request.params.id),
  );
  app.put(
    '/api/bid-uploads/:id/parts/:part',
    {
      config: { access: SUPPLIER, subject: { type: 'bidUpload', action: 'upload' } },
      schema: {
        tags: ['bids'],
        summary: '上传分片 / Write one chunk (application/octet-stream, at most 8 MB) at an offset; the last chunk may submit the bid too',
        params: z.object({ id: z.uuid(), part: z.coerce.number().int().min(0).max(30) }),
        querystring: z.object({
          offset: z.coerce.number().int().min(0),
          finalize: z.stringbool().optional().describe('Submit the bid in this request once every part is complete, as POST …/finalize does'),
        }),
        consumes: ['application/octet-stream'],
        body: streamBody('The bytes of the chunk'),
        response: withErrors({ 200: z.object({ partIndex: z.int(), received: z.int(), receipt: receiptSchema.nullish() }).or(uploadStatusSchema) }, 404, 409, 413, 415, 422),
      },
    },
    async (request, reply) => {
      const body = request.body as Readable;
      const length = request.headers['content-length'];
      try {
        const chunk = { body, length: length === undefined ? undefined : Number(length) };
        return await writeChunk(request.ctx, request.params.id, request.params.part, request.query.offset, chunk, request.query.finalize);
      } catch (error) {
        // Refused part-way through the body: close the connection rather than read the rest.
        if (body.readableDidRead && !body.readableEnded) reply.header('connection', 'close');
        throw error;
      }
    },
  );
  app.post(
    '/api/bid-uploads/:id/finalize',
    {
      config: { access: SUPPLIER, subject: { type: 'bidUpload', action: 'upload' } },
      schema: { tags: ['bids'], summary: '递交投标文件 / Submit: checks, stores durably, returns the signed receipt (same receipt on retry)', params: idParams, response: withErrors({ 200: receiptSchema }, 404, 409, 422) },
    },
    async (request) => finalizeUpload(request.ctx, request.params.id),
  );
  app.delete(
    '/api/lots/:id/bids/current',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'participate' } },
      schema: {
        tags: ['bids'],
        summary: '撤回投标 / Withdraw my bid before the deadline',
        params: idParams,
        response: withErrors({ 200: z.object({ withdrawal: z.object({ bidId: z.uuid(), withdrawnAt: z.string() }), signature: z.string(), signingKeyId: z.string() }) }, 404, 409),
      },
    },
    async (request) => withdrawBid(request.ctx, request.params.id),
  );
  app.get(
    '/api/bids/:id/receipt-proof',
    {
      config: { access: SUPPLIER, subject: { type: 'bid', action: 'proof' } },
      schema: {
        tags: ['bids'],
        summary: '回执存证证明 / Proof that my receipt is in a signed public checkpoint (save it; check it with `npm run receipt:verify`)',
        params: idParams,
        response: withErrors(
          {
            200: z.object({
              status: z.enum(['included', 'pending']),
              receipt: receiptSchema.shape.receipt,
              signature: z.string(),
              receiptSha256: z.string(),
              checkpointDueBy: z.string(),
              checkpoint: checkpointSchema.nullable(),
              proof: z.object({ leafIndex: z.int(), treeSize: z.int(), auditPath: z.array(z.string()) }).nullable(),
            }),
          },
          404,
          500,
        ),
      },
    },
    async (request) => receiptProof(request.ctx, request.params.id),
  );
  app.get(
    '/api/projects/:id/my-bids',
    { config: { access: SUPPLIER, subject: { type: 'project', action: 'participate' } }, schema: { tags: ['bids'], summary: '我的投标 / My bids on a project, with receipts', params: idParams, response: withErrors({ 200: z.array(myBidSchema) }) } },
    async (request) => myBids(request.ctx, request.params.id),
  );

  app.get(
    '/api/lots/:id/opening',
    { config: { access: { roles: 'any' }, subject: { type: 'lot', action: 'read' } }, schema: { tags: ['opening'], summary: '开标大厅 / The opening record, live', params: idParams, response: withErrors({ 200: openingRecordSchema }, 404) } },
    async (request) => openingRecord(request.ctx, request.params.id),
  );
  app.get(
    '/api/public/lots/:id/opening',
    {
      config: { access: 'public', subject: { type: 'lot', action: 'read' } },
      schema: { tags: ['opening'], summary: '开标记录 / The opening record, once the opening has started (404 before, as for an unknown lot)', params: idParams, response: withErrors({ 200: openingRecordSchema }, 404) },
    },
    async (request) => publicOpeningRecord(request.ctx, request.params.id),
  );
  app.get(
    '/api/public/lots/:id/opening/record.pdf',
    {
      config: { access: 'public', subject: { type: 'lot', action: 'read' } },
      schema: { tags: ['opening'], summary: '开标记录PDF / The finalised opening record as a PDF', params: idParams, response: withErrors({ 200: z.any().describe('application/pdf') }, 404) },
    },
    async (request, reply) => {
      const record = await publicOpeningRecord(request.ctx, request.params.id);
      if (!record.opening?.recordSha256) throw notFound(bilingual('开标记录PDF', 'Opening record PDF'));
      const pdf = await request.ctx.platform.blobs.read(record.opening.recordSha256);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="opening-${record.project.projectNumber}-${record.lot.lotNo}.pdf"`).send(pdf);
    },
  );
  app.post(
    '/api/lots/:id/bids/:bidId/decryption',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'actAsBidder' } },
      schema: {
        tags: ['opening'],
        summary: '解密投标文件 / Hand over the content key unwrapped in the browser; the platform checks and decrypts',
        params: z.object({ id: z.uuid(), bidId: z.uuid() }),
        body: z.object({ contentKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/).describe('The 32-byte AES key, base64') }),
        response: withErrors({ 200: z.object({ bidId: z.uuid(), status: z.string(), totalPriceFen: z.int().nullable(), remark: z.string().nullable() }) }, 404, 409, 422),
      },
    },
    async (request) => decryptBid(request.ctx, request.params.id, request.params.bidId, request.body.contentKey),
  );
  app.post(
    '/api/lots/:id/opening/signoffs',
    {
      config: { access: SUPPLIER, subject: { type: 'lot', action: 'actAsBidder' } },
      schema: {
        tags: ['opening'],
        summary: '签署开标记录 / Sign the opening record, or object',
        params: idParams,
        body: z.object({ agreed: z.boolean(), objection: z.string().max(2000).nullish() }),
        response: withErrors({ 200: z.object({ agreed: z.boolean(), signedAt: z.string() }) }, 404, 409, 422),
      },
    },
    async (request) => signOpeningRecord(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/lots/:id/opening/finalization',
    {
      config: { access: { roles: ['purchaser', 'agency'] }, subject: { type: 'lot', action: 'manage' } },
      schema: { tags: ['opening'], summary: '开标记录定稿 / Close the record for signing and render it as a PDF', params: idParams, response: withErrors({ 200: z.object({ jobId: z.uuid(), finalizedAt: z.string() }) }, 404, 409) },
    },
    async (request) => finalizeOpeningRecord(request.ctx, request.params.id),
  );
}
