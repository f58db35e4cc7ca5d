/** Integrated services: the expert library and sampling, and the e-archive (later: venues, witnessing, publication). */
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { ARCHIVE_JOB, archiveHandler } from './archive/archive';
import { archiveRoutes } from './archive/archive.routes';
import { expertRoutes } from './experts/experts.routes';
import { EVALUATION_START_JOB, startEvaluationHandler } from './experts/sampling';

export const servicesRoutes: RouteModule[] = [expertRoutes, archiveRoutes];

export const servicesJobs = (platform: Platform): Record<string, JobHandler> => ({
  [EVALUATION_START_JOB]: startEvaluationHandler(platform),
  [ARCHIVE_JOB]: archiveHandler(platform),
});
export { committeeDisclosed } from './experts/sampling';
