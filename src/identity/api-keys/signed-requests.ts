import type { FastifyRequest } from 'fastify';
import { bilingual, DomainError } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import { apiKeySecret, type ApiKeyHolder } from './api-keys';
import { signatureProblem, type SignatureProblem } from './signed-request.rules';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

/**
 * A route module that takes signed JSON keeps the body's exact bytes beside the parsed body: the
 * signature covers the bytes as sent (this module's JSON only).
 */
export function keepRawJson(app: App) {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    request.rawBody = bytes;
    try {
      done(null, bytes.length === 0 ? undefined : JSON.parse(bytes.toString('utf8')));
    } catch {
      done(Object.assign(new Error('malformed JSON'), { statusCode: 400 }), undefined);
    }
  });
}

/** The three headers a system signs with: `<prefix>-key`, `<prefix>-timestamp`, `<prefix>-signature`. */
const MESSAGES = (h: string): Record<SignatureProblem, [string, string, string]> => ({
  missing: ['SIGNATURE_MISSING', `缺少签名（${h}-Key、${h}-Timestamp、${h}-Signature）`, `The signature is missing (${h}-Key, ${h}-Timestamp, ${h}-Signature)`],
  timestampMalformed: ['SIGNATURE_TIMESTAMP_INVALID', '签名时间格式错误，应为带时区的ISO 8601时间', 'The signature timestamp must be ISO 8601 with an offset'],
  timestampStale: ['SIGNATURE_TIMESTAMP_STALE', '签名时间与平台时间相差超过5分钟，请求已拒绝', 'The signature timestamp is more than 5 minutes from the platform clock; the request is refused'],
  signatureInvalid: ['SIGNATURE_INVALID', '签名无效或密钥未登记', 'The signature is invalid or the key is not registered'],
});

/**
 * The registered system that signed this request (checked after the body's schema, so malformed
 * input is a 400 like everywhere else), or a 401 saying what is wrong with the signature.
 */
export async function signedBy(request: FastifyRequest, holderType: ApiKeyHolder, headerPrefix: 'X-Bank' | 'X-Api'): Promise<string> {
  const header = (name: string) => {
    const v = request.headers[`${headerPrefix.toLowerCase()}-${name}`];
    return typeof v === 'string' ? v : undefined;
  };
  // The API document shows the signature as the route's security only when the route says it is signed.
  if (request.routeOptions.config.signedBy !== holderType) throw new Error(`route ${request.method} ${request.routeOptions.url} checks a ${holderType} signature without declaring config.signedBy`);
  const keyId = header('key');
  const { platform } = request.ctx;
  const key = keyId && /^[\w-]{1,64}$/.test(keyId) ? await apiKeySecret(platform.database.db, platform.sealer, keyId, holderType) : null;
  const problem = !keyId
    ? 'missing'
    : signatureProblem({ secret: key?.secret ?? null, method: request.method, path: request.url, timestamp: header('timestamp'), signature: header('signature'), body: request.rawBody ?? Buffer.alloc(0), now: platform.clock.now() });
  if (problem || !key) {
    const [code, zh, en] = MESSAGES(headerPrefix)[problem ?? 'signatureInvalid'];
    request.log.warn({ keyId, problem, holderType }, 'signed request refused');
    throw new DomainError(code, bilingual(zh, en), 401);
  }
  return key.entityId;
}
