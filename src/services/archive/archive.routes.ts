import { z } from 'zod';
import { idParams, withErrors } from '../../platform/http/schemas';
import type { App } from '../../platform/http/server';
import { archivePackageBytes, archiveStatus, closeProject, verifyArchive } from './archive';

const READERS = { roles: ['agency', 'purchaser', 'operator', 'supervisor', 'authority'] } as const;

/** The e-archive: closing a project, its package, and verification years later. */
export function archiveRoutes(app: App) {
  app.post(
    '/api/projects/:id/archive',
    { config: { access: { roles: ['agency', 'purchaser'] }, subject: { type: 'project', action: 'manage' } }, schema: { tags: ['archive'], summary: '项目归档 / Close the project and build its archive package (a job)', params: idParams, response: withErrors({ 202: z.object({ jobId: z.uuid() }) }, 404, 409) } },
    async (request, reply) => reply.code(202).send(await closeProject(request.ctx, request.params.id)),
  );
  app.get(
    '/api/projects/:id/archive',
    {
      config: { access: READERS, subject: { type: 'project', action: 'oversee' } },
      schema: {
        tags: ['archive'],
        summary: '归档状态 / Archive status and progress',
        params: idParams,
        response: withErrors({
          200: z.object({
            status: z.enum(['none', 'building', 'failed', 'archived']),
            progress: z.object({ done: z.number(), total: z.number() }).nullable(),
            manifestSha256: z.string().nullable(),
            packageSha256: z.string().nullable(),
            entries: z.int(),
            createdAt: z.string().nullable(),
            retainUntil: z.string().nullable(),
          }),
        }, 404),
      },
    },
    async (request) => archiveStatus(request.ctx, request.params.id),
  );
  app.post(
    '/api/projects/:id/archive/verification',
    { config: { access: READERS, subject: { type: 'project', action: 'oversee' } }, schema: { tags: ['archive'], summary: '核验档案 / Re-hash the package and every file it lists', params: idParams, response: withErrors({ 200: z.object({ intact: z.boolean(), checked: z.int(), problems: z.array(z.string()), manifestSha256: z.string() }) }, 404, 409) } },
    async (request) => verifyArchive(request.ctx, request.params.id),
  );
  app.get(
    '/api/projects/:id/archive/package',
    { config: { access: READERS, subject: { type: 'project', action: 'oversee' } }, schema: { tags: ['archive'], summary: '下载档案包 / The package (JSON with its manifest)', params: idParams, response: withErrors({ 200: z.any().describe('application/json') }, 404, 409) } },
    async (request, reply) => reply.type('application/json').header('content-disposition', `attachment; filename="archive-${request.params.id}.json"`).send(await archivePackageBytes(request.ctx, request.params.id)),
  );
}
