import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';
import { queryRows } from '../../src/platform/database/database';
import { BidClientError, sealWithKeyFile } from '../../src/trading/bids/bid-client';
import { unwrapContentKey } from '../../src/trading/bids/sealing';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { bid, prepareBidder, priceSchedule, publishProject, samplePdf, type Bidder, type PublishedProject, yuan } from '../support/tendering';

let t: TestPlatform;
let p: PublishedProject;
const bidders: Record<string, Bidder> = {};
const receipts: Record<string, Awaited<ReturnType<typeof bid>>> = {};

// Published Monday 2 March 2026 10:00; 20 days later is Sunday 22 March, so the earliest
// deadline (cautious reading of T-08) is Monday 23 March.
const DEADLINE = shanghaiInstant('2026-03-23', '10:00').toISOString();

beforeAll(async () => {
  t = await startTestPlatform({ demo: true, listen: true });
});
afterAll(() => t.close());

describe('before the procurement: budget, warehouse, plan (seed 004)', () => {
  it('never lets a plan exceed what is left of its budget line', async () => {
    const purchaser = await t.signIn('purchaser');
    const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: 'ZX-001', name: '办公设备', category: 'goods', amountFen: yuan(500_000) } })).body;
    const first = await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '台式计算机采购', category: 'goods', amountFen: yuan(300_000) } });
    expect(first.status).toBe(201);
    const over = await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '笔记本电脑', category: 'goods', amountFen: yuan(200_000) + 1 } });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'BUDGET_EXCEEDED', details: { remainingFen: yuan(200_000) } });
    const exact = await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '笔记本电脑', category: 'goods', amountFen: yuan(200_000) } });
    expect(exact.status).toBe(201);
    expect((await t.api('GET', '/api/budget-lines', { cookie: purchaser })).body.find((l: { id: string }) => l.id === line.id).remainingFen).toBe(0);
  });

  it('holds a plan to buy assets until the idle ones in the public asset warehouse are taken or set aside', async () => {
    const operator = await t.signIn('operator');
    const asset = (await t.api('POST', '/api/warehouse/assets', { cookie: operator, body: { assetCategory: 'A02010104', name: '台式计算机（闲置）', quantity: 20, condition: '九成新' } })).body;
    const purchaser = await t.signIn('purchaser');
    const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: 'ZX-002', name: '办公设备', category: 'goods', amountFen: yuan(400_000) } })).body;
    const plan = (await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '台式计算机', category: 'goods', amountFen: yuan(400_000), assetCategory: 'A02010104', quantity: 50 } })).body;
    expect(plan.status).toBe('warehouseCheck');
    expect(plan.warehouseCheck.matches).toMatchObject([{ assetId: asset.id, quantity: 20 }]);
    const blocked = await t.api('POST', '/api/projects', { cookie: purchaser, body: { planId: plan.id, title: 'x', description: 'xx', method: 'rfq', contactName: 'a', contactPhone: '021-1234567', lots: [] } });
    expect(blocked.status).toBe(400);
    const noReason = await t.api('POST', `/api/plans/${plan.id}/warehouse-resolutions`, { cookie: purchaser, body: { assetId: asset.id, action: 'unsuitable', revision: plan.revision } });
    expect(noReason.status).toBe(422);
    const taken = await t.api('POST', `/api/plans/${plan.id}/warehouse-resolutions`, { cookie: purchaser, body: { assetId: asset.id, action: 'taken', revision: plan.revision } });
    expect(taken.body.status).toBe('ready');
    expect((await t.api('GET', '/api/warehouse/reallocations', { cookie: operator })).body[0]).toMatchObject({ assetId: asset.id, quantity: 20 });
  });

  it('needs the finance supervisor to approve an import justification', async () => {
    const purchaser = await t.signIn('purchaser');
    const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: 'ZX-003', name: '科研设备', category: 'goods', amountFen: yuan(900_000) } })).body;
    const noJustification = await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '质谱仪', category: 'goods', amountFen: yuan(900_000), importProducts: true } });
    expect(noJustification.status).toBe(422);
    const plan = (await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '质谱仪', category: 'goods', amountFen: yuan(900_000), importProducts: true, importJustification: '国内无同等性能产品（专家论证意见附后）' } })).body;
    expect(plan.importStatus).toBe('pending');
    const supervisor = await t.signIn('supervisor');
    const pending = (await t.api('GET', '/api/plans?importStatus=pending', { cookie: supervisor })).body;
    expect(pending.map((x: { id: string }) => x.id)).toContain(plan.id);
    expect((await t.api('POST', `/api/plans/${plan.id}/import-review`, { cookie: purchaser, body: { approve: true, revision: plan.revision } })).status).toBe(403);
    const approved = await t.api('POST', `/api/plans/${plan.id}/import-review`, { cookie: supervisor, body: { approve: true, note: '同意', revision: plan.revision } });
    expect(approved.body.importStatus).toBe('approved');
  });
});

describe('the project and its notice', () => {
  it('refuses a deposit above 2 % of the budget with the rule’s ID', async () => {
    const purchaser = await t.signIn('purchaser');
    const line = (await t.api('POST', '/api/budget-lines', { cookie: purchaser, body: { fiscalYear: 2026, code: 'ZX-004', name: '设备', category: 'goods', amountFen: yuan(3_000_000) } })).body;
    const plan = (await t.api('POST', '/api/plans', { cookie: purchaser, body: { budgetLineId: line.id, title: '设备', category: 'goods', amountFen: yuan(3_000_000) } })).body;
    const res = await t.api('POST', '/api/projects', {
      cookie: purchaser,
      body: { planId: plan.id, title: '设备采购', description: '设备一批', method: 'openTender', contactName: '赵丽', contactPhone: '021-64000000', lots: [{ title: '设备', budgetFen: yuan(3_000_000), depositFen: yuan(60_000) + 1, evaluationMethod: 'lowestPrice', sme: { measure: 'priceDeduction', deductionBp: 1000 } }] },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ruleId: 'GP-20', details: { field: 'lots.0.depositFen' } });
    expect(res.body.messages['zh-CN']).toContain('2%');
  });

  it('refuses a deadline less than 20 days after the documents, naming the earliest allowed date', async () => {
    await expect(publishProject(t, { deadline: shanghaiInstant('2026-03-22', '23:59').toISOString(), documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() })).rejects.toThrow(/GP-01.*2026-03-23|2026-03-23/s);
  });

  it('publishes the tender notice with the mandatory sections, frozen', async () => {
    p = await publishProject(t, { deadline: DEADLINE, documentsUntil: shanghaiInstant('2026-03-13', '17:00').toISOString() });
    const notices = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body;
    const tender = notices.find((n: { noticeType: string }) => n.noticeType === 'tender');
    for (const heading of ['项目概况', '一、项目基本情况', '二、申请人的资格要求', '三、获取招标文件', '四、提交投标文件截止时间、开标时间和地点', '五、公告期限', '六、其他补充事宜', '七、对本次招标提出询问'])
      expect(tender.renderedHtml).toContain(heading);
    expect(tender.renderedHtml).toContain('2026年03月23日 10:00');
    await expect(t.platform.database.db.execute(sql`update notice set title = 'changed' where id = ${tender.id}`)).rejects.toThrow();
    const project = (await t.api('GET', `/api/public/projects/${p.projectId}`)).body;
    expect(project.projectNumber).toMatch(/^310104-2026-GK-\d{4}$/);
    expect(project.ocid).toBe(`ocds-ywjy01-${project.transactionCode}`);
  });
});

describe('documents, questions and clarifications', () => {
  it('lets only suppliers that obtained the documents bid, and records who obtained them', async () => {
    const cookie = await t.signIn('supplier1');
    const key = await t.api('GET', '/api/bid-keys', { cookie });
    expect(key.status).toBe(200);
    for (const name of ['supplier1', 'supplier2', 'supplier3', 'supplier4']) bidders[name] = await prepareBidder(t, name, p.projectId);
    const downloads = (await t.api('GET', `/api/projects/${p.projectId}/downloads`, { cookie: p.agency })).body;
    expect(new Set(downloads.map((d: { supplierName: string }) => d.supplierName)).size).toBe(4);
    // EB-08: a supplier cannot see who else obtained the documents.
    expect((await t.api('GET', `/api/projects/${p.projectId}/downloads`, { cookie: bidders.supplier1!.cookie })).status).toBe(403);
  });

  it('moves the deadline when a clarification that may affect bids comes less than 15 days before it (GP-05)', async () => {
    t.clock.set(shanghaiInstant('2026-03-10', '09:00'));
    const s4 = await t.signIn('supplier4');
    const asked = await t.api('POST', `/api/projects/${p.projectId}/questions`, { cookie: s4, body: { text: '学生终端是否接受ARM架构？' } });
    expect(asked.status).toBe(201);
    const agency = await t.signIn('agency');
    const late = await t.api('POST', `/api/projects/${p.projectId}/clarifications`, { cookie: agency, body: { questionId: asked.body.id, text: '接受ARM架构，性能指标见修改后的技术参数表。', affectsBids: true } });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ ruleId: 'GP-05', details: { proposedDeadline: shanghaiInstant('2026-03-25', '10:00').toISOString() } });
    const moved = await t.api('POST', `/api/projects/${p.projectId}/clarifications`, {
      cookie: agency,
      body: { questionId: asked.body.id, text: '接受ARM架构，性能指标见修改后的技术参数表。', affectsBids: true, newDeadline: late.body.details.proposedDeadline },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.notifiedSuppliers).toBe(4);
    p.deadline = moved.body.deadline;
    const notices = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body;
    expect(notices.map((n: { noticeType: string }) => n.noticeType)).toContain('correction');
    const s1 = await t.signIn('supplier1');
    const answers = (await t.api('GET', `/api/projects/${p.projectId}/questions`, { cookie: s1 })).body;
    expect(answers[0]).toMatchObject({ answer: expect.stringContaining('ARM'), askedBy: null });
    const inbox = (await t.api('GET', '/api/inbox', { cookie: s1 })).body;
    expect(inbox.items[0].title).toContain('截止时间已顺延');
  });
});

describe('sealed bids', () => {
  it('accepts bids with signed receipts; a withdrawal and a resubmission leave the last one live', async () => {
    // The clock moved a week since the bidders signed in: their sessions have ended.
    for (const b of Object.values(bidders)) b.cookie = await t.signIn(b.username);
    receipts.supplier1 = await bid(t, bidders.supplier1!, p.lotId, 2_680_000);
    receipts.supplier2 = await bid(t, bidders.supplier2!, p.lotId, 2_750_000);
    receipts.supplier3 = await bid(t, bidders.supplier3!, p.lotId, 2_590_000);
    expect(t.platform.signer.verify(receipts.supplier1.receipt, receipts.supplier1.signature)).toBe(true);
    expect(t.platform.signer.verify({ ...receipts.supplier1.receipt, receivedAt: '2026-03-01T00:00:00.000Z' }, receipts.supplier1.signature)).toBe(false);

    const withdrawn = await t.api('DELETE', `/api/lots/${p.lotId}/bids/current`, { cookie: bidders.supplier2!.cookie });
    expect(withdrawn.status).toBe(200);
    receipts.supplier2 = await bid(t, bidders.supplier2!, p.lotId, 2_720_000, 'supplier2-second');
    const mine = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidders.supplier2!.cookie })).body;
    expect(mine.map((b: { status: string }) => b.status)).toEqual(['submitted', 'withdrawn']);
  });

  it('gives the same receipt to a retry with the same idempotency key, and refuses the key for a different bid', async () => {
    const again = await bid(t, bidders.supplier2!, p.lotId, 2_720_000, 'supplier2-second').catch((e) => e);
    // Re-sealing makes new ciphertext, so the same key now describes a different bid.
    expect(again).toBeInstanceOf(BidClientError);
    expect((again as BidClientError).body?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const upload = (await queryRows<{ id: string }>(t.platform.database.db, sql`select id from bid_upload where idempotency_key = 'supplier2-second'`))[0]!;
    const retried = await t.api('POST', `/api/bid-uploads/${upload.id}/finalize`, { cookie: bidders.supplier2!.cookie });
    expect(retried.body).toEqual(receipts.supplier2);
  });

  it('keeps nothing readable before the deadline: no plaintext price in the database or the blob store', async () => {
    const marker = String(yuan(2_680_000));
    const dump = await queryRows<{ t: string }>(t.platform.database.db, sql`select string_agg(row_to_json(b)::text, '') as t from bid b`);
    expect(dump[0]!.t).not.toContain(`"totalPriceFen":${marker}`);
    expect(dump[0]!.t).not.toContain('开标一览表'.slice(0, 0) + 'deliveryPeriod');
    const audit = await queryRows<{ t: string }>(t.platform.database.db, sql`select string_agg(coalesce(after::text,'') || coalesce(detail::text,''), '') as t from audit_entry`);
    expect(audit[0]!.t).not.toContain(marker);
    const blobsDir = path.join(t.dataDir, 'blobs');
    for (const file of fs.readdirSync(blobsDir, { recursive: true }).map(String)) {
      const full = path.join(blobsDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      expect(bytes.includes(Buffer.from(marker)), file).toBe(false);
      expect(bytes.includes(Buffer.from('supplier1-author')), file).toBe(false);
    }
  });

  /**
   * supplier4's bid started, with every chunk sent, a minute before the deadline (`upTo` stops
   * after that many bytes of the price schedule): only the finalisation or the rest is left.
   */
  async function sentBeforeDeadline(upTo?: number) {
    const deadline = new Date(p.deadline).getTime();
    t.clock.set(new Date(deadline - 60_000));
    const cookie = await t.signIn('supplier4');
    const sealed = await sealWithKeyFile({ baseUrl: t.baseUrl, headers: { cookie } }, bidders.supplier4!.keyFile, [
      { name: 'priceSchedule', fileName: '开标一览表.json', bytes: priceSchedule(p.lotId, 2_990_000, '品牌-supplier4') },
      { name: 'file-1', fileName: '响应文件.pdf', bytes: await samplePdf('Response of supplier4', 'supplier4-author') },
    ]);
    const started = await t.api('POST', `/api/lots/${p.lotId}/bid-uploads`, {
      cookie,
      body: { idempotencyKey: randomUUID(), keyId: sealed.keyId, wrappedKey: sealed.wrappedKey, parts: sealed.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })) },
    });
    expect(started.status).toBe(200);
    const uploadId: string = started.body.uploadId;
    for (const [index, part] of sealed.parts.entries()) {
      const bytes = Buffer.from(part.ciphertext.subarray(0, index === 0 && upTo !== undefined ? upTo : part.size));
      expect((await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/${index}?offset=0`, { cookie, raw: bytes })).status).toBe(200);
    }
    return { deadline, cookie, sealed, uploadId };
  }

  it('refuses a chunk written at the deadline, to the millisecond, and keeps what came before', async () => {
    const { deadline, cookie, sealed, uploadId } = await sentBeforeDeadline(100);
    t.clock.set(new Date(deadline));
    const late = await t.api('PUT', `/api/bid-uploads/${uploadId}/parts/0?offset=100`, { cookie, raw: Buffer.from(sealed.parts[0]!.ciphertext.subarray(100)) });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'BID_DEADLINE_PASSED', ruleId: 'EB-02' });
    expect((await t.api('GET', `/api/bid-uploads/${uploadId}`, { cookie })).body.parts[0].received).toBe(100);
  });

  it('refuses to finalise at the deadline though every chunk came before it, and records nothing', async () => {
    const { deadline, cookie, sealed, uploadId } = await sentBeforeDeadline();
    const bidsBefore = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie })).body;
    const submissions = async () => (await queryRows<{ n: number }>(t.platform.database.db, sql`select count(*)::int as n from audit_entry where action = 'bid.submit'`))[0]!.n;
    const submittedBefore = await submissions();
    t.clock.set(new Date(deadline));
    const late = await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'BID_DEADLINE_PASSED', ruleId: 'EB-02', details: { deadline: new Date(deadline).toISOString() } });
    expect((await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie })).body).toEqual(bidsBefore);
    expect(await submissions()).toBe(submittedBefore);
    const status = (await t.api('GET', `/api/bid-uploads/${uploadId}`, { cookie })).body;
    expect(status).toMatchObject({ status: 'open', receipt: null });
    // Refused before anything was moved into the blob store.
    for (const part of sealed.parts) expect(await t.platform.blobs.has(part.sha256)).toBe(false);
  });

  it('finalises a millisecond before the deadline an upload whose chunks came earlier, with that instant on the receipt', async () => {
    const { deadline, cookie, uploadId } = await sentBeforeDeadline();
    t.clock.set(new Date(deadline - 1));
    const justInTime = await t.api('POST', `/api/bid-uploads/${uploadId}/finalize`, { cookie });
    expect(justInTime.status).toBe(200);
    expect(justInTime.body.receipt.receivedAt).toBe(new Date(deadline - 1).toISOString());
    // Withdrawn again: the opening below has the three bids above.
    expect((await t.api('DELETE', `/api/lots/${p.lotId}/bids/current`, { cookie })).status).toBe(200);
  });

  it('refuses a bid at the deadline to the millisecond, and accepts one a millisecond before', async () => {
    const deadline = new Date(p.deadline).getTime();
    t.clock.set(new Date(deadline - 60_000));
    bidders.supplier4!.cookie = await t.signIn('supplier4');
    t.clock.set(new Date(deadline - 1));
    const justInTime = await bid(t, bidders.supplier4!, p.lotId, 2_990_000);
    expect(justInTime.receipt.receivedAt).toBe(new Date(deadline - 1).toISOString());
    expect((await t.api('DELETE', `/api/lots/${p.lotId}/bids/current`, { cookie: bidders.supplier4!.cookie })).status).toBe(200);
    t.clock.set(new Date(deadline));
    const late = await bid(t, bidders.supplier4!, p.lotId, 2_990_000).catch((e) => e);
    expect(late).toBeInstanceOf(BidClientError);
    expect((late as BidClientError).body).toMatchObject({ code: 'BID_DEADLINE_PASSED', ruleId: 'EB-02' });
  });
});

describe('the online opening', () => {
  it('starts on its own at the deadline; prices appear once every bidder has decrypted', async () => {
    expect(await t.jobs.runDue()).toBeGreaterThan(0);
    p.agency = await t.signIn('agency');
    for (const b of Object.values(bidders)) b.cookie = await t.signIn(b.username);
    const room = (await t.api('GET', `/api/lots/${p.lotId}/opening`, { cookie: p.agency })).body;
    expect(room.opening.status).toBe('decrypting');
    expect(room.entries).toHaveLength(3);

    // Someone else's key opens nothing.
    const wrong = await t.api('POST', `/api/lots/${p.lotId}/bids/${receipts.supplier1!.receipt.bidId}/decryption`, {
      cookie: bidders.supplier1!.cookie,
      body: { contentKey: await unwrapContentKey(bidders.supplier3!.keyPair.privateKey, (await myBid('supplier3')).wrappedKey).catch(() => 'A'.repeat(43) + '=') },
    });
    expect(wrong.status).toBe(422);

    for (const name of ['supplier1', 'supplier2'] as const) {
      const mine = await myBid(name);
      const res = await t.api('POST', `/api/lots/${p.lotId}/bids/${mine.id}/decryption`, { cookie: bidders[name]!.cookie, body: { contentKey: await unwrapContentKey(bidders[name]!.keyPair.privateKey, mine.wrappedKey) } });
      expect(res.body.status).toBe('decrypted');
    }
    const halfway = (await t.api('GET', `/api/lots/${p.lotId}/opening`, { cookie: bidders.supplier1!.cookie })).body;
    expect(halfway.entries.every((e: { totalPriceFen: number | null }) => e.totalPriceFen === null)).toBe(true);

    const mine3 = await myBid('supplier3');
    await t.api('POST', `/api/lots/${p.lotId}/bids/${mine3.id}/decryption`, { cookie: bidders.supplier3!.cookie, body: { contentKey: await unwrapContentKey(bidders.supplier3!.keyPair.privateKey, mine3.wrappedKey) } });
    const record = (await t.api('GET', `/api/public/lots/${p.lotId}/opening`)).body;
    expect(record.opening.status).toBe('closed');
    expect(Object.fromEntries(record.entries.map((e: { supplierName: string; totalPriceFen: number }) => [e.supplierName, e.totalPriceFen]))).toEqual({
      上海申联信息科技有限公司: yuan(2_680_000),
      上海浦江数据服务有限公司: yuan(2_720_000),
      上海华东智能设备股份有限公司: yuan(2_590_000),
    });
    // The documents are stored, and their metadata read, by a job after each answer.
    expect(await t.jobs.runDue()).toBeGreaterThanOrEqual(3);
    const [metadata] = await queryRows<{ plaintext_parts: { name: string; metadata: { author: string; creator: string } }[] }>(t.platform.database.db, sql`select plaintext_parts from bid where id = ${receipts.supplier1!.receipt.bidId}`);
    expect(metadata!.plaintext_parts.find((x) => x.name === 'file-1')!.metadata).toMatchObject({ author: 'supplier1-author', creator: 'WPS Office' });
  });

  it('is signed off by the bidders, objections recorded, and becomes a PDF on the project', async () => {
    expect((await t.api('POST', `/api/lots/${p.lotId}/opening/signoffs`, { cookie: bidders.supplier1!.cookie, body: { agreed: true } })).status).toBe(200);
    expect((await t.api('POST', `/api/lots/${p.lotId}/opening/signoffs`, { cookie: bidders.supplier2!.cookie, body: { agreed: false } })).status).toBe(422);
    expect((await t.api('POST', `/api/lots/${p.lotId}/opening/signoffs`, { cookie: bidders.supplier2!.cookie, body: { agreed: false, objection: '对供应商3的报价有异议' } })).status).toBe(200);
    expect((await t.api('POST', `/api/lots/${p.lotId}/opening/signoffs`, { cookie: bidders.supplier4!.cookie, body: { agreed: true } })).status).toBe(404);
    expect((await t.api('POST', `/api/lots/${p.lotId}/opening/finalization`, { cookie: p.agency })).status).toBe(200);
    await t.jobs.runDue();
    const record = (await t.api('GET', `/api/public/lots/${p.lotId}/opening`)).body;
    expect(record.opening.recordSha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await t.api('GET', `/api/public/lots/${p.lotId}/opening/record.pdf`);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const notice = (await t.api('GET', `/api/public/projects/${p.projectId}/notices`)).body.find((n: { noticeType: string }) => n.noticeType === 'openingRecord');
    expect(notice.renderedHtml).toContain('异议：对供应商3的报价有异议');
  });
});

async function myBid(name: string) {
  const bids = (await t.api('GET', `/api/projects/${p.projectId}/my-bids`, { cookie: bidders[name]!.cookie })).body;
  return bids.find((b: { status: string }) => b.status === 'submitted' || b.status === 'decrypted');
}
