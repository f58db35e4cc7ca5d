import { DomainError, bilingual, type Bilingual } from './errors';

/**
 * A refusal decided inside a use case (row level). Thrown like any error, so the
 * transaction rolls back first; the HTTP error handler then records it in the audit
 * trail (refusals are recorded too) in a transaction of its own.
 */
export class RefusedError extends DomainError {
  constructor(
    messages: Bilingual,
    status: 403 | 404,
    readonly subjectType: string,
    readonly subjectId: string | null,
    readonly attempted: string,
  ) {
    super(status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', messages, status);
  }
}

export function deny(subjectType: string, subjectId: string | null, attempted: string): RefusedError {
  return new RefusedError(bilingual('无权执行此操作', 'You are not allowed to do this'), 403, subjectType, subjectId, attempted);
}

/**
 * A row that exists but lies outside the actor's scope: answered like a missing row (its
 * existence is not disclosed) and recorded as a refusal.
 */
export function hiddenRow(subjectType: string, subjectId: string, what: Bilingual): RefusedError {
  return new RefusedError(
    bilingual(`${what['zh-CN']}不存在或无权访问`, `${what['en-US']} not found or not accessible`),
    404,
    subjectType,
    subjectId,
    'read',
  );
}
