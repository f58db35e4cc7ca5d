/**
 * What a sub-platform learns about the person signed in through the platform (OpenID Connect
 * claims), by scope. `entity` is the platform's own scope: the organisation the person acts for
 * and their roles on the platform. docs/SSO.md shows an example.
 */
export const SSO_SCOPE_CLAIMS = {
  // amr: how the person signed in to the platform (password; and a one-time code for privileged roles).
  openid: ['sub', 'amr'],
  profile: ['name', 'preferred_username'],
  entity: ['entity_name', 'entity_type', 'unified_social_credit_code', 'region_code', 'roles'],
} as const;

export const SSO_SCOPES = Object.keys(SSO_SCOPE_CLAIMS);

export interface SsoPerson {
  personId: string;
  username: string;
  displayName: string;
  entity: { name: string; entityType: string; creditCode: string; regionCode: string };
  roles: readonly string[];
}

/** Every claim the platform gives, for a person; the provider passes on those of the scopes granted. */
export function ssoClaims(p: SsoPerson): Record<string, unknown> {
  return {
    sub: p.personId,
    name: p.displayName,
    preferred_username: p.username,
    entity_name: p.entity.name,
    entity_type: p.entity.entityType,
    unified_social_credit_code: p.entity.creditCode,
    region_code: p.entity.regionCode,
    roles: [...p.roles],
  };
}

/** How the person signed in to the platform (RFC 8176): a password, and a one-time code when their roles need one. */
export const authenticationMethods = (secondFactor: boolean): string[] => (secondFactor ? ['pwd', 'otp', 'mfa'] : ['pwd']);

/**
 * Whether an address may be registered as a sub-platform's redirect, logout or sign-in address:
 * absolute http(s), no fragment, no credentials. Plain http only for this machine (development
 * and tests) unless `allowHttp`.
 */
export function acceptableClientUri(value: string, allowHttp: boolean): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (allowHttp || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}
