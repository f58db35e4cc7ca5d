import { bilingual, type Bilingual } from '../platform/errors';

/** The roles a person may hold (GLOSSARY.md, Parties and roles) plus the three administrator duties. */
export const ROLES = [
  'purchaser',
  'supplier',
  'agency',
  'expert',
  'authority',
  'supervisor',
  'treasury',
  'operator',
  'guarantor',
  'financier',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * 三员分立 (MLPS 2.0 level 3): system, security and audit administration are separate duties
 * that no single account may combine (also enforced by a unique index on person_role).
 */
export const ADMIN_DUTIES = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const satisfies readonly Role[];

/** Roles that must pass a second factor; the security profile may add more, never fewer. */
export const BASELINE_SECOND_FACTOR_ROLES: readonly Role[] = ['operator', 'supervisor', 'authority', 'treasury', ...ADMIN_DUTIES];

/**
 * `bank`: a registered bank that notifies the platform of deposits paid into bidders' sub-accounts
 * through a signed API (money/deposits); it signs with an API key, not a person's session. A bank
 * that offers procurement-contract financing (政采贷, money/financing) also has people: its credit
 * officers sign in with the role `financier` and decide on suppliers' applications. The platform
 * sets banks up; they do not register themselves.
 *
 * `guarantor`: an issuer of e-guarantees (电子保函) used as bid security (GP-21, PAY-06): a bank,
 * an insurer or a financing-guarantee company. Its people sign in with the role `guarantor` and
 * decide on suppliers' applications (money/guarantees). The platform sets issuers up, like banks:
 * only a licensed institution's guarantee counts as security, and a self-registered "issuer"
 * could otherwise make any bid look secured.
 */
export const ENTITY_TYPES = ['purchaser', 'supplier', 'agency', 'authority', 'supervisor', 'treasury', 'operator', 'bank', 'guarantor', 'subPlatform'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Market entities register themselves; government bodies are set up by the platform. */
export const SELF_REGISTERED_ENTITY_TYPES = ['purchaser', 'supplier', 'agency'] as const satisfies readonly EntityType[];

/** Government roles read the rows of their region; market roles read their own entity's. */
export const GOVERNMENT_ROLES: readonly Role[] = ['authority', 'supervisor', 'treasury', 'operator', ...ADMIN_DUTIES];

/**
 * The government roles that oversee procurement and read its content in their region: the
 * finance supervisor, the industry authority, and the trading centre that runs the venue.
 * The treasury pays and the three administrators administer: neither reads procurement
 * content (drafts, documents, bidders, letters). docs/ACCESS.md is the whole matrix.
 */
export const PROCUREMENT_OVERSIGHT_ROLES: readonly Role[] = ['supervisor', 'authority', 'operator'];

/** Account administration: who lists and manages the people of a region. */
export const ACCOUNT_ADMIN_ROLES: readonly Role[] = ADMIN_DUTIES;

/** Which kind of organisation a person must belong to in order to hold a role. */
const ROLE_ENTITY_TYPES: Record<Role, readonly EntityType[] | 'any'> = {
  purchaser: ['purchaser'],
  supplier: ['supplier'],
  agency: ['agency'],
  // Experts come from universities, hospitals, firms and agencies alike; recusal deals with conflicts.
  expert: 'any',
  authority: ['authority'],
  supervisor: ['supervisor'],
  treasury: ['treasury'],
  operator: ['operator'],
  guarantor: ['guarantor'],
  // A bank's credit officers: only a registered bank lends against a government contract.
  financier: ['bank'],
  systemAdmin: ['operator'],
  securityAdmin: ['operator'],
  auditAdmin: ['operator'],
};

export const SME_SIZES = ['medium', 'small', 'micro'] as const;
export type SmeSize = (typeof SME_SIZES)[number];

export type RoleProblem = { code: 'ADMIN_DUTIES_COMBINED'; roles: Role[] } | { code: 'ROLE_NOT_FOR_ENTITY_TYPE'; role: Role } | { code: 'NO_ROLE' };

/** Checks a set of roles for one person of an entity of the given type. */
export function checkRoles(roles: readonly Role[], entityType: EntityType): RoleProblem | null {
  if (roles.length === 0) return { code: 'NO_ROLE' };
  const duties = roles.filter((r) => (ADMIN_DUTIES as readonly Role[]).includes(r));
  if (duties.length > 1) return { code: 'ADMIN_DUTIES_COMBINED', roles: duties };
  for (const role of roles) {
    const allowed = ROLE_ENTITY_TYPES[role];
    if (allowed !== 'any' && !allowed.includes(entityType)) return { code: 'ROLE_NOT_FOR_ENTITY_TYPE', role };
  }
  return null;
}

export function roleProblemMessage(problem: RoleProblem): Bilingual {
  switch (problem.code) {
    case 'ADMIN_DUTIES_COMBINED':
      return bilingual(
        '系统管理员、安全管理员、审计管理员（三员）职责必须分离，同一账号不得兼任',
        'System, security and audit administration are separate duties; one account may hold only one of them',
      );
    case 'ROLE_NOT_FOR_ENTITY_TYPE':
      return bilingual(`该单位类型的人员不能担任“${problem.role}”角色`, `A person of this kind of entity cannot hold the role "${problem.role}"`);
    case 'NO_ROLE':
      return bilingual('至少需要一个角色', 'At least one role is required');
  }
}

export function isGovernmentActor(roles: readonly string[]): boolean {
  return roles.some((r) => GOVERNMENT_ROLES.includes(r as Role));
}

export function oversees(roles: readonly string[]): boolean {
  return roles.some((r) => PROCUREMENT_OVERSIGHT_ROLES.includes(r as Role));
}
