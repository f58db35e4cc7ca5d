import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests from registered systems, not people: a bank's deposit notices, a sub-platform's contracts.
 * Each is signed with the system's API key (HMAC-SHA256, pure functions here); the platform checks the
 * timestamp against its clock and the signature in constant time.
 */

/** A signed request's timestamp may differ from the platform's clock by at most this much (either way). */
export const SIGNED_REQUEST_TOLERANCE_MS = 5 * 60_000;

/** What a registered system (a bank, a sub-platform) signs: method, path (with any query), timestamp and the body's exact bytes, one per line. */
export function signingInput(method: string, path: string, timestamp: string, body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${method.toUpperCase()}\n${path}\n${timestamp}\n`, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);
}

/** HMAC-SHA256 over the signing input, lower-case hex: the X-Api-Signature header. */
export function signApiRequest(secret: string, method: string, path: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(signingInput(method, path, timestamp, body)).digest('hex');
}

export type SignatureProblem = 'missing' | 'timestampMalformed' | 'timestampStale' | 'signatureInvalid';

/**
 * Checks a signed request: the timestamp (ISO 8601 with its offset) within the tolerance of the
 * platform's clock, and the signature, compared in constant time. Null when it is good.
 */
export function signatureProblem(input: { secret: string | null; method: string; path: string; timestamp: string | undefined; signature: string | undefined; body: Buffer; now: Date }): SignatureProblem | null {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/.test(timestamp)) return 'timestampMalformed';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return 'timestampMalformed';
  if (Math.abs(input.now.getTime() - at) > SIGNED_REQUEST_TOLERANCE_MS) return 'timestampStale';
  if (input.secret === null || !/^[0-9a-f]{64}$/i.test(signature)) return 'signatureInvalid';
  const expected = Buffer.from(signApiRequest(input.secret, input.method, input.path, timestamp, input.body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex')) ? null : 'signatureInvalid';
}

