/** Money: the double-entry ledger every deposit, refund, fee and payment is posted to (issue 10). */
export { ACCOUNT_KINDS, JOURNAL_ENTRY_KINDS, accountCode, journalEntryProblems, type AccountKind, type AccountSpec, type JournalEntryDraft, type JournalEntryKind, type PostingDraft } from './ledger/ledger.rules';
export { insertAccount, openLedgerAccount, type AccountAuditScope } from './ledger/open-account';
export { insertJournalEntry, postJournalEntry, type PostJournalEntryInput, type PostedJournalEntry } from './ledger/post-journal-entry';
export { accountBalance, findAccount, findJournalEntry, findJournalEntryByKey } from './ledger/ledger.store';
export { verifyLedger, type LedgerVerification } from './ledger/ledger-verify';
export { DEPOSIT_STATUSES, depositStatus, type DepositStatus, type DepositStatusCode } from './deposits/deposit.rules';
export { depositStatusesOfLot, openVirtualAccount, receiveBankNotice } from './deposits/deposits';
export { scheduleDepositRefunds, type RefundEvent } from './refunds/refunds';
import type { Platform } from '../platform/context';
export { BID_VALIDITY_DAYS, bidSecurityStatus, bidValidityEnd, guaranteeProblem } from './guarantees/guarantee.rules';
export { securityStatusesOfLot } from './guarantees/guarantees';
export { guaranteeGuards } from './guarantees/guarantees.guards';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import type { SubjectGuards } from '../platform/http/subjects';
import { bankRoutes, depositRoutes } from './deposits/deposits.routes';
import { financingGuards } from './financing/financing.guards';
import { financingRoutes } from './financing/financing.routes';
import { guaranteeRoutes } from './guarantees/guarantees.routes';
import { paymentApplicationGuard } from './payments/payments.guards';
import { paymentRoutes } from './payments/payments.routes';
import { inPlatformTreasury } from './payments/treasury';
import { DEPOSIT_REFUND_JOB, refundJobHandler } from './refunds/refunds';
import { refundRoutes } from './refunds/refunds.routes';
export const moneyRoutes: RouteModule[] = [depositRoutes, bankRoutes, refundRoutes, guaranteeRoutes, paymentRoutes(inPlatformTreasury), financingRoutes];
export const moneyGuards: SubjectGuards = { paymentApplication: paymentApplicationGuard, ...financingGuards };
/** Refunds are paid by durable jobs (GP-22 to GP-24). */
export const moneyJobs = (platform: Platform): Record<string, JobHandler> => ({ [DEPOSIT_REFUND_JOB]: refundJobHandler(platform) });
