import { eq } from 'drizzle-orm';
import { bilingual } from '../../platform/errors';
import type { SubjectGuard } from '../../platform/http/subjects';
import { deskOf } from './payments';
import { paymentApplication } from './payments.schema';

type Facts = { supplierEntityId: string; purchaserEntityId: string; regionCode: string };

/**
 * A payment application is followed by its two parties and by the authority, treasury and
 * supervisors of its region; all but the supervisors act on it at their desk (the use case
 * checks which action, from the transition table).
 */
export const paymentApplicationGuard: SubjectGuard<Facts> = {
  name: bilingual('支付申请', 'Payment application'),
  async load(db, id) {
    const [row] = await db
      .select({ supplierEntityId: paymentApplication.supplierEntityId, purchaserEntityId: paymentApplication.purchaserEntityId, regionCode: paymentApplication.regionCode })
      .from(paymentApplication)
      .where(eq(paymentApplication.id, id));
    return row ?? null;
  },
  decide(actor, action, f) {
    const desk = deskOf(actor, f);
    if (!desk) return 'hidden';
    if (action === 'read') return 'allowed';
    return desk === 'supervisor' ? 'denied' : 'allowed';
  },
};
