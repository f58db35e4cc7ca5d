import { describe, expect, it } from 'vitest';
import { SIGNED_REQUEST_TOLERANCE_MS, signApiRequest, signatureProblem } from './signed-request.rules';

describe('a registered system’s signed request (a bank’s notice here)', () => {
  const secret = 'bank-secret';
  const now = new Date('2026-03-02T02:00:00.000Z');
  const body = Buffer.from('{"virtualAccount":"88160000000000000000","amountFen":100}');
  const timestamp = now.toISOString();
  const signature = signApiRequest(secret, 'POST', '/api/bank/deposit-notices', timestamp, body);
  const check = (over: Partial<Parameters<typeof signatureProblem>[0]>) =>
    signatureProblem({ secret, method: 'POST', path: '/api/bank/deposit-notices', timestamp, signature, body, now, ...over });

  it('is HMAC-SHA256 over method, path, timestamp and the body’s bytes', () => {
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(check({})).toBeNull();
    expect(check({ signature: signature.toUpperCase() })).toBeNull();
    expect(check({ body: Buffer.from(body.toString().replace('100', '101')) })).toBe('signatureInvalid');
    expect(check({ path: '/api/bank/deposit-notices?x=1' })).toBe('signatureInvalid');
    expect(check({ method: 'PUT' })).toBe('signatureInvalid');
    expect(check({ secret: 'another' })).toBe('signatureInvalid');
    expect(check({ secret: null })).toBe('signatureInvalid');
    expect(check({ signature: 'abc' })).toBe('signatureInvalid');
    expect(check({ signature: undefined })).toBe('missing');
    expect(check({ timestamp: undefined })).toBe('missing');
  });

  it('is fresh within five minutes either way, to the millisecond', () => {
    const signedAt = (ms: number) => {
      const ts = new Date(now.getTime() + ms).toISOString();
      return check({ timestamp: ts, signature: signApiRequest(secret, 'POST', '/api/bank/deposit-notices', ts, body) });
    };
    expect(signedAt(-SIGNED_REQUEST_TOLERANCE_MS)).toBeNull();
    expect(signedAt(SIGNED_REQUEST_TOLERANCE_MS)).toBeNull();
    expect(signedAt(-SIGNED_REQUEST_TOLERANCE_MS - 1)).toBe('timestampStale');
    expect(signedAt(SIGNED_REQUEST_TOLERANCE_MS + 1)).toBe('timestampStale');
    expect(check({ timestamp: '2026-03-02 10:00:00' })).toBe('timestampMalformed');
    expect(check({ timestamp: '1772416800000' })).toBe('timestampMalformed');
    // The same instant with an offset is the same timestamp (signed as written).
    const withOffset = '2026-03-02T10:00:00.000+08:00';
    expect(check({ timestamp: withOffset, signature: signApiRequest(secret, 'POST', '/api/bank/deposit-notices', withOffset, body) })).toBeNull();
  });
});
