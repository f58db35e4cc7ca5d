/** Supervision: audit review, challenges and complaints, red flags and their investigation, credit, and the dashboard. */
import { AUDIT_CHECKPOINT_JOB, checkpointJobHandler } from '../platform/audit/checkpoints';
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { SubjectGuards } from '../platform/http/subjects';
import type { JobHandler } from '../platform/jobs/jobs';
import { AUDIT_VERIFY_JOB, auditVerifyHandler } from './audit-review/audit-review';
import { auditReviewRoutes } from './audit-review/audit-review.routes';
import { complaintGuards } from './complaints/complaints.guards';
import { complaintRoutes } from './complaints/complaints.routes';
import { measureGuard } from './credit/credit';
import { creditRoutes } from './credit/credit.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { supervisionFunctionRoutes } from './functions/supervision-functions.routes';
export { actorMayUse } from './functions/supervision-functions';
import { REDFLAGS_FULL_JOB, REDFLAGS_LOT_JOB, redFlagsFullHandler, redFlagsLotHandler } from './redflags/redflags';
import { alertGuard, redFlagRoutes } from './redflags/redflags.routes';
import { expertOversightRoutes } from './experts/expert-oversight.routes';
import { marketPriceRoutes } from './market-prices/market-prices.routes';
import { REPORT_EXPORT_JOB, reportExportHandler } from './reports/reports';
import { reportRoutes } from './reports/reports.routes';
import { screeningRoutes } from './screening/screening.routes';

export const supervisionGuards: SubjectGuards = { ...complaintGuards, redFlagAlert: alertGuard, creditMeasure: measureGuard };
export const supervisionRoutes: RouteModule[] = [auditReviewRoutes, complaintRoutes, redFlagRoutes, creditRoutes, dashboardRoutes, screeningRoutes, supervisionFunctionRoutes, marketPriceRoutes, expertOversightRoutes, reportRoutes];

export const supervisionJobs = (platform: Platform): Record<string, JobHandler> => ({
  [AUDIT_VERIFY_JOB]: auditVerifyHandler(platform),
  [AUDIT_CHECKPOINT_JOB]: checkpointJobHandler(platform),
  [REDFLAGS_LOT_JOB]: redFlagsLotHandler(platform),
  [REDFLAGS_FULL_JOB]: redFlagsFullHandler(platform),
  [REPORT_EXPORT_JOB]: reportExportHandler(platform),
});
