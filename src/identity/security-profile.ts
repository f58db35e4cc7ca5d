import { z } from 'zod';
import { BASELINE_SECOND_FACTOR_ROLES, ROLES } from './roles';

/**
 * The password and session profile. Defaults follow the usual practice for MLPS 2.0 level 3
 * (等保三级); the bounds stop an administrator from configuring below that baseline.
 */
export const securityProfileSchema = z
  .object({
    passwordMinLength: z.int().min(8).max(64),
    /** Of: lower case, upper case, digits, symbols. */
    passwordMinClasses: z.int().min(3).max(4),
    passwordMaxAgeDays: z.int().min(30).max(180),
    lockoutThreshold: z.int().min(3).max(5),
    lockoutWindowMinutes: z.int().min(15).max(60),
    lockoutMinutes: z.int().min(30).max(1440),
    // Failed sign-ins from one source address (any names) before it is blocked; at most 50, so
    // one source cannot lock out more than a handful of accounts. Defaults for profiles stored
    // before these existed.
    sourceFailureLimit: z.int().min(3).max(50).default(10),
    sourceWindowMinutes: z.int().min(15).max(60).default(15),
    sourceBlockMinutes: z.int().min(15).max(1440).default(15),
    idleTimeoutMinutes: z.int().min(5).max(30),
    adminIdleTimeoutMinutes: z.int().min(5).max(15),
    absoluteSessionHours: z.int().min(1).max(12),
    secondFactorRoles: z
      .array(z.enum(ROLES))
      .refine((roles) => BASELINE_SECOND_FACTOR_ROLES.every((r) => roles.includes(r)), {
        message: `must include ${BASELINE_SECOND_FACTOR_ROLES.join(', ')}`,
      }),
  })
  .meta({ id: 'SecurityProfile' });

export type SecurityProfile = z.infer<typeof securityProfileSchema>;

export const DEFAULT_SECURITY_PROFILE: SecurityProfile = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
  sourceFailureLimit: 10,
  sourceWindowMinutes: 15,
  sourceBlockMinutes: 15,
  idleTimeoutMinutes: 30,
  adminIdleTimeoutMinutes: 15,
  absoluteSessionHours: 12,
  secondFactorRoles: [...BASELINE_SECOND_FACTOR_ROLES],
};

export const SECURITY_PROFILE_KEY = 'identity.securityProfile';
