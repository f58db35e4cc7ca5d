import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../../src/identity/credit-code';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, publishProject, type Bidder, type PublishedProject } from '../support/tendering';

/**
 * Issue 13 through the API: two suppliers seal their bids on one computer. Before the deadline nobody,
 * the supervisor included, sees anything; after the opening the engine flags them with the evidence;
 * the district supervisor investigates and confirms with a one-year debarment (CM-01), and the
 * debarred supplier can no longer obtain documents, with the reason shown. A list of seriously
 * dishonest entities bars another supplier the same way.
 */
let t: TestPlatform;
let p: PublishedProject;
const bidders: Record<string, Bidder> = {};
const deadline = shanghaiInstant('2026-03-23', '10:00');
const as = async (username: string) => ({ cookie: await t.signIn(username) });
const alertsOf = async (username: string) => (await t.api('GET', `/api/supervision/alerts?projectId=${p.projectId}`, await as(username))).body.items as { id: string; code: string; status: string; entities: { id: string; name: string }[] }[];

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
  p = await publishProject(t, { title: '徐汇区中小学课桌椅采购', documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString(), deadline: deadline.toISOString() });
  for (const [name, price, device] of [['supplier1', 2_310_000, 'fp-shared-7F3A'], ['supplier2', 2_290_000, 'fp-shared-7F3A'], ['supplier4', 2_355_000, undefined]] as const) {
    bidders[name] = { ...(await prepareBidder(t, name, p.projectId)), ...(device ? { device } : {}) };
    await bid(t, bidders[name]!, p.lotId, price);
  }
});
afterAll(async () => t?.close());

async function openTheBids() {
  t.clock.set(deadline);
  await t.jobs.runDue();
  for (const [name, b] of Object.entries(bidders)) {
    b.cookie = await t.signIn(name);
    const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: b.cookie })).body[0];
    const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: b.cookie, body: { contentKey: await unwrapContentKey(b.keyPair.privateKey, mine.wrappedKey) } });
    expect(res.status).toBe(200);
  }
  await t.jobs.runDue(); // the documents are stored, and the lot is compared (redflags.lot)
}

describe('red flags on a lot, from sealed to debarment', () => {
  it('before the deadline the engine has compared nothing: no alert, even for the supervisor', async () => {
    await t.jobs.runDue();
    expect(await alertsOf('supervisor-xh')).toEqual([]);
    const run = await t.api('POST', '/api/supervision/redflag-runs', await as('supervisor-xh'));
    expect(run.status).toBe(202);
    await t.jobs.runDue();
    expect((await t.api('GET', `/api/supervision/redflag-runs/${run.body.jobId}`, await as('supervisor-xh'))).body).toMatchObject({ status: 'succeeded', outcome: { lots: 0, matches: 0 } });
    expect(await alertsOf('supervisor-xh')).toEqual([]);
  });

  it('after the opening, the shared computer is flagged with the two bids and the value they share', async () => {
    await openTheBids();
    const alerts = await alertsOf('supervisor-xh');
    const device = alerts.find((a) => a.code === 'CL-01')!;
    expect(device.entities.map((e) => e.name).sort()).toEqual(['上海申联信息科技有限公司', '上海浦江数据服务有限公司'].sort());
    const detail = (await t.api('GET', `/api/supervision/alerts/${device.id}`, await as('supervisor-xh'))).body;
    expect(detail.evidence.matched).toEqual([{ label: { 'zh-CN': '设备指纹', 'en-US': 'Device fingerprint' }, value: 'fp-shared-7F3A' }]);
    expect(detail.evidence.bids).toHaveLength(2);
    expect(detail.ruleId).toBe('CL-01');
    expect(detail.explanation['zh-CN']).toContain('同一台设备');
    expect(detail.actions).toEqual(['assign', 'note', 'dismiss']);
    // All three bid from this machine's address: a weak signal on its own code, never a presumption.
    expect(alerts.find((a) => a.code === 'CL-11')!.entities).toHaveLength(3);
    // supplier4 shares nothing else with them.
    expect(alerts.filter((a) => a.code !== 'CL-11').every((a) => a.entities.length === 2)).toBe(true);
  });

  it('a full run finds the same matches again and opens no duplicate', async () => {
    const before = await alertsOf('supervisor-xh');
    const run = await t.api('POST', '/api/supervision/redflag-runs', await as('supervisor'));
    await t.jobs.runDue();
    expect((await t.api('GET', `/api/supervision/redflag-runs/${run.body.jobId}`, await as('supervisor'))).body).toMatchObject({ status: 'succeeded', outcome: { lots: 1, created: 0, groups: 0 }, progress: { done: 2, total: 2 } });
    expect((await alertsOf('supervisor-xh')).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('who may see and act: suppliers are refused, the trading centre reads only, another province never learns it exists', async () => {
    const [alert] = await alertsOf('supervisor-xh');
    expect((await t.api('GET', '/api/supervision/alerts', await as('supplier1'))).status).toBe(403);
    expect((await t.api('GET', `/api/supervision/alerts/${alert!.id}`, await as('operator'))).body.actions).toEqual([]);
    expect((await t.api('POST', `/api/supervision/alerts/${alert!.id}/steps`, { ...(await as('operator')), body: { action: 'assign', revision: 1 } })).status).toBe(403);
    expect((await t.api('GET', `/api/supervision/alerts/${alert!.id}`, await as('supervisor-sd'))).status).toBe(404);
    expect(await alertsOf('supervisor-sd')).toEqual([]);
  });

  it('an investigation: out of order and without reasons is refused; confirmed, the credit record and a one-year debarment follow', async () => {
    const device = (await alertsOf('supervisor-xh')).find((a) => a.code === 'CL-01')!;
    const step = async (body: Record<string, unknown>) => {
      const read = await t.api('GET', `/api/supervision/alerts/${device.id}`, await as('supervisor-xh'));
      return t.api('POST', `/api/supervision/alerts/${device.id}/steps`, { ...(await as('supervisor-xh')), body: { revision: read.body.revision, ...body } });
    };
    expect((await step({ action: 'confirm', text: '认定串通' })).status).toBe(409); // take it on first
    expect((await step({ action: 'assign' })).body).toMatchObject({ status: 'investigating', assignee: { name: expect.stringContaining('supervisor-xh') } });
    const bare = await step({ action: 'note' });
    expect(bare.status, JSON.stringify(bare.body)).toBe(422);
    const noted = await step({ action: 'note', text: '调取两家投标文件上传记录，设备一致', files: [{ fileName: '上传记录.pdf', contentBase64: Buffer.from('%PDF-1.4 log').toString('base64') }] });
    expect(noted.body.events.at(-1)).toMatchObject({ action: 'note', files: [{ name: '上传记录.pdf' }] });
    const attached = await t.api('GET', `/api/supervision/alerts/${device.id}/files/${noted.body.events.at(-1).files[0].sha256}`, await as('operator'));
    expect(Buffer.from(attached.body).toString()).toBe('%PDF-1.4 log');
    // It may be handed to the city's supervisor (whose region covers Xuhui), not to Shandong's.
    const people = (await t.api('GET', `/api/supervision/alerts/${device.id}/assignees`, await as('supervisor-xh'))).body.map((p: { username: string }) => p.username);
    expect(people).toEqual(expect.arrayContaining(['supervisor', 'supervisor-xh', 'authority']));
    expect(people).not.toContain('supervisor-sd');
    const entityIds = noted.body.entities.map((e: { id: string }) => e.id);
    // CM-01 allows one to three years.
    const tooLong = await step({ action: 'confirm', text: '两家投标文件由同一台电脑加密上传，经询问系同一人办理', measure: { ruleId: 'CM-01', years: 4, entityIds } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.message).toContain('1至3年');
    const confirmed = await step({ action: 'confirm', text: '两家投标文件由同一台电脑加密上传，经询问系同一人办理', measure: { ruleId: 'CM-01', years: 1, entityIds } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', decision: { reason: expect.stringContaining('同一台电脑') }, actions: ['reopen'] });

    const supplier2 = noted.body.entities.find((e: { name: string }) => e.name === '上海浦江数据服务有限公司').id;
    const file = (await t.api('GET', `/api/supervision/entities/${supplier2}/credit`, await as('supervisor'))).body;
    expect(file.records[0]).toMatchObject({ kind: 'collusionConfirmed', ruleId: 'CL-01' });
    expect(file.measures[0]).toMatchObject({ ruleId: 'CM-01', scope: 'governmentProcurement', startsOn: '2026-03-23', endsOn: '2027-03-22', inForce: true });
    // The public credit record shows the finding too.
    expect((await t.api('GET', `/api/public/entities/${supplier2}/credit-records`)).body[0]).toMatchObject({ kind: 'collusionConfirmed' });
    // The supplier is told, and sees the measure with its basis.
    expect((await t.api('GET', '/api/my/credit-measures', await as('supplier2'))).body[0]).toMatchObject({ ruleId: 'CM-01', endsOn: '2027-03-22' });
  });

  it('the debarred supplier cannot obtain another project’s documents, and is told why; after a lift it can', async () => {
    const next = await publishProject(t, { title: '徐汇区中小学实验室设备采购', documentsUntil: shanghaiInstant('2026-04-02', '17:00').toISOString(), deadline: shanghaiInstant('2026-04-14', '10:00').toISOString() });
    const docs = (await t.api('GET', `/api/public/projects/${next.projectId}/documents`)).body;
    const refused = await t.api('GET', `/api/projects/${next.projectId}/documents/${docs[0].id}/content`, await as('supplier2'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SUPPLIER_DEBARRED', details: { ruleId: 'CM-01', endsOn: '2027-03-22' } });
    expect(refused.body.message).toContain('2027-03-22');
    // supplier4 was not involved: it obtains them.
    expect((await t.api('GET', `/api/projects/${next.projectId}/documents/${docs[0].id}/content`, await as('supplier4'))).status).toBe(200);

    const measure = (await t.api('GET', '/api/my/credit-measures', await as('supplier2'))).body[0];
    expect((await t.api('POST', `/api/supervision/credit-measures/${measure.id}/lift`, { ...(await as('supervisor')), body: { reason: '行政复议撤销处理决定' } })).body).toMatchObject({ inForce: false, liftReason: '行政复议撤销处理决定' });
    expect((await t.api('GET', `/api/projects/${next.projectId}/documents/${docs[0].id}/content`, await as('supplier2'))).status).toBe(200);
  });

  it('a dismissal needs its reason; every step is in the audit trail', async () => {
    const address = (await alertsOf('supervisor-xh')).find((a) => a.code === 'CL-11')!;
    const read = (await t.api('GET', `/api/supervision/alerts/${address.id}`, await as('supervisor-xh'))).body;
    expect((await t.api('POST', `/api/supervision/alerts/${address.id}/steps`, { ...(await as('supervisor-xh')), body: { action: 'dismiss', revision: read.revision } })).status).toBe(422);
    const dismissed = await t.api('POST', `/api/supervision/alerts/${address.id}/steps`, { ...(await as('supervisor-xh')), body: { action: 'dismiss', revision: read.revision, text: '同一写字楼出口地址，无其他关联' } });
    expect(dismissed.body.status).toBe('dismissed');
    const audit = (await t.api('GET', `/api/audit/entries?subjectType=redFlagAlert&limit=50`, await as('supervisor'))).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['redflag.detect', 'redflag.assign', 'redflag.note', 'redflag.confirm', 'redflag.dismiss']));
  });
});

describe('a list of seriously dishonest entities (CM-03)', () => {
  it('bars a listed supplier for the listed period; bad rows are reported by line, the rest imported once', async () => {
    const code = completeCreditCode('91310000MA1H00004'); // supplier4 in the demo
    const csv = ['统一社会信用代码,名称,列入日期,移出日期,列入事由,认定部门', `${code},上海某公司,2026-03-01,2029-02-28,"拖欠农民工工资，情节严重",上海市人力资源和社会保障局`, '91350100M000100Y44,无效代码公司,2026-01-01,2027-01-01,虚假材料,某局', '', `${code.toLowerCase()},重复行,2026-03-01,2029-02-28,同上,同上`].join('\r\n');
    const first = await t.api('POST', '/api/supervision/dishonest-lists', { ...(await as('supervisor')), body: { csv } });
    expect(first.status).toBe(200);
    expect(first.body.imported).toHaveLength(1);
    expect(first.body.errors).toEqual([{ line: 3, message: expect.stringContaining('统一社会信用代码无效') }]);
    expect((await t.api('POST', '/api/supervision/dishonest-lists', { ...(await as('supervisor')), body: { csv } })).body).toMatchObject({ imported: [], alreadyImported: 2 });
    const next = await publishProject(t, { title: '徐汇区中小学音乐器材采购', documentsUntil: shanghaiInstant('2026-04-02', '17:00').toISOString(), deadline: shanghaiInstant('2026-04-14', '10:00').toISOString() });
    const docs = (await t.api('GET', `/api/public/projects/${next.projectId}/documents`)).body;
    const refused = await t.api('GET', `/api/projects/${next.projectId}/documents/${docs[0].id}/content`, await as('supplier4'));
    expect(refused.body).toMatchObject({ code: 'SUPPLIER_DEBARRED', details: { ruleId: 'CM-03', endsOn: '2029-02-28' } });
    expect(refused.body.message).toContain('拖欠农民工工资');
    expect((await t.api('POST', '/api/supervision/dishonest-lists', { ...(await as('supervisor')), body: { csv: 'a,b\n1,2' } })).status).toBe(422);
  });
});
