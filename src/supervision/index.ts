/** Supervision: audit review, challenges and complaints with the credit records they leave; later dashboards and red flags. */
import { AUDIT_CHECKPOINT_JOB, checkpointJobHandler } from '../platform/audit/checkpoints';
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { AUDIT_VERIFY_JOB, auditVerifyHandler } from './audit-review/audit-review';
import { auditReviewRoutes } from './audit-review/audit-review.routes';
import { complaintRoutes } from './complaints/complaints.routes';
export { complaintGuards as supervisionGuards } from './complaints/complaints.guards';

export const supervisionRoutes: RouteModule[] = [auditReviewRoutes, complaintRoutes];

export const supervisionJobs = (platform: Platform): Record<string, JobHandler> => ({
  [AUDIT_VERIFY_JOB]: auditVerifyHandler(platform),
  [AUDIT_CHECKPOINT_JOB]: checkpointJobHandler(platform),
});
