import { bilingual, type Bilingual } from '../../platform/errors';
import { INLINE_PART_BYTES } from './bid.rules';
import { formatFingerprint, keyFileFingerprint, sealBid, toBase64, type BidKeyFile, type PlainPart } from './sealing';

/**
 * The browser's side of the upload protocol, over fetch: start (idempotent), send each part
 * in chunks, resume from what the server says it has, finalise. Shared by the web app, the
 * tests and the deadline benchmark.
 */
export interface BidClientOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  chunkSize?: number;
  onProgress?: (sent: number, total: number) => void;
}

/** A refusal by the server, or (status 0) by this client before anything was sent. */
export class BidClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; messages?: Bilingual } | null,
  ) {
    super(body?.messages?.['zh-CN'] ?? `HTTP ${status}`);
  }
}

async function call<T>(options: BidClientOptions, method: string, path: string, body?: unknown, raw?: Uint8Array<ArrayBuffer>): Promise<T> {
  const f = options.fetch ?? fetch;
  const response = await f(options.baseUrl + path, {
    method,
    headers: { ...options.headers, ...(raw ? { 'content-type': 'application/octet-stream' } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new BidClientError(response.status, data);
  return data as T;
}

export interface Receipt {
  receipt: { bidId: string; receivedAt: string; parts: { name: string; sha256: string; size: number }[]; submissionNo: number; supplierName: string; projectNumber: string; lotId: string; supplierEntityId: string; keyFingerprint?: string };
  signature: string;
  signingKeyId: string;
  /** Where the receipt will be in a signed public checkpoint, and by when. */
  timestamp: { receiptSha256: string; checkpointDueBy: string; proofUrl: string; checkpointsUrl: string };
}

/** A key as `GET /api/bid-keys` lists it (newest first). */
export interface RegisteredBidKey {
  id: string;
  fingerprint: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * The registered key that matches the key file's fingerprint, if it is the supplier's current
 * key. Otherwise the bid is neither sealed nor sent: a key the supplier did not make (a row
 * added to the database behind the platform's back) must never receive a bid.
 */
export function currentKeyFor(fingerprint: string, registered: RegisteredBidKey[]): RegisteredBidKey {
  const current = registered.find((k) => k.revokedAt === null);
  if (current?.fingerprint === fingerprint) return current;
  const file = formatFingerprint(fingerprint);
  if (!registered.some((k) => k.fingerprint === fingerprint))
    throw new BidClientError(0, {
      code: 'BID_KEY_NOT_REGISTERED',
      messages: bilingual(
        `平台未登记该密钥文件的公钥（指纹 ${file}），投标未加密、未发送。请选择本单位的密钥文件，或生成并登记新密钥。`,
        `The platform holds no key matching this key file (fingerprint ${file}); nothing was sealed or sent. Choose your organisation's key file, or make and register a new key.`,
      ),
    });
  const server = current ? formatFingerprint(current.fingerprint) : '—';
  throw new BidClientError(0, {
    code: 'BID_KEY_NOT_CURRENT',
    messages: bilingual(
      `平台当前的投标加密密钥（指纹 ${server}）与该密钥文件（指纹 ${file}）不一致，投标未加密、未发送。请选择最新的密钥文件；如本单位未登记过平台当前的密钥，请立即联系平台运营方。`,
      `The platform's current bid key (fingerprint ${server}) is not the key in this key file (fingerprint ${file}); nothing was sealed or sent. Choose your newest key file; if nobody in your organisation registered the platform's current key, contact the platform operator at once.`,
    ),
  });
}

/** Seals with the public key in the supplier's own key file, once the platform confirms it is the current one. */
export async function sealWithKeyFile(options: BidClientOptions, keyFile: Pick<BidKeyFile, 'publicKey'>, parts: PlainPart[]) {
  const fingerprint = await keyFileFingerprint(keyFile);
  const key = currentKeyFor(fingerprint, await call<RegisteredBidKey[]>(options, 'GET', '/api/bid-keys'));
  return { keyId: key.id, fingerprint, ...(await sealBid(keyFile.publicKey, parts)) };
}

export type SealedBid = Awaited<ReturnType<typeof sealWithKeyFile>>;

interface UploadStatus {
  uploadId: string;
  status: 'open' | 'finalized';
  parts: { index: number; size: number; received: number }[];
  receipt: Receipt | null;
}

export async function submitSealedBid(
  options: BidClientOptions,
  input: { lotId: string; keyFile: Pick<BidKeyFile, 'publicKey'>; parts: PlainPart[]; idempotencyKey: string; deviceFingerprint?: string },
): Promise<Receipt> {
  const { keyFile, parts, ...upload } = input;
  return uploadSealed(options, { ...upload, sealed: await sealWithKeyFile(options, keyFile, parts) });
}

/**
 * Two requests for a bid of a price schedule and a file: the start carries the small parts
 * inline, and the last chunk submits the bid. A retry with the same idempotency key resumes
 * from what the server says it has.
 */
export async function uploadSealed(options: BidClientOptions, input: { lotId: string; sealed: SealedBid; idempotencyKey: string; deviceFingerprint?: string }): Promise<Receipt> {
  const chunkSize = options.chunkSize ?? 4 * 1024 * 1024;
  const { sealed } = input;
  const status = await call<UploadStatus>(options, 'POST', `/api/lots/${input.lotId}/bid-uploads`, {
    idempotencyKey: input.idempotencyKey,
    keyId: sealed.keyId,
    wrappedKey: sealed.wrappedKey,
    parts: sealed.parts.map(({ name, fileName, size, sha256, iv, ciphertext }) => ({ name, fileName, size, sha256, iv, ...(size <= INLINE_PART_BYTES ? { content: toBase64(ciphertext) } : {}) })),
    deviceFingerprint: input.deviceFingerprint ?? null,
  });
  if (status.receipt) return status.receipt;
  const total = sealed.parts.reduce((s, p) => s + p.size, 0);
  let sent = status.parts.reduce((s, p) => s + p.received, 0);
  options.onProgress?.(sent, total);
  const chunks = sealed.parts.flatMap((part, index) => {
    const offsets = [];
    for (let offset = status.parts[index]!.received; offset < part.size; offset += chunkSize) offsets.push({ index, offset, bytes: part.ciphertext.subarray(offset, Math.min(offset + chunkSize, part.size)) });
    return offsets;
  });
  for (const [n, { index, offset, bytes }] of chunks.entries()) {
    const last = n === chunks.length - 1;
    const answer = await call<{ receipt?: Receipt | null }>(options, 'PUT', `/api/bid-uploads/${status.uploadId}/parts/${index}?offset=${offset}${last ? '&finalize=true' : ''}`, undefined, bytes);
    sent += bytes.length;
    options.onProgress?.(sent, total);
    if (answer.receipt) return answer.receipt;
  }
  return call<Receipt>(options, 'POST', `/api/bid-uploads/${status.uploadId}/finalize`);
}
