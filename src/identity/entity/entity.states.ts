import { DomainError, bilingual } from '../../platform/errors';

/**
 * A market entity's life: it registers (pending), the operator approves or rejects it, and
 * may suspend and reinstate it. Any other move is refused.
 */
export const ENTITY_STATUSES = ['pending', 'active', 'rejected', 'suspended'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

export const ENTITY_TRANSITIONS = {
  approve: { from: ['pending'], to: 'active', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', needsReason: true },
  suspend: { from: ['active'], to: 'suspended', needsReason: true },
  reinstate: { from: ['suspended'], to: 'active', needsReason: false },
} as const satisfies Record<string, { from: readonly EntityStatus[]; to: EntityStatus; needsReason: boolean }>;

export type EntityTransition = keyof typeof ENTITY_TRANSITIONS;

export function entityTransition(transition: EntityTransition, from: EntityStatus, reason: string | null | undefined): EntityStatus {
  const rule = ENTITY_TRANSITIONS[transition];
  if (!(rule.from as readonly string[]).includes(from))
    throw new DomainError(
      'ENTITY_TRANSITION_NOT_ALLOWED',
      bilingual(`当前状态（${from}）下不能执行该操作（${transition}）`, `Cannot ${transition} an entity that is ${from}`),
      409,
      { from, transition },
    );
  if (rule.needsReason && !reason?.trim())
    throw new DomainError('REASON_REQUIRED', bilingual('请填写理由', 'A reason is required'), 422, { field: 'reason' });
  return rule.to;
}
