/** Integrated services: the expert library and sampling, and the e-archive (later: venues, witnessing, publication). */
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { ARCHIVE_JOB, archiveHandler } from './archive/archive';
import { archiveRoutes } from './archive/archive.routes';
import { expertRoutes } from './experts/experts.routes';
import { EVALUATION_START_JOB, startEvaluationHandler } from './experts/sampling';
import { followProjectChanges } from './venues/follow-projects';
import { venueRoutes } from './venues/venues.routes';

export { servicesGuards } from './services.guards';
export const servicesRoutes: RouteModule[] = [expertRoutes, archiveRoutes];
servicesRoutes.push(venueRoutes);
/** What follows, in the same transaction, from a project's step: its room bookings are freed or moved (VN-02). */
export const servicesCommitHooks = [followProjectChanges];

export const servicesJobs = (platform: Platform): Record<string, JobHandler> => ({
  [EVALUATION_START_JOB]: startEvaluationHandler(platform),
  [ARCHIVE_JOB]: archiveHandler(platform),
});
export { committeeDisclosed } from './experts/sampling';
