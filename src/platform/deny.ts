import { recordAuditEvent } from './audit/audit-trail';
import type { Context } from './context';
import { DomainError, bilingual } from './errors';

/** Records a refusal decided inside a use case (row level) and returns the error to throw. */
export async function deny(ctx: Context, subjectType: string, subjectId: string | null, action: string): Promise<DomainError> {
  await recordAuditEvent(ctx, { action: 'access.denied', subjectType, subjectId, result: 'denied', detail: { attempted: action } });
  return new DomainError('FORBIDDEN', bilingual('无权执行此操作', 'You are not allowed to do this'), 403);
}
