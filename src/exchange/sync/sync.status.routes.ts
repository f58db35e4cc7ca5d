import { z } from 'zod';
import { withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { subPlatformSyncStatus } from './sync.status';

const statusSchema = z
  .object({
    entityId: z.uuid(),
    name: z.string(),
    regionCode: z.string(),
    status: z.string().describe('The entity’s status in 市场主体'),
    unifiedNames: z.array(z.string()).describe('The platform-catalogue unified names its procurements are filed under (the portal’s platform filter)'),
    hasApiKey: z.boolean().describe('Whether it holds an API key not revoked (to sign its sync)'),
    hasSso: z.boolean().describe('Whether it is registered for single sign-on'),
    releasesTotal: z.int(),
    releasesToday: z.int().describe('Releases received today (Asia/Shanghai)'),
    procurements: z.int().describe('Procurements held from it'),
    lastBatchAt: z.string().nullable().describe('When its last batch was received'),
    perDay: z.array(z.object({ date: z.string(), releases: z.int() })).describe('Releases received per day (Asia/Shanghai), the last 30 days, oldest first'),
  })
  .meta({ id: 'SubPlatformSyncStatus' });

/** 子平台数据同步: the platform operator watches what each sub-platform syncs. */
export function syncStatusRoutes(app: App) {
  app.get(
    '/api/exchange/sub-platforms',
    {
      config: { access: { roles: ['operator'], home: true } },
      schema: {
        tags: ['exchange'],
        summary: '子平台数据同步 / Each sub-platform’s sync: its API key and SSO registration, releases received (in total, today, per day for 30 days), procurements held and its last batch',
        response: withErrors({ 200: z.array(statusSchema) }),
      },
    },
    async (request) => subPlatformSyncStatus(request.ctx),
  );
}
