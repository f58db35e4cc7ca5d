import type { Db } from '../platform/database/database';
import { readSetting } from '../platform/settings/settings';
import { DEFAULT_SECURITY_PROFILE, SECURITY_PROFILE_KEY, securityProfileSchema } from './security-profile';

export function loadSecurityProfile(db: Db) {
  return readSetting(db, SECURITY_PROFILE_KEY, securityProfileSchema, DEFAULT_SECURITY_PROFILE);
}
