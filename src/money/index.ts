/** Money: the double-entry ledger every deposit, refund, fee and payment is posted to (issue 10). */
export { ACCOUNT_KINDS, JOURNAL_ENTRY_KINDS, accountCode, journalEntryProblems, type AccountKind, type AccountSpec, type JournalEntryDraft, type JournalEntryKind, type PostingDraft } from './ledger/ledger.rules';
export { insertAccount, openLedgerAccount, type AccountAuditScope } from './ledger/open-account';
export { insertJournalEntry, postJournalEntry, type PostJournalEntryInput, type PostedJournalEntry } from './ledger/post-journal-entry';
export { accountBalance, findAccount, findJournalEntry, findJournalEntryByKey } from './ledger/ledger.store';
export { verifyLedger, type LedgerVerification } from './ledger/ledger-verify';
export { DEPOSIT_STATUSES, depositStatus, signBankRequest, type DepositStatus, type DepositStatusCode } from './deposits/deposit.rules';
export { depositStatusesOfLot, issueBankApiKey, openVirtualAccount, receiveBankNotice } from './deposits/deposits';
export { BID_VALIDITY_DAYS, bidSecurityStatus, bidValidityEnd, guaranteeProblem } from './guarantees/guarantee.rules';
export { securityStatusesOfLot } from './guarantees/guarantees';
export { guaranteeGuards } from './guarantees/guarantees.guards';
import type { RouteModule } from '../platform/http/server';
import { bankRoutes, depositRoutes } from './deposits/deposits.routes';
import { guaranteeRoutes } from './guarantees/guarantees.routes';
export const moneyRoutes: RouteModule[] = [depositRoutes, bankRoutes, guaranteeRoutes];
