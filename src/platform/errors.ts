/**
 * Every error a user can see carries a stable code and a message in Chinese and English.
 * `status` is the HTTP status the API answers with; `ruleId` cites RULES.md when a legal
 * rule is the reason for the refusal.
 */
export interface Bilingual {
  'zh-CN': string;
  'en-US': string;
}

export function bilingual(zh: string, en: string): Bilingual {
  return { 'zh-CN': zh, 'en-US': en };
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Bilingual,
    readonly status: number = 422,
    readonly details: Record<string, unknown> = {},
    readonly ruleId?: string,
  ) {
    super(`${messages['zh-CN']} / ${messages['en-US']}`);
    this.name = 'DomainError';
  }
}

export const notFound = (what: Bilingual) =>
  new DomainError(
    'NOT_FOUND',
    bilingual(`${what['zh-CN']}不存在或无权访问`, `${what['en-US']} not found or not accessible`),
    404,
  );

export const conflict = (code: string, messages: Bilingual, details: Record<string, unknown> = {}) =>
  new DomainError(code, messages, 409, details);

export const staleRevision = () =>
  new DomainError(
    'STALE_REVISION',
    bilingual('数据已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again'),
    409,
  );
