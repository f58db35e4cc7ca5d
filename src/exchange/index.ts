/** Exchange with the outside: open data (OCDS), the sub-platforms' sync and the change feed, and the push of notices to the designated media. */
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { externalRoutes } from './external/external.routes';
import { NOTICE_PUSH_JOB, noticePushHandler, queueNoticePushes } from './media/outbox';
import { outboxRoutes } from './media/outbox.routes';
import { ocdsRoutes } from './ocds/ocds.routes';
import { publishOcdsReleases } from './ocds/publish';
import { syncRoutes } from './sync/sync.routes';
import { syncStatusRoutes } from './sync/sync.status.routes';

export const exchangeRoutes: RouteModule[] = [ocdsRoutes, outboxRoutes, syncRoutes, syncStatusRoutes, externalRoutes];
export const exchangeJobs = (platform: Platform): Record<string, JobHandler> => ({ [NOTICE_PUSH_JOB]: noticePushHandler(platform) });
/** What follows, in the same transaction, from a step that publishes: its OCDS release and its pushes to the media. */
export const exchangeCommitHooks = [publishOcdsReleases, queueNoticePushes];
export { setPublicationMedia, type PublicationMedium } from './media/outbox';
