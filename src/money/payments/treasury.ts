import { and, eq, inArray } from 'drizzle-orm';
import { entity } from '../../identity/identity.schema';
import { regionCovers } from '../../identity/region-scope';
import type { Db } from '../../platform/database/database';
import { bilingual } from '../../platform/errors';
import { formatYuan } from '../../platform/money';
import { notify, type Addressee } from '../../platform/notifications/notifications';
import type { paymentApplication } from './payments.schema';

type ApplicationRow = typeof paymentApplication.$inferSelect;

/**
 * The treasury side of the unified payment module (seed 000, steps 5–6): how an application the
 * industry authority approved reaches the treasury payment platform (支付平台). An adapter for a
 * real treasury platform would forward the payment order here and record the voucher it reports
 * back through the same use case the treasury user calls (payments.ts, `treasuryPay`).
 */
export interface TreasuryAdapter {
  readonly name: string;
  /** The authority approved the application, in the caller's transaction. */
  paymentOrdered(tx: Db, now: Date, application: ApplicationRow): Promise<void>;
}

/**
 * The built-in adapter: the region's treasury staff work in this platform's own UI, so the order
 * lands in their queue and inbox, and the flow runs end to end on one machine.
 */
export const inPlatformTreasury: TreasuryAdapter = {
  name: 'inPlatform',
  async paymentOrdered(tx, now, a) {
    const desks = await governmentDesks(tx, 'treasury', a.regionCode);
    await notify(
      tx,
      now,
      desks.map((to) => ({
        to,
        title: bilingual(`${a.applicationNumber} 待国库支付`, `${a.applicationNumber}: awaiting treasury payment`),
        body: bilingual(`主管部门已审核通过，金额${formatYuan(a.totalFen)}元，请办理支付或退回。`, `The authority approved ${formatYuan(a.totalFen)} yuan; please pay or return it.`),
        link: `/workspace/payments/${a.id}`,
        subject: { type: 'paymentApplication', id: a.id },
      })),
    );
  },
};

/** The government bodies of a kind whose region covers `regionCode`, as message addressees. */
export async function governmentDesks(db: Db, kind: 'authority' | 'treasury' | 'supervisor', regionCode: string): Promise<Addressee[]> {
  const rows = await db.select({ id: entity.id, regionCode: entity.regionCode }).from(entity).where(and(eq(entity.entityType, kind), inArray(entity.status, ['active'])));
  return rows.filter((r) => regionCovers(r.regionCode, regionCode)).map((r) => ({ entityId: r.id, role: kind }));
}
