import { sealBid, type PlainPart } from './sealing';

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

export class BidClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; messages?: Record<string, string> } | null,
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
  receipt: { bidId: string; receivedAt: string; parts: { name: string; sha256: string; size: number }[]; submissionNo: number; supplierName: string; projectNumber: string; lotId: string; supplierEntityId: string };
  signature: string;
  signingKeyId: string;
  /** Where the receipt will be in a signed public checkpoint, and by when. */
  timestamp: { receiptSha256: string; checkpointDueBy: string; proofUrl: string; checkpointsUrl: string };
}

interface UploadStatus {
  uploadId: string;
  status: 'open' | 'finalized';
  parts: { index: number; size: number; received: number }[];
  receipt: Receipt | null;
}

export async function submitSealedBid(
  options: BidClientOptions,
  input: { lotId: string; keyId: string; publicKey: string; parts: PlainPart[]; idempotencyKey: string; deviceFingerprint?: string },
): Promise<Receipt> {
  const sealed = await sealBid(input.publicKey, input.parts);
  return uploadSealed(options, { ...input, ...sealed });
}

export async function uploadSealed(
  options: BidClientOptions,
  input: { lotId: string; keyId: string; wrappedKey: string; parts: Awaited<ReturnType<typeof sealBid>>['parts']; idempotencyKey: string; deviceFingerprint?: string },
): Promise<Receipt> {
  const chunkSize = options.chunkSize ?? 4 * 1024 * 1024;
  const status = await call<UploadStatus>(options, 'POST', `/api/lots/${input.lotId}/bid-uploads`, {
    idempotencyKey: input.idempotencyKey,
    keyId: input.keyId,
    wrappedKey: input.wrappedKey,
    parts: input.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })),
    deviceFingerprint: input.deviceFingerprint ?? null,
  });
  if (status.receipt) return status.receipt;
  const total = input.parts.reduce((s, p) => s + p.size, 0);
  let sent = status.parts.reduce((s, p) => s + p.received, 0);
  for (const [index, part] of input.parts.entries()) {
    for (let offset = status.parts[index]!.received; offset < part.size; offset += chunkSize) {
      const chunk = part.ciphertext.subarray(offset, Math.min(offset + chunkSize, part.size));
      await call(options, 'PUT', `/api/bid-uploads/${status.uploadId}/parts/${index}?offset=${offset}`, undefined, chunk);
      sent += chunk.length;
      options.onProgress?.(sent, total);
    }
  }
  return call<Receipt>(options, 'POST', `/api/bid-uploads/${status.uploadId}/finalize`);
}
