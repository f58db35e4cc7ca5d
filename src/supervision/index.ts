/** Supervision: audit review, and later dashboards, red flags, credit and complaints. */
import { AUDIT_CHECKPOINT_JOB, checkpointJobHandler } from '../platform/audit/checkpoints';
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { AUDIT_VERIFY_JOB, auditVerifyHandler } from './audit-review/audit-review';
import { auditReviewRoutes } from './audit-review/audit-review.routes';

export const supervisionRoutes: RouteModule[] = [auditReviewRoutes];

export const supervisionJobs = (platform: Platform): Record<string, JobHandler> => ({
  [AUDIT_VERIFY_JOB]: auditVerifyHandler(platform),
  [AUDIT_CHECKPOINT_JOB]: checkpointJobHandler(platform),
});
