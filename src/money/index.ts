/** Money: the double-entry ledger every deposit, refund, fee and payment is posted to (issue 10). */
export { ACCOUNT_KINDS, JOURNAL_ENTRY_KINDS, accountCode, journalEntryProblems, type AccountKind, type AccountSpec, type JournalEntryDraft, type JournalEntryKind, type PostingDraft } from './ledger/ledger.rules';
export { insertAccount, openLedgerAccount, type AccountAuditScope } from './ledger/open-account';
export { insertJournalEntry, postJournalEntry, type PostJournalEntryInput, type PostedJournalEntry } from './ledger/post-journal-entry';
export { accountBalance, findAccount, findJournalEntry, findJournalEntryByKey } from './ledger/ledger.store';
export { verifyLedger, type LedgerVerification } from './ledger/ledger-verify';
export { DEPOSIT_STATUSES, depositStatus, signBankRequest, type DepositStatus, type DepositStatusCode } from './deposits/deposit.rules';
export { depositStatusesOfLot, issueBankApiKey, openVirtualAccount, receiveBankNotice } from './deposits/deposits';
import type { RouteModule } from '../platform/http/server';
import type { SubjectGuards } from '../platform/http/subjects';
import { bankRoutes, depositRoutes } from './deposits/deposits.routes';
import { paymentApplicationGuard } from './payments/payments.guards';
import { paymentRoutes } from './payments/payments.routes';
import { inPlatformTreasury } from './payments/treasury';
export const moneyRoutes: RouteModule[] = [depositRoutes, bankRoutes, paymentRoutes(inPlatformTreasury)];
export const moneyGuards: SubjectGuards = { paymentApplication: paymentApplicationGuard };
