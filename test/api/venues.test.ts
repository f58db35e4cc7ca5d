import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { publishProject, type PublishedProject } from '../support/tendering';

let t: TestPlatform;
let a: PublishedProject;
let b: PublishedProject;
let rooms: Record<string, string>;
let operator: string;
const at = (date: string, time: string) => shanghaiInstant(date, time).toISOString();
const documentsUntil = at('2026-03-13', '17:00');
const deadline = at('2026-03-23', '10:00');
const book = (p: PublishedProject, room: string, purpose: 'opening' | 'evaluation', date: string, from: string, to: string) =>
  t.api('POST', `/api/projects/${p.projectId}/bookings`, { cookie: p.agency, body: { venueId: rooms[room], purpose, startsAt: at(date, from), endsAt: at(date, to) } });
const bookingsOf = async (p: PublishedProject) => (await t.api('GET', `/api/projects/${p.projectId}/bookings`, { cookie: p.agency })).body as { id: string; venue: { name: string }; purpose: string; startsAt: string; endsAt: string; status: string; cancelReason: string | null }[];
const ids: Record<string, string> = {};
/** Sessions lapse when the clock jumps days ahead. */
async function signInAgain() {
  a.agency = b.agency = await t.signIn('agency');
  operator = await t.signIn('operator');
}

beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
  a = await publishProject(t, { title: '区属学校实验室设备采购', deadline, documentsUntil });
  b = await publishProject(t, { title: '区属学校图书馆家具采购', deadline, documentsUntil });
  operator = await t.signIn('operator');
}, 120_000);
afterAll(() => t.close());

describe('rooms of the centre and its sub-centres', () => {
  it('lists the seeded rooms to those who book them; only the operator adds one', async () => {
    const list = await t.api('GET', '/api/venues', { cookie: a.agency });
    expect(list.status).toBe(200);
    rooms = Object.fromEntries(list.body.map((v: { name: string; id: string }) => [v.name, v.id]));
    expect(list.body.map((v: { centreName: string }) => v.centreName)).toEqual(expect.arrayContaining(['上海市公共资源交易中心', '上海市公共资源交易中心（浦东分中心）']));
    const added = await t.api('POST', '/api/venues', { cookie: operator, body: { name: '第三评标室', kind: 'evaluation', centreName: '上海市公共资源交易中心', capacity: 7 } });
    expect(added.status).toBe(201);
    expect((await t.api('POST', '/api/venues', { cookie: a.agency, body: { name: '私设开标室', kind: 'opening', centreName: 'x', capacity: 7 } })).status).toBe(403);
    // Another province's operator sees none of Shanghai's rooms.
    const sd = await t.api('GET', `/api/venue-calendar?from=${encodeURIComponent(at('2026-03-23', '00:00'))}&days=2`, { cookie: await t.signIn('operator-sd') });
    expect(sd.body.venues).toEqual([]);
  });
});

describe('bookings', () => {
  it('of two overlapping bookings of one room fired at once, exactly one succeeds; the other is told the room and the time (VN-01)', async () => {
    const [x, y] = await Promise.all([book(a, '第二评标室', 'evaluation', '2026-03-24', '09:00', '12:00'), book(b, '第二评标室', 'evaluation', '2026-03-24', '11:00', '13:00')]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    const [won, lost] = x.status === 201 ? [x, y] : [y, x];
    expect(lost.body.code).toBe('ROOM_TAKEN');
    expect(lost.body.messages['zh-CN']).toContain('第二评标室');
    expect(lost.body.messages['zh-CN']).toContain(`2026年03月24日 ${won.body.startsAt === at('2026-03-24', '09:00') ? '09:00至12:00' : '11:00至13:00'}`);
    expect(lost.body.messages['en-US']).toContain('第二评标室');
    expect(lost.body.messages['en-US']).toMatch(/2026-03-24 (09:00–12:00|11:00–13:00)/);
    // Given back, the room can be booked by the other.
    const winner = x.status === 201 ? a : b;
    const cancelled = await t.api('POST', `/api/bookings/${won.body.id}/cancellation`, { cookie: winner.agency });
    expect(cancelled.body.status).toBe('cancelled');
    const retry = x.status === 201 ? await book(b, '第二评标室', 'evaluation', '2026-03-24', '11:00', '13:00') : await book(a, '第二评标室', 'evaluation', '2026-03-24', '09:00', '12:00');
    expect(retry.status).toBe(201);
  });

  it('books back to back, but not the wrong kind of room nor off the half hour', async () => {
    const opening = await book(a, '第一开标室', 'opening', '2026-03-23', '09:30', '11:00');
    expect(opening.status).toBe(201);
    ids.aOpening = opening.body.id;
    const evaluation = await book(a, '第一评标室', 'evaluation', '2026-03-24', '09:00', '12:00');
    expect(evaluation.status).toBe(201);
    ids.aEvaluation = evaluation.body.id;
    expect((await book(b, '第一开标室', 'opening', '2026-03-23', '11:00', '12:00')).status).toBe(201);
    expect((await book(b, '第一开标室', 'opening', '2026-03-23', '10:30', '11:30')).body.code).toBe('ROOM_TAKEN');
    const moving = await book(b, '第二开标室', 'opening', '2026-03-23', '09:30', '11:00');
    expect(moving.status).toBe(201);
    ids.bOpening = moving.body.id;
    expect((await book(a, '第一评标室', 'opening', '2026-03-25', '09:00', '10:00')).body.code).toBe('ROOM_KIND_MISMATCH');
    expect((await book(a, '第二评标室', 'evaluation', '2026-03-25', '09:15', '10:00')).body.code).toBe('BOOKING_NOT_ON_SLOT');
  });

  it('shows a project’s bookings to those running it, and the operator all of them in its calendar', async () => {
    expect((await bookingsOf(a)).filter((x) => x.status === 'booked').map((x) => x.venue.name)).toEqual(expect.arrayContaining(['第一开标室', '第一评标室']));
    expect((await t.api('GET', `/api/projects/${a.projectId}/bookings`, { cookie: await t.signIn('supplier1') })).status).toBe(403);
    expect((await t.api('GET', `/api/projects/${a.projectId}/bookings`, { cookie: await t.signIn('purchaser-pd') })).status).toBe(404);
    const calendar = await t.api('GET', `/api/venue-calendar?from=${encodeURIComponent(at('2026-03-23', '00:00'))}&days=2`, { cookie: operator });
    expect(calendar.status).toBe(200);
    expect(calendar.body.bookings.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([ids.aOpening, ids.aEvaluation, ids.bOpening]));
    expect((await t.api('GET', `/api/venue-calendar?from=${encodeURIComponent(at('2026-03-23', '00:00'))}`, { cookie: a.agency })).status).toBe(403);
  });
});

describe('witnessing', () => {
  it('the operator assigns its own person as witness; the record is the operator side’s only', async () => {
    const candidates = (await t.api('GET', '/api/witness-candidates', { cookie: operator })).body;
    const me = candidates.find((c: { displayName: string }) => c.displayName === '王晓东');
    expect(me).toBeDefined();
    const assigned = await t.api('PUT', `/api/bookings/${ids.aOpening}/witness`, { cookie: operator, body: { personId: me.personId } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.witnessName).toBe('王晓东');
    // The project's managers see who witnesses, never the record.
    expect((await bookingsOf(a)).find((x) => x.id === ids.aOpening)).toMatchObject({ witnessName: '王晓东' });
    expect((await t.api('GET', `/api/bookings/${ids.aOpening}/witness`, { cookie: a.agency })).status).toBe(403);
    expect((await t.api('GET', `/api/bookings/${ids.aOpening}/witness`, { cookie: await t.signIn('supervisor') })).status).toBe(403);
    expect((await t.api('GET', `/api/bookings/${ids.aOpening}/witness`, { cookie: await t.signIn('operator-sd') })).status).toBe(404);
    // Someone who is not operator staff cannot be the witness.
    const agencyPerson = (await t.api('GET', '/api/session', { cookie: a.agency })).body.person.id;
    expect((await t.api('PUT', `/api/bookings/${ids.aOpening}/witness`, { cookie: operator, body: { personId: agencyPerson } })).body.code).toBe('NOT_OPERATOR_STAFF');
    const saved = await t.api('PUT', `/api/bookings/${ids.aOpening}/witness/record`, { cookie: operator, body: { revision: assigned.body.revision, attendance: ['代理机构 孙强', '采购人代表 赵丽'], incidents: '无', notes: '开标准时开始' } });
    expect(saved.status).toBe(200);
    ids.revision = String(saved.body.revision);
    expect((await t.api('POST', `/api/bookings/${ids.aOpening}/witness/signature`, { cookie: operator, body: { revision: saved.body.revision } })).body.code).toBe('WITNESS_TOO_EARLY');
  });
});

describe('bookings follow the project (VN-02)', () => {
  it('a postponed opening moves its booking by the same amount and frees the old time', async () => {
    t.clock.set(at('2026-03-10', '10:00'));
    await signInAgain();
    const late = await t.api('POST', `/api/projects/${b.projectId}/clarifications`, { cookie: b.agency, body: { text: '技术参数表第3项修改为不低于。', affectsBids: true } });
    expect(late.status).toBe(422);
    const newDeadline = late.body.details.proposedDeadline as string;
    expect((await t.api('POST', `/api/projects/${b.projectId}/clarifications`, { cookie: b.agency, body: { text: '技术参数表第3项修改为不低于。', affectsBids: true, newDeadline } })).status).toBe(200);
    const moved = (await bookingsOf(b)).find((x) => x.id === ids.bOpening)!;
    const shift = new Date(newDeadline).getTime() - new Date(deadline).getTime();
    expect(moved.status).toBe('booked');
    expect(moved.startsAt).toBe(new Date(new Date(at('2026-03-23', '09:30')).getTime() + shift).toISOString());
    expect(new Date(moved.endsAt).getTime() - new Date(moved.startsAt).getTime()).toBe(90 * 60_000);
    // The old time is free again.
    const taken = await book(a, '第二开标室', 'opening', '2026-03-23', '09:30', '10:30');
    expect(taken.status).toBe(201);
    ids.aSecond = taken.body.id;
  });

  it('a project that fails frees the rooms it has not used; the signed witness record joins its archive', async () => {
    t.clock.set(at('2026-03-23', '09:45'));
    await signInAgain();
    const signed = await t.api('POST', `/api/bookings/${ids.aOpening}/witness/signature`, { cookie: operator, body: { revision: Number(ids.revision) } });
    expect(signed.status).toBe(200);
    expect(signed.body.signedAt).not.toBeNull();
    // Nobody bid: at the deadline the opening fails the project (GP-33).
    t.clock.set(deadline);
    await t.jobs.runDue();
    await signInAgain();
    expect((await t.api('GET', `/api/public/projects/${a.projectId}`)).body.status).toBe('failed');
    const after = await bookingsOf(a);
    expect(after.find((x) => x.id === ids.aEvaluation)).toMatchObject({ status: 'cancelled', cancelReason: 'projectEnded' });
    expect(after.find((x) => x.id === ids.aSecond)).toMatchObject({ status: 'cancelled', cancelReason: 'projectEnded' });
    expect(after.find((x) => x.id === ids.aOpening)).toMatchObject({ status: 'booked' });
    // The evaluation room is free for someone else.
    expect((await book(b, '第一评标室', 'evaluation', '2026-03-24', '09:00', '12:00')).status).toBe(201);

    expect((await t.api('POST', `/api/projects/${a.projectId}/archive`, { cookie: a.agency })).status).toBe(202);
    await t.jobs.runDue();
    const pkg = await t.api('GET', `/api/projects/${a.projectId}/archive/package`, { cookie: a.agency });
    const records = (Buffer.isBuffer(pkg.body) ? JSON.parse(pkg.body.toString('utf8')) : pkg.body).records as Record<string, { attendance: string[]; witnessName: string; venueName: string; signedAt: string }[]>;
    expect(records['witness-records.json']).toHaveLength(1);
    expect(records['witness-records.json']![0]).toMatchObject({ venueName: '第一开标室', witnessName: '王晓东', attendance: ['代理机构 孙强', '采购人代表 赵丽'], signedAt: signed.body.signedAt });
    const verified = await t.api('POST', `/api/projects/${a.projectId}/archive/verification`, { cookie: a.agency });
    expect(verified.body.intact).toBe(true);
  });
});
