/** Demo rooms of the centre and one sub-centre, and the opening room booked for the demo's coming opening, with its witness. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { actorFor } from '../identity';
import { systemContext, type Context, type Platform } from '../platform/context';
import { inTransaction } from '../platform/unit-of-work';
import { bookVenue } from '../services/venues/venues';
import { venue } from '../services/venues/venues.schema';
import { assignWitness } from '../services/venues/witness';
import { project } from '../trading/trading.schema';

const CENTRE = '上海市公共资源交易中心';
const SUB_CENTRE = '上海市公共资源交易中心（浦东分中心）';
export const DEMO_VENUES = [
  { name: '第一开标室', kind: 'opening', centreName: CENTRE, capacity: 40, regionCode: '310000' },
  { name: '第二开标室', kind: 'opening', centreName: CENTRE, capacity: 24, regionCode: '310000' },
  { name: '第一评标室', kind: 'evaluation', centreName: CENTRE, capacity: 12, regionCode: '310000' },
  { name: '第二评标室', kind: 'evaluation', centreName: CENTRE, capacity: 9, regionCode: '310000' },
  { name: '浦东开标室', kind: 'opening', centreName: SUB_CENTRE, capacity: 30, regionCode: '310115' },
  { name: '浦东评标室', kind: 'evaluation', centreName: SUB_CENTRE, capacity: 9, regionCode: '310115' },
] as const;

export async function seedDemoVenues(platform: Platform) {
  await inTransaction(systemContext(platform), async (tx, audit) => {
    for (const v of DEMO_VENUES) {
      const id = randomUUID();
      await tx.insert(venue).values({ id, ...v, createdAt: platform.clock.now() });
      audit.record({ action: 'venue.create', subjectType: 'venue', subjectId: id, regionCode: v.regionCode, after: v });
    }
  });
}

/** The agency books 第一开标室 for 「中小学创客实验室设备采购」's opening and the operator assigns itself as the witness. */
export async function seedDemoBookings(platform: Platform, openingAt: Date) {
  const db = platform.database.db;
  const as = async (username: string): Promise<Context> => ({ platform, actor: await actorFor(db, username), ip: '203.0.113.90', userAgent: 'demo-data' });
  const [p] = await db.select({ id: project.id }).from(project).where(eq(project.title, '中小学创客实验室设备采购'));
  const [room] = await db.select({ id: venue.id }).from(venue).where(eq(venue.name, '第一开标室'));
  if (!p || !room) return;
  const half = 30 * 60_000;
  const startsAt = new Date(Math.ceil(openingAt.getTime() / half) * half - half);
  const b = await bookVenue(await as('agency'), p.id, { venueId: room.id, purpose: 'opening', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * half).toISOString() });
  const operator = await as('operator');
  await assignWitness(operator, b.id, { personId: operator.actor!.personId });
}
