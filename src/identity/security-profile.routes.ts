import { z } from 'zod';
import { writeSetting } from '../platform/settings/settings';
import type { App } from '../platform/http/server';
import { revisionInput, withErrors } from '../platform/http/schemas';
import { SECURITY_PROFILE_KEY, securityProfileSchema } from './security-profile';
import { loadSecurityProfile } from './security-profile.store';

const profileResponse = z.object({ profile: securityProfileSchema, revision: z.int(), stored: z.boolean() });

export function securityProfileRoutes(app: App) {
  app.get(
    '/api/settings/security-profile',
    {
      config: { access: { roles: ['securityAdmin', 'systemAdmin', 'auditAdmin'] } },
      schema: { tags: ['identity'], summary: '安全策略 / The password and session profile', response: withErrors({ 200: profileResponse }) },
    },
    async (request) => {
      const { value, revision, stored } = await loadSecurityProfile(request.ctx.platform.database.db);
      return { profile: value, revision, stored };
    },
  );

  app.put(
    '/api/settings/security-profile',
    {
      config: { access: { roles: ['securityAdmin'] } },
      schema: {
        tags: ['identity'],
        summary: '修改安全策略 / Change the password and session profile (security administrator)',
        body: revisionInput.extend({ profile: securityProfileSchema }),
        response: withErrors({ 200: profileResponse }, 409),
      },
    },
    async (request) => {
      const saved = await writeSetting(request.ctx, SECURITY_PROFILE_KEY, request.body.profile, request.body.revision);
      return { profile: saved.value, revision: saved.revision, stored: true };
    },
  );
}
