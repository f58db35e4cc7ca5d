import { eq } from 'drizzle-orm';
import { bilingual } from '../../platform/errors';
import type { SubjectGuard, SubjectGuards } from '../../platform/http/subjects';
import { financingDesk } from './financing';
import { contractFinancing } from './financing.schema';

/**
 * The row guard on /api/financing/:id/…: a financing is read by its supplier and, while the
 * supplier's consent stands, by the credit officers of the bank it was made to; the bank decides,
 * the supplier withdraws. To anyone else (another bank, another supplier) it does not exist (404).
 */
const financingGuard: SubjectGuard<{ supplierEntityId: string; bankEntityId: string; status: (typeof contractFinancing.$inferSelect)['status'] }> = {
  name: bilingual('融资申请', 'Financing application'),
  async load(db, id) {
    const [row] = await db.select({ supplierEntityId: contractFinancing.supplierEntityId, bankEntityId: contractFinancing.bankEntityId, status: contractFinancing.status }).from(contractFinancing).where(eq(contractFinancing.id, id));
    return row ?? null;
  },
  decide(actor, action, f) {
    const desk = financingDesk(actor, f);
    if (!desk) return 'hidden';
    if (action === 'read') return 'allowed';
    return (action === 'decide' && desk === 'bank') || (action === 'withdraw' && desk === 'supplier') ? 'allowed' : 'denied';
  },
};

export const financingGuards: SubjectGuards = { contractFinancing: financingGuard };
