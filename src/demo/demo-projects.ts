import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { actorFor, entityNames } from '../identity';
import { addCalendarDays, CalendarNotCoveredError, shanghaiDate, shanghaiInstant, type LocalDate, type WorkingDayCalendar } from '../platform/calendar/calendar';
import { loadCalendar } from '../platform/calendar/calendar.store';
import { ManualClock, DAY, MINUTE } from '../platform/clock';
import { answerTheChallenge, challengeTheDocuments, challengeTheResult, complainAndAccept, objectToTheCandidates } from './demo-cases';
import type { Context, Platform } from '../platform/context';
import { JobRunner } from '../platform/jobs/jobs';
import { tradingJobs } from '../trading';
import { createBudgetLine } from '../trading/budget/budget';
import { registerBidKey } from '../trading/bids/bid-keys';
import { finalizeUpload, myBids, startUpload, writeChunk } from '../trading/bids/bid-uploads';
import { generateBidKeyPair, protectKeyPair, sealBid, unlockKeyFile, unwrapContentKey, type BidKeyFile } from '../trading/bids/sealing';
import { publishTender } from '../trading/notice/publish-tender';
import { decryptBid, signOpeningRecord } from '../trading/opening/opening';
import { createPlan, publishIntention } from '../trading/plan/plan';
import { downloadDocument, listDocuments, uploadDocument } from '../trading/project/documents';
import { createProject, lotsOf } from '../trading/project/project';
import { fileObjection, publishSingleSourcePublicity } from '../trading/publicity/publicity';
import { acknowledgeChange, callFinalOffers, confirmChange, giveFinalOffer, proposeChange } from '../trading/rounds/rounds';
import { admitSuppliers, placeOrder, submitOffer } from '../trading/framework/framework';
import { addMonths } from '../trading/framework/framework.rules';
import { servicesJobs } from '../services';
import { myAssignments, requestCommittee, respondToDraw } from '../services/experts/sampling';
import { confirmWinner, sendReport } from '../trading/award/award';
import { draftContract, recordAcceptance, reviewPerformance, signContract } from '../trading/contract/contract';
import { evaluationSheet, saveSheet, signReport, submitSheet } from '../trading/evaluation/evaluation';
import { evaluationReport } from '../trading/evaluation/evaluation.schema';
import { DEMO_ACCOUNTS, DEMO_EXPERTS, DEMO_PASSWORD } from './demo-accounts';
import { REDFLAGS_LOT_JOB, redFlagsLotHandler } from '../supervision/redflags/redflags';
import { seedPendingFinancing } from './demo-financing';
import { seedDemoPayments, seedRegisteredWorksContract } from './demo-payments';
import { demoApiKey } from '../identity/api-keys/api-keys';
import { openVirtualAccount, receiveBankNotice } from '../money/deposits/deposits';

/**
 * Demo projects at every stage, made through the platform's own use cases on a demo clock that
 * starts weeks ago and ends now: an intention, a draft, a tender open for bids, one whose
 * deadline passes a few minutes after start (with three sealed bids, so a newcomer can watch
 * and join the opening), an opened one, a failed one, one under evaluation right now (its
 * experts can sign in and evaluate) and one carried through award and contract to acceptance; and the two publicities:
 * a single-source project whose publicity runs with an objection filed, and the road authority's works tender whose
 * candidates are publicised with an objection to answer. The demo suppliers' bid key files are written to
 * <dataDir>/demo-keys (passphrase: the demo password).
 */
export const DEMO_OPENING_MINUTES = 5;

async function pdf(title: string, author: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setCreator('Microsoft Word');
  doc.addPage([595, 842]).drawText(title.replace(/[^\x20-\x7e]/g, ''), { x: 50, y: 780, size: 14 });
  return Buffer.from(await doc.save());
}

/** The highway-maintenance works tender of the road authority (上海市公路事务中心), under the Bidding Law. */
const ROAD_WORKS = '市管公路（龙吴路段）日常养护工程';
/** The demo's request for quotations (询价): standard goods, one price per supplier (RQ-02). */
const RFQ_PAPER = '区属学校复印纸询价采购';
const NEGOTIATION_FIREWALLS = '区教育城域网下一代防火墙应急采购';

/** What each demo project buys: the main product and how many; works name no brand, and the rest of the price is their other work. */
const PRODUCTS: Record<string, { name: string; quantity: number; rest?: string; works?: true; period?: string }> = {
  徐汇区中小学智慧黑板采购: { name: '智慧黑板', quantity: 120 },
  区教育局录播教室设备采购: { name: '全自动录播系统', quantity: 12 },
  徐汇区中小学教室照明改造灯具采购: { name: 'LED教室护眼灯', quantity: 2000 },
  区属幼儿园交互式教学一体机采购: { name: '交互式教学一体机', quantity: 150 },
  区教育局录播系统核心软件升级采购: { name: '录播系统核心软件升级许可', quantity: 12 },
  中小学创客实验室设备采购: { name: '创客实验室设备', quantity: 30 },
  徐汇区中小学校园广播系统升级采购: { name: '数字广播教室终端', quantity: 960, rest: '前端设备及分区功放' },
  区属学校办公用品框架协议采购: { name: '办公用品（复印纸、文具、耗材）', quantity: 1000, period: '订单下达后7日内' },
  [NEGOTIATION_FIREWALLS]: { name: '下一代防火墙', quantity: 4, rest: '原厂安装调试及三年特征库升级', period: '合同签订后10日内' },
  [RFQ_PAPER]: { name: 'A4复印纸（70g，500张/包）', quantity: 20000, rest: '分批配送至各校', period: '合同签订后7日内首批送货' },
  [ROAD_WORKS]: { name: '路面、桥涵及附属设施日常养护（按月计量）', quantity: 12, rest: '应急抢修及安全文明施工措施费', works: true, period: '365日历天' },
};
const BRANDS = ['申联', '浦江', '华东', '中远'];
/** The demo's supplier accounts; the bid key files on disk carry their names. */
const SUPPLIER_ACCOUNTS = ['supplier1', 'supplier2', 'supplier3', 'supplier4', 'supplier-road'] as const;
const ROAD_CONTRACTOR = SUPPLIER_ACCOUNTS.indexOf('supplier-road');

/** A bidder's item lines (开标一览表): the product at its unit price, and installation (or the works' other items) for the rest. */
function priceItems(bidder: number, title: string, totalFen: number) {
  const { name, quantity, rest, works } = PRODUCTS[title]!;
  const unitPriceFen = Math.floor((totalFen * 0.9) / quantity / 100) * 100;
  const install = totalFen - unitPriceFen * quantity;
  const brand = works ? null : BRANDS[bidder]!;
  return [
    { name, brand, model: brand && `${brand}-${2026 + bidder}`, quantity, unitPriceFen, totalFen: unitPriceFen * quantity },
    { name: rest ?? '安装调试及三年质保', brand: null, model: null, quantity: 1, unitPriceFen: install, totalFen: install },
  ];
}

/** The working day `n` working days before `date` (the calendar counts forward only). */
function workingDaysBefore(calendar: WorkingDayCalendar, date: LocalDate, n: number): LocalDate {
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addCalendarDays(d, -1);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

/** The device fingerprint supplier2 and supplier3 share in the demo's planted collusion. */
export const RING_DEVICE = 'demo-device-7F3A-shared';

export async function seedDemoProjects(platform: Platform, options: { payments?: boolean } = {}): Promise<{ keyDir: string; openingAt: Date } | null> {
  const now = platform.clock.now();
  const clock = new ManualClock(now.getTime() - 75 * DAY);
  const demo: Platform = { ...platform, clock };
  const db = platform.database.db;
  // Each demo organisation works from its own office network, so no IP is shared by accident (CL-11);
  // the accounts not listed for newcomers (the road authority's, its contractor's, the experts beyond the first) get theirs above the listed ones.
  const offices = [...DEMO_ACCOUNTS.map((a) => a.username as string), 'purchaser-road', 'supplier-road'];
  const office = (username: string) => (offices.includes(username) ? 10 + offices.indexOf(username) : 100 + (DEMO_EXPERTS.findIndex((e) => e.username === username) + 1));
  const as = async (username: string): Promise<Context> => ({ platform: demo, actor: await actorFor(db, username), ip: `203.0.113.${office(username)}`, userAgent: 'demo-data' });
  const purchaser = await as('purchaser');
  const agency = await as('agency');
  const suppliers = await Promise.all(SUPPLIER_ACCOUNTS.map(as));

  // Each demo supplier's bid key: the key file goes to disk for the newcomer (readable by the
  // platform's user only; files left from an earlier demo database match no key and go), the
  // public key to the platform.
  const keyDir = path.join(platform.config.dataDir, 'demo-keys');
  await fs.rm(keyDir, { recursive: true, force: true });
  await fs.mkdir(keyDir, { recursive: true, mode: 0o700 });
  const keys: { id: string; file: BidKeyFile }[] = [];
  for (const [i, ctx] of suppliers.entries()) {
    const pair = await generateBidKeyPair();
    const file: BidKeyFile = await protectKeyPair(pair, DEMO_PASSWORD);
    await fs.writeFile(path.join(keyDir, `${SUPPLIER_ACCOUNTS[i]}.key.json`), JSON.stringify(file, null, 2), { mode: 0o600 });
    const registered = await registerBidKey(ctx, { algorithm: 'RSA-OAEP-SHA256', publicKey: file.publicKey });
    keys.push({ id: registered.id, file });
  }

  const line = await createBudgetLine(purchaser, { fiscalYear: Number(shanghaiDate(now).slice(0, 4)), code: 'XH-JY-2026-018', name: '教育信息化与设备更新专项', category: 'goods', amountFen: 50_000_000_00 });
  // The road authority (purchaser-road) tenders its highway maintenance through the demo agency.
  const roadAuthority = await as('purchaser-road');
  const roadLine = await createBudgetLine(roadAuthority, { fiscalYear: Number(shanghaiDate(now).slice(0, 4)), code: 'SH-GL-2026-007', name: '市管公路养护专项资金', category: 'works', amountFen: 20_000_000_00 });

  /**
   * A plan and its intention, published when the demo starts, at least 30 days before its procurement starts (GP-08):
   * the education bureau's goods unless another purchaser's budget line is given.
   */
  async function plan(title: string, budgetYuan: number, startsAt: Date, of: { by: Context; line: { id: string }; category: 'goods' | 'works'; summary: string } = { by: purchaser, line, category: 'goods', summary: `${title}，满足区内中小学教学需要` }) {
    const row = await createPlan(of.by, { budgetLineId: of.line.id, title, category: of.category, amountFen: budgetYuan * 100, importProducts: false });
    await publishIntention(of.by, row.id, { summary: of.summary, expectedMonth: shanghaiDate(startsAt).slice(0, 7), smeOnly: false });
    return { ...row, budgetYuan, by: of.by };
  }

  type Lot = Parameters<typeof createProject>[1]['lots'][number];
  const SCORING: Pick<Lot, 'evaluationMethod' | 'criteria'> = {
    evaluationMethod: 'scoring',
    criteria: [
      { name: '价格', weight: 30, isPrice: true },
      { name: '技术', weight: 50, isPrice: false },
      { name: '商务', weight: 20, isPrice: false },
    ],
  };

  /** The project of a plan, entrusted to the demo agency, with its documents: an open tender unless told otherwise. */
  async function project(
    { id: planId, title, budgetYuan, by }: Awaited<ReturnType<typeof plan>>,
    how: { method?: 'openTender' | 'singleSource' | 'consultation' | 'framework' | 'rfq' | 'negotiation'; methodJustification?: string; singleSourceSupplierEntityId?: string; description?: string; lot?: Partial<Lot>; documents?: string } = {},
  ) {
    const p = await createProject(by, {
      planId,
      title,
      description: how.description ?? `${title}。具体技术要求详见招标文件。`,
      method: how.method ?? 'openTender',
      methodJustification: how.methodJustification ?? null,
      ...(how.singleSourceSupplierEntityId ? { singleSourceSupplierEntityId: how.singleSourceSupplierEntityId, singleSourceGround: 'soleSupplier' as const } : {}),
      prequalification: false,
      agencyEntityId: agency.actor!.entityId,
      contactName: '孙强',
      contactPhone: '021-62880000',
      lots: [{ title, budgetFen: budgetYuan * 100, depositFen: Math.floor((budgetYuan * 100) / 50), ...SCORING, sme: { measure: 'priceDeduction', deductionBp: 1000 }, ...how.lot }],
    });
    await uploadDocument(agency, p.id, how.documents ?? '招标文件', await pdf(title, '上海申远招标代理有限公司'));
    return p;
  }

  const GOODS_TERMS = { contractPeriod: '合同签订后60日内交付并安装调试完毕', qualifications: ['满足《中华人民共和国政府采购法》第二十二条规定', '具备相关产品的生产或供货能力'] };
  async function publish(p: Awaited<ReturnType<typeof project>>, deadline: Date, terms = GOODS_TERMS) {
    const calendar = await loadCalendar(db);
    const documentsUntil = shanghaiInstant(calendar.addWorkingDays(shanghaiDate(clock.now()), 6), '17:00');
    await publishTender(agency, p.id, { revision: p.revision, deadline: deadline.toISOString(), documentsUntil: documentsUntil.toISOString(), decryptionWindowMinutes: 30, consortiumAllowed: false, ...terms });
  }

  /** Bidders pay their deposits into their own sub-accounts, notified as the demo bank's adapter notifies them. */
  async function payDeposits(lotId: string, payments: (readonly [number, number])[]) {
    const bank = await demoApiKey(db, platform.sealer, 'bank');
    if (!bank) return;
    const bankCtx: Context = { platform: demo, actor: null, ip: '127.0.0.1', userAgent: 'demo-bank' };
    const names = await entityNames(db, suppliers.map((s) => s.actor!.entityId));
    for (const [i, paidFen] of payments) {
      const account = await openVirtualAccount(suppliers[i]!, lotId);
      clock.set(clock.now().getTime() + 3 * 60 * MINUTE);
      await receiveBankNotice(bankCtx, bank.entityId, {
        virtualAccount: account.virtualAccount!.accountNumber,
        amountFen: paidFen,
        reference: `DEMO-${shanghaiDate(clock.now()).replace(/-/g, '')}-${lotId.slice(0, 4)}-${i + 1}`,
        valueTime: clock.now().toISOString(),
        payerAccountName: names.get(suppliers[i]!.actor!.entityId)!,
        payerAccountNumber: `6222 0210 0100 000${i + 1}`,
      });
    }
  }

  /** `device`: the computer the bid is sealed on; the planted collusion shares one between two suppliers (CL-01). */
  async function bid(i: number, p: { id: string; title: string }, lotId: string, totalYuan: number, depositForm: 'guarantee' | 'transfer' = 'guarantee', device = `demo-device-${i + 1}`) {
    const ctx = suppliers[i]!;
    const docs = await listDocuments(db, ctx, p.id);
    await downloadDocument(ctx, p.id, docs[0]!.id);
    const schedule = { lotId, totalPriceFen: totalYuan * 100, deliveryPeriod: PRODUCTS[p.title]!.period ?? '合同签订后45日', items: priceItems(i, p.title, totalYuan * 100), deposit: depositForm === 'guarantee' ? { form: 'guarantee', reference: `BH2026${1000 + i}` } : { form: 'transfer', reference: null } };
    const sealed = await sealBid(keys[i]!.file.publicKey, [
      { name: 'priceSchedule', fileName: '开标一览表.json', bytes: new TextEncoder().encode(JSON.stringify(schedule)) as Uint8Array<ArrayBuffer> },
      { name: 'file-1', fileName: '响应文件.pdf', bytes: new Uint8Array(await pdf('Response', `supplier${i + 1}`)) },
    ]);
    const upload = await startUpload(ctx, lotId, {
      idempotencyKey: `demo-${p.id}-${i}`,
      keyId: keys[i]!.id,
      wrappedKey: sealed.wrappedKey,
      parts: sealed.parts.map(({ name, fileName, size, sha256, iv }) => ({ name, fileName, size, sha256, iv })),
      deviceFingerprint: device,
    });
    for (const [index, part] of sealed.parts.entries()) await writeChunk(ctx, upload.uploadId, index, 0, { body: Readable.from([Buffer.from(part.ciphertext)]), length: part.size });
    const receipt = await finalizeUpload(ctx, upload.uploadId);
    bidOwners.set(receipt.receipt.bidId, ctx.actor!.entityId);
  }

  const lotReport = async (projectId: string) => {
    const [l] = await lotsOf(db, projectId);
    const [row] = await db.select().from(evaluationReport).where(eq(evaluationReport.lotId, l!.id));
    return row!.result;
  };
  const bidOwners = new Map<string, string>();

  async function decrypt(i: number, projectId: string, lotId: string) {
    const ctx = suppliers[i]!;
    const mine = (await myBids(ctx, projectId)).find((b) => b.status === 'submitted' && b.lotId === lotId)!;
    const privateKey = await unlockKeyFile(keys[i]!.file, DEMO_PASSWORD);
    await decryptBid(ctx, lotId, mine.id, await unwrapContentKey(privateKey, mine.wrappedKey));
  }
  const jobs = new JobRunner(demo, { ...tradingJobs(demo), ...servicesJobs(demo), [REDFLAGS_LOT_JOB]: redFlagsLotHandler(demo) });
  const experts = await Promise.all(DEMO_EXPERTS.map((e) => as(e.username)));

  /** The agency draws a committee of the speciality (IT equipment unless told); the first drawn expert declines (a redraw follows), the others confirm. */
  async function committee(p: { id: string }, startsAt: Date, endsAt: Date, specialities = ['A02'], size = 5, representatives: Context[] = []) {
    await requestCommittee(agency, p.id, { size, experts: size - representatives.length, purchaserRepresentativeIds: representatives.map((r) => r.actor!.personId), specialities, complex: false, evaluationStartsAt: startsAt.toISOString(), evaluationEndsAt: endsAt.toISOString() });
    let declined = false;
    for (let round = 0; round < 2; round++)
      for (const ctx of experts) {
        const invitation = (await myAssignments(ctx)).find((a) => a.projectId === p.id && a.memberStatus === 'drawn');
        if (!invitation) continue;
        await respondToDraw(ctx, p.id, declined ? { accept: true } : { accept: false, reason: '当日在外地出差' });
        declined = true;
      }
    return (await Promise.all(experts.map(async (ctx) => ((await myAssignments(ctx)).some((a) => a.projectId === p.id && a.memberStatus === 'confirmed') ? ctx : null)))).filter((x): x is Context => x !== null);
  }

  /** Each member passes every bid and scores it (the points differ a little between members). */
  async function evaluate(p: { id: string }, lotId: string, members: Context[], dissent: string | null) {
    for (const [m, ctx] of members.entries()) {
      const sheet = (await evaluationSheet(ctx, p.id)).lots[0]!;
      // Points by supplier, not by the sheet's order (which follows random ids): every demo has the same winner.
      const supplierNo = (bidId: string) => suppliers.findIndex((s) => s.actor!.entityId === bidOwners.get(bidId));
      await saveSheet(ctx, p.id, lotId, {
        reviews: sheet.bids.flatMap((b) => (['qualification', 'compliance'] as const).map((criterion) => ({ bidId: b.bidId, criterion, passed: true }))),
        scores: sheet.bids.flatMap((b) => [
          { bidId: b.bidId, criterion: '技术', points: 38 + ((supplierNo(b.bidId) * 3 + m) % 7) },
          { bidId: b.bidId, criterion: '商务', points: 14 + ((supplierNo(b.bidId) + m) % 4) },
        ]),
      });
      await submitSheet(ctx, p.id, lotId);
    }
    for (const [m, ctx] of members.entries()) await signReport(ctx, p.id, lotId, m === members.length - 1 && dissent ? { agreed: false, dissent } : { agreed: true });
  }

  try {
    // 75 days ago the purchaser publishes the intentions of its plans.
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const plans = {
      opened: await plan('徐汇区中小学智慧黑板采购', 2_400_000, ago(40)),
      failed: await plan('区教育局录播教室设备采购', 2_600_000, ago(40)),
      done: await plan('徐汇区中小学教室照明改造灯具采购', 2_300_000, ago(40)),
      evaluating: await plan('区属幼儿园交互式教学一体机采购', 2_500_000, ago(40)),
      soon: await plan('中小学创客实验室设备采购', 3_600_000, ago(30)),
      open: await plan('区属学校教学用计算机采购', 4_800_000, ago(2)),
      draft: await plan('中小学图书馆自助借还设备采购', 2_900_000, now),
      singleSource: await plan('徐汇区教育城域网核心交换设备扩容采购', 2_280_000, ago(5)),
      consultation: await plan('徐汇区中小学校园广播系统升级采购', 2_200_000, ago(40)),
      framework: await plan('区属学校办公用品框架协议采购', 2_400_000, ago(35)),
      negotiating: await plan('区教育局录播系统核心软件升级采购', 1_500_000, ago(40)),
      rfq: await plan(RFQ_PAPER, 600_000, ago(2)),
      negotiation: await plan(NEGOTIATION_FIREWALLS, 1_200_000, ago(2)),
      roadWorks: await plan(ROAD_WORKS, 3_800_000, ago(30), { by: roadAuthority, line: roadLine, category: 'works', summary: '龙吴路（市管段）路面、桥涵及附属设施日常养护，养护期一年' }),
    };

    // Published 40 days ago: one to be opened 8 days ago (record signed), one failed for want of
    // bidders (GP-33), one carried through to acceptance, one whose evaluation is open right now.
    clock.set(ago(40));
    const opened = await project(plans.opened);
    const openedDeadline = shanghaiInstant(addCalendarDays(shanghaiDate(now), -8), '09:30');
    await publish(opened, openedDeadline);
    const [openedLot] = await lotsOf(db, opened.id);
    // Planted collusion: supplier2 and supplier3 seal their bids on the same computer here and on
    // the evaluating project (CL-01); the lighting project's competition is honest.
    await bid(0, opened, openedLot!.id, 2_268_000);
    await bid(1, opened, openedLot!.id, 2_315_500, 'guarantee', RING_DEVICE);
    await bid(2, opened, openedLot!.id, 2_199_000, 'guarantee', RING_DEVICE);
    const failed = await project(plans.failed);
    await publish(failed, shanghaiInstant(addCalendarDays(shanghaiDate(now), -7), '14:00'));
    const [failedLot] = await lotsOf(db, failed.id);
    await bid(3, failed, failedLot!.id, 1_750_000);

    const done = await project(plans.done);
    const doneDeadline = shanghaiInstant(addCalendarDays(shanghaiDate(now), -17), '09:30');
    await publish(done, doneDeadline);
    const [doneLot] = await lotsOf(db, done.id);
    await bid(0, done, doneLot!.id, 2_196_000, 'transfer');
    await bid(1, done, doneLot!.id, 2_212_300, 'transfer');
    await bid(2, done, doneLot!.id, 2_155_000, 'transfer');
    // Paid in full by transfer: the award notice refunds the two losers and the signed contract the winner (GP-22, GP-23).
    await payDeposits(doneLot!.id, [[0, doneLot!.depositFen], [1, doneLot!.depositFen], [2, doneLot!.depositFen]]);
    const doneMembers = await committee(done, new Date(doneDeadline.getTime() + 60 * MINUTE), new Date(doneDeadline.getTime() + 8 * 60 * MINUTE));

    const evaluating = await project(plans.evaluating);
    const evaluatingDeadline = shanghaiInstant(addCalendarDays(shanghaiDate(now), -1), '09:30');
    await publish(evaluating, evaluatingDeadline);
    const [evaluatingLot] = await lotsOf(db, evaluating.id);
    await bid(0, evaluating, evaluatingLot!.id, 2_388_000);
    await bid(1, evaluating, evaluatingLot!.id, 2_450_000, 'guarantee', RING_DEVICE);
    await bid(2, evaluating, evaluatingLot!.id, 2_336_500, 'guarantee', RING_DEVICE);
    await committee(evaluating, new Date(now.getTime() - 60 * MINUTE), new Date(now.getTime() + 8 * 60 * MINUTE));
    // A consultation (竞争性磋商) with the same deadline, whose panel sits now too (its rounds are below).
    const consultation = await project(plans.consultation, { method: 'consultation', description: '为区内32所中小学升级校园数字广播系统，含前端设备、分区功放及教室终端，安装调试与三年维保。具体要求详见磋商文件。', documents: '磋商文件' });
    await publish(consultation, evaluatingDeadline);
    const [consultationLot] = await lotsOf(db, consultation.id);
    for (const [i, price] of [[0, 2_080_000], [2, 2_126_000], [3, 2_150_000]] as const) await bid(i, consultation, consultationLot!.id, price);
    // A panel of three (CS-03): two experts and the purchaser's representative, who confirms the panel's changes (CS-05).
    const consultationPanel = await committee(consultation, new Date(now.getTime() - 60 * MINUTE), new Date(now.getTime() + 8 * 60 * MINUTE), ['A03'], 3, [purchaser]);

    // A single-source purchase below the open-tender threshold (no publicity, DS-01) from the recording system's
    // maker, supplier1: its response was opened yesterday with the evaluating project's, and its two negotiators
    // (the method's panel, SS-05) have its negotiation record to write today (协商情况记录).
    const negotiating = await project(plans.negotiating, {
      method: 'singleSource',
      singleSourceSupplierEntityId: suppliers[0]!.actor!.entityId,
      methodJustification: '区内12间录播教室的录播系统核心软件及加密模块为原厂专有，升级许可只能由原厂授予（政府采购法第三十一条第一项）',
      description: '区教育局12间录播教室录播系统核心软件升级许可及原厂技术服务一年。',
      lot: { evaluationMethod: 'lowestPrice', criteria: [], depositFen: 0, sme: { measure: 'none', notSuitableReason: '升级许可只能由录播系统原厂授予，不宜专门面向中小企业' } },
      documents: '单一来源采购文件',
    });
    await publish(negotiating, evaluatingDeadline);
    const [negotiatingLot] = await lotsOf(db, negotiating.id);
    await bid(0, negotiating, negotiatingLot!.id, 1_460_000);
    await requestCommittee(agency, negotiating.id, { size: 2, experts: 2, purchaserRepresentativeIds: [], specialities: ['A02'], complex: false, evaluationStartsAt: new Date(now.getTime() - 60 * MINUTE).toISOString(), evaluationEndsAt: new Date(now.getTime() + 8 * 60 * MINUTE).toISOString() });
    for (const ctx of experts) if ((await myAssignments(ctx)).some((a) => a.projectId === negotiating.id && a.memberStatus === 'drawn')) await respondToDraw(ctx, negotiating.id, { accept: true });

    // The one a newcomer watches: deadline a few minutes after start, three sealed bids.
    clock.set(now.getTime() - 30 * DAY);
    const soon = await project(plans.soon);
    const openingAt = new Date(Math.ceil((now.getTime() + DEMO_OPENING_MINUTES * MINUTE) / MINUTE) * MINUTE);
    await publish(soon, openingAt);
    const [soonLot] = await lotsOf(db, soon.id);
    await bid(0, soon, soonLot!.id, 3_420_000, 'transfer');
    await bid(1, soon, soonLot!.id, 3_388_800, 'transfer');
    await bid(2, soon, soonLot!.id, 3_505_000, 'transfer');
    // Its bidders pay their deposits by transfer into their own sub-accounts: two in full, one short,
    // so the opening shows each status (GP-21).
    await payDeposits(soonLot!.id, [[0, soonLot!.depositFen], [1, soonLot!.depositFen], [2, soonLot!.depositFen - 200_000]]);

    // 17 days ago: opening, evaluation (one dissent), award, contract signed by both.
    clock.set(doneDeadline.getTime() + 5 * MINUTE);
    await jobs.runDue();
    for (const i of [0, 1, 2]) await decrypt(i, done.id, doneLot!.id);
    clock.set(doneDeadline.getTime() + 61 * MINUTE);
    await jobs.runDue(); // the evaluation starts
    await evaluate(done, doneLot!.id, doneMembers, '第1名投标人的商务响应存在偏离，得分应核减');
    clock.set(doneDeadline.getTime() + DAY);
    await sendReport(agency, done.id, doneLot!.id);
    clock.set(doneDeadline.getTime() + 2 * DAY);
    const awarded = await confirmWinner(purchaser, done.id, doneLot!.id, { bidId: (await lotReport(done.id)).candidates[0]! });
    const winner = suppliers.find((s) => s.actor!.entityId === bidOwners.get(awarded.winnerBidId!))!;
    const price = (await lotReport(done.id)).bids.find((b) => b.bidId === awarded.winnerBidId)!.priceFen;
    // A losing bidder challenges the result; the agency answers the next day, so the contract may be drafted.
    const loser = suppliers.slice(0, 3).find((s) => s !== winner)!; // suppliers 1-3 bid on it
    clock.set(doneDeadline.getTime() + 3 * DAY);
    const challenged = await challengeTheResult(loser, done.id);
    clock.set(doneDeadline.getTime() + 4 * DAY);
    await answerTheChallenge(agency, challenged);
    clock.set(doneDeadline.getTime() + 5 * DAY);
    const drafted = await draftContract(agency, done.id, doneLot!.id, {
      milestones: [
        { name: '到货安装', amountFen: Math.round(price * 0.7), acceptanceCriteria: '全部灯具到货并安装完毕，照度检测达标', dueDate: addCalendarDays(shanghaiDate(now), -6) },
        { name: '终验', amountFen: price - Math.round(price * 0.7), acceptanceCriteria: '试运行5日无故障', dueDate: addCalendarDays(shanghaiDate(now), -3) },
      ],
      performancePeriod: '合同签订后10日内交付安装',
      performancePlace: '徐汇区各中小学',
      // 验收合格后10日内付款: the first milestone's term runs out before the demo's today (PAY-01).
      paymentTermDays: 10,
      terms: '按招标文件所附合同条款执行。',
    });
    const signedOnce = await signContract(winner, drafted.id, { revision: drafted.revision });
    await signContract(purchaser, drafted.id, { revision: signedOnce.revision });
    // The challenger complains to the district's finance department, which accepts it: the agency is to answer, the department to decide.
    clock.set(doneDeadline.getTime() + 6 * DAY);
    await complainAndAccept(loser, await as('supervisor-xh'), challenged.id, clock, doneDeadline.getTime() + 8 * DAY);

    // 8 and 7 days ago: the other two openings.
    clock.set(openedDeadline.getTime() + 5 * MINUTE); // inside the 30-minute decryption window
    await jobs.runDue();
    for (const i of [0, 1, 2]) await decrypt(i, opened.id, openedLot!.id);
    for (const i of [0, 2]) await signOpeningRecord(suppliers[i]!, openedLot!.id, { agreed: true });
    await signOpeningRecord(suppliers[1]!, openedLot!.id, { agreed: false, objection: '对第3名投标人的交货期承诺有异议，请评标委员会核实' });
    clock.set(now.getTime() - 7 * DAY + 6 * 60 * MINUTE);
    await jobs.runDue();

    // The contract's two milestones are accepted, which unlocks their payment; the purchaser rates the supplier.
    clock.set(now.getTime() - 11 * DAY);
    await recordAcceptance(purchaser, drafted.id, { milestoneNo: 1, result: 'pass', findings: '到货安装完成，抽检照度符合要求', members: ['赵丽', '学校总务主任'] });
    clock.set(now.getTime() - 3 * DAY);
    const accepted = await recordAcceptance(purchaser, drafted.id, { milestoneNo: 2, result: 'pass', findings: '试运行正常', members: ['赵丽', '学校总务主任'] });
    await jobs.runDue(); // the accepted lamps go to the asset-management system as new assets, awaiting its card numbers
    await reviewPerformance(purchaser, drafted.id, { ratings: { quality: 5, delivery: 4, service: 5 }, comment: '按期交付，安装规范' });
    // Two days ago the supplier began invoicing (seed 000): applications at every desk.
    clock.set(now.getTime() - 2 * DAY);
    if (options.payments !== false) {
      await seedDemoPayments(as, clock, accepted, `supplier${suppliers.indexOf(winner) + 1}`);
      await seedRegisteredWorksContract(as, clock, now);
      // Yesterday the lighting contract's supplier asked the demo bank for financing (政采贷): the bank's officer decides.
      clock.set(now.getTime() - DAY);
      await seedPendingFinancing(as, accepted.id, `supplier${suppliers.indexOf(winner) + 1}`, Math.round(accepted.priceFen * 0.3));
    }

    // Open for bids now, published two days ago.
    clock.set(now.getTime() - 2 * DAY);
    const open = await project(plans.open);
    const calendar = await loadCalendar(db);
    await publish(open, shanghaiInstant(calendar.earliestDeadlineDate(shanghaiDate(clock.now()), 22, 'days', 'cautious'), '09:30'));
    // supplier1 obtained its documents and has its deposit sub-account: a newcomer pays into it at the demo bank.
    const [openLot] = await lotsOf(db, open.id);
    await downloadDocument(suppliers[0]!, open.id, (await listDocuments(db, suppliers[0]!, open.id))[0]!.id);
    await openVirtualAccount(suppliers[0]!, openLot!.id);
    // A request for quotations (询价) for copy paper, published two days ago: each supplier quotes once, a price it
    // may not change (RQ-02). supplier2 and supplier3 have quoted; supplier1 may quote now, and once only.
    const rfq = await project(plans.rfq, {
      method: 'rfq',
      description: '区属中小学全年A4复印纸约2万包，规格统一、现货充足，按询价方式采购（政府采购法第三十二条）。具体要求详见询价通知书。',
      lot: { evaluationMethod: 'lowestPrice', criteria: [], sme: { measure: 'reserved' } },
      documents: '询价通知书',
    });
    await publish(rfq, shanghaiInstant(calendar.addWorkingDays(shanghaiDate(clock.now()), 8), '09:30'), { contractPeriod: '合同签订后7日内首批送货，全年分批供货', qualifications: ['满足《中华人民共和国政府采购法》第二十二条规定', '中小企业（本项目专门面向中小企业采购）'] });
    const [rfqLot] = await lotsOf(db, rfq.id);
    await bid(1, rfq, rfqLot!.id, 562_000);
    await bid(2, rfq, rfqLot!.id, 571_500);
    // A competitive negotiation (竞争性谈判) for urgently needed firewalls, published two days ago with its justification:
    // responses are due in seven working days (GP-10: at least three); supplier3 has responded. The panel will then negotiate
    // with each, send any change to all, and take final offers (NG-03 to NG-06), as the consultation above does now.
    const negotiation = await project(plans.negotiation, {
      method: 'negotiation',
      methodJustification: '现网防火墙遭受攻击后性能不足，须在开学前完成替换，采用招标方式所需时间不能满足用户紧急需要（政府采购法第三十条第三项）',
      description: '替换区教育城域网出口4台防火墙为下一代防火墙，含原厂安装调试及三年特征库升级。具体要求详见谈判文件。',
      lot: { evaluationMethod: 'lowestPrice', criteria: [], sme: { measure: 'reserved' } },
      documents: '谈判文件',
    });
    await publish(negotiation, shanghaiInstant(calendar.addWorkingDays(shanghaiDate(clock.now()), 7), '09:30'));
    const [negotiationLot] = await lotsOf(db, negotiation.id);
    await bid(2, negotiation, negotiationLot!.id, 1_138_000);
    // Yesterday it challenged a requirement of the documents: the agency has it to answer.
    clock.set(now.getTime() - DAY);
    await challengeTheDocuments(suppliers[0]!, open.id);

    // Yesterday's opening of the project under evaluation.
    clock.set(evaluatingDeadline.getTime() + 5 * MINUTE);
    await jobs.runDue();
    for (const i of [0, 1, 2]) await decrypt(i, evaluating.id, evaluatingLot!.id);
    for (const i of [0, 2, 3]) await decrypt(i, consultation.id, consultationLot!.id);
    await decrypt(0, negotiating.id, negotiatingLot!.id);

    // The road authority's highway maintenance, works tendered under the Bidding Law: published a month ago, opened and
    // evaluated on the last working day, whose afternoon the report reached the authority and its candidates were
    // publicised (WK-13, running today whatever the weekday: a last day on a rest day moves on). A losing bidder objected
    // to the first candidate this morning: the agency has it to answer, and the award waits for the answer (WK-19).
    const today = shanghaiDate(now);
    const lastWorkingDay = workingDaysBefore(calendar, today, 1);
    clock.set(now.getTime() - 30 * DAY);
    const works = await project(plans.roadWorks, {
      description: '龙吴路（市管段）约12.6公里路面、桥涵及附属设施的日常巡查、保养、小修与应急抢修，养护期一年。具体要求详见招标文件。',
      lot: { sme: { measure: 'none', notSuitableReason: '市管公路养护关系通行安全，须由具备公路养护工程施工资质并有24小时应急抢修队伍的企业承担，经市场调研符合条件的中小企业不足三家，不宜专门面向中小企业' } },
    });
    const worksDeadline = shanghaiInstant(lastWorkingDay, '09:00');
    await publish(works, worksDeadline, { contractPeriod: '自开工之日起365日历天', qualifications: ['具备公路养护工程施工资质（路基路面养护甲级）', '拟派项目负责人具备公路工程专业一级注册建造师执业资格且无在建工程'] });
    const [worksLot] = await lotsOf(db, works.id);
    await bid(ROAD_CONTRACTOR, works, worksLot!.id, 3_420_000);
    await bid(2, works, worksLot!.id, 3_690_000);
    await bid(3, works, worksLot!.id, 3_750_000);
    const worksMembers = await committee(works, shanghaiInstant(lastWorkingDay, '10:00'), shanghaiInstant(lastWorkingDay, '17:00'), ['B03']);
    clock.set(worksDeadline.getTime() + 5 * MINUTE);
    await jobs.runDue();
    for (const i of [ROAD_CONTRACTOR, 2, 3]) await decrypt(i, works.id, worksLot!.id);
    clock.set(shanghaiInstant(lastWorkingDay, '10:01'));
    await jobs.runDue(); // the evaluation starts
    await evaluate(works, worksLot!.id, worksMembers, null);
    clock.set(shanghaiInstant(lastWorkingDay, '16:30'));
    await sendReport(agency, works.id, worksLot!.id);
    const first = bidOwners.get((await lotReport(works.id)).candidates[0]!);
    const objector = [suppliers[2]!, suppliers[3]!].find((s) => s.actor!.entityId !== first)!;
    clock.set(Math.min(shanghaiInstant(today, '09:30').getTime(), now.getTime() - 30 * MINUTE));
    await objectToTheCandidates(objector, works.id);

    // The education bureau buys more of its network's core switching from their maker alone (单一来源): at the
    // open-tender threshold its reasons and the professionals' opinions were publicised two working days ago, for five
    // (DS-01), naming supplier1; supplier4 objected the next day (SS-03). The review comes after the publicity (SS-04).
    const publicityDay = workingDaysBefore(calendar, today, 2);
    clock.set(shanghaiInstant(publicityDay, '09:30'));
    const single = await project(plans.singleSource, {
      method: 'singleSource',
      singleSourceSupplierEntityId: suppliers[0]!.actor!.entityId,
      methodJustification: '现网核心交换机为申联SL-9000系列，扩容业务板卡及配套软件许可只能由原厂提供，其他品牌板卡无法接入现有机框（政府采购法第三十一条第一项）',
      description: '为区教育城域网现有两台申联SL-9000核心交换机扩容万兆业务板卡16块并升级原厂软件许可，含原厂安装调试及三年维保。',
      lot: { evaluationMethod: 'lowestPrice', criteria: [], depositFen: 0, sme: { measure: 'none' } },
      documents: '单一来源采购文件',
    });
    clock.set(shanghaiInstant(publicityDay, '10:00'));
    const singlePublicity = await publishSingleSourcePublicity(agency, single.id, {
      itemsDescription: '申联SL-9000系列核心交换机万兆业务板卡16块、原厂软件许可升级及三年原厂维保',
      reason: '区教育城域网核心交换机为申联SL-9000系列，其业务板卡与交换矩阵、管理软件均为原厂专有设计，第三方板卡无法接入现有机框，软件许可只能由原厂授予，只能从唯一供应商处采购（政府采购法第三十一条第一项）。',
      experts: [
        { name: '李建国', organisation: '上海交通大学', title: '教授', opinion: '核心交换机机框与业务板卡、软件许可为原厂专有，整机替换将废弃现有设备且中断全区教学网络，同意采用单一来源方式。' },
        { name: '张伟', organisation: '上海市信息化发展研究中心', title: '高级工程师', opinion: '经核查设备兼容性清单，第三方板卡不在原厂兼容列表内，同意采用单一来源方式。' },
        { name: '赵敏', organisation: '华东师范大学', title: '副教授', opinion: '预算按原厂目录价下浮测算，价格合理，同意采用单一来源方式。' },
      ],
    });
    clock.set(shanghaiInstant(workingDaysBefore(calendar, today, 1), '15:00'));
    await fileObjection(suppliers[3]!, singlePublicity.id, { text: '我公司代理的中远品牌核心交换机可整体替换现有设备并满足扩容需求，本项目并非只能由唯一供应商提供，请组织补充论证。' });

    // 框架协议采购 (财政部令第110号): the bureau's office supplies for its schools, a closed framework agreement. Called 35 days
    // ago, three responded; opened and evaluated 12 days ago (lowest price), the two lowest were admitted the next day for a
    // year (FA-04: one of three eliminated; FA-05). The bureau ordered once directly (FA-08) and yesterday opened a
    // second-round competition among the members, closing in three days (FA-07): supplier2 has offered (sealed);
    // supplier1, the other member, can answer it.
    const fwDeadline = shanghaiInstant(addCalendarDays(today, -12), '09:30');
    clock.set(fwDeadline.getTime() - 23 * DAY);
    const fw = await project(plans.framework, {
      method: 'framework',
      description: '区属中小学及幼儿园全年办公用品（复印纸、文具、打印耗材）采购，通过公开征集确定入围供应商并订立封闭式框架协议，各校按需下单。',
      lot: { evaluationMethod: 'lowestPrice', criteria: [] },
      documents: '征集文件',
    });
    await publish(fw, fwDeadline, { contractPeriod: '框架协议有效期内按订单交付', qualifications: ['满足《中华人民共和国政府采购法》第二十二条规定', '具备办公用品供货及配送能力'] });
    const [fwLot] = await lotsOf(db, fw.id);
    await bid(0, fw, fwLot!.id, 2_280_000);
    await bid(1, fw, fwLot!.id, 2_215_000);
    await bid(2, fw, fwLot!.id, 2_330_000);
    const fwMembers = await committee(fw, new Date(fwDeadline.getTime() + 60 * MINUTE), new Date(fwDeadline.getTime() + 8 * 60 * MINUTE), ['A05'], 3);
    clock.set(fwDeadline.getTime() + 5 * MINUTE);
    await jobs.runDue();
    for (const i of [0, 1, 2]) await decrypt(i, fw.id, fwLot!.id);
    clock.set(fwDeadline.getTime() + 61 * MINUTE);
    await jobs.runDue(); // the evaluation starts
    for (const ctx of fwMembers) {
      const sheet = (await evaluationSheet(ctx, fw.id)).lots[0]!;
      await saveSheet(ctx, fw.id, fwLot!.id, { reviews: sheet.bids.flatMap((b) => (['qualification', 'compliance'] as const).map((criterion) => ({ bidId: b.bidId, criterion, passed: true }))), scores: [] });
      await submitSheet(ctx, fw.id, fwLot!.id);
    }
    for (const ctx of fwMembers) await signReport(ctx, fw.id, fwLot!.id, { agreed: true });
    clock.set(fwDeadline.getTime() + DAY);
    const termStart = shanghaiDate(clock.now());
    const admitted = await admitSuppliers(agency, fw.id, { admittedCount: 2, kind: 'closed', termStart, termEnd: addCalendarDays(addMonths(termStart, 12), -1) });
    const [firstMember] = admitted.agreement!.members;
    clock.set(now.getTime() - 5 * DAY);
    const orderContract = { performancePeriod: '订单下达后7日内送达各校', performancePlace: '徐汇区各中小学及幼儿园', paymentTermDays: 30, acceptanceCriteria: '品名、规格、数量与订单一致，包装完好', terms: '按框架协议及征集文件所附合同条款执行。' };
    await placeOrder(purchaser, fw.id, { mode: 'direct', title: '春季学期办公用品（第一批）', description: '复印纸A4 800箱、文具套装300套', supplierEntityId: firstMember!.supplierEntityId, priceFen: 386_000_00, contract: { ...orderContract, dueDate: addCalendarDays(today, 5) } });
    clock.set(now.getTime() - DAY);
    const competing = await placeOrder(purchaser, fw.id, { mode: 'competition', title: '秋季学期办公用品（第二批）', description: '复印纸A4 1200箱、打印耗材200套', deadline: shanghaiInstant(addCalendarDays(today, 3), '17:00').toISOString() });
    clock.set(now.getTime() - 3 * 60 * MINUTE);
    // One member offers: the one that is not supplier1, so supplier1 (a member when the ranking admits it) is left to answer.
    const members = suppliers.filter((ctx) => admitted.agreement!.members.some((m) => m.supplierEntityId === ctx.actor!.entityId));
    await submitOffer(members.find((ctx) => ctx !== suppliers[0]) ?? members[0]!, competing.orders.at(-1)!.id, { priceFen: 2_150_000_00 });

    // A draft waiting for the agency, and a plan with only its intention.
    clock.set(now.getTime() - 60 * MINUTE);
    await project(plans.draft);
    const nextYear = await createPlan(purchaser, { budgetLineId: line.id, title: '2027年学生体质监测设备采购', category: 'goods', amountFen: 1_200_000_00, importProducts: false });
    await publishIntention(purchaser, nextYear.id, { summary: '学生体质健康监测设备约40套', expectedMonth: `${Number(shanghaiDate(now).slice(0, 4)) + 1}-03`, smeOnly: true });
    // The evaluation opened an hour ago: sign in as a drawn expert (评审任务) to evaluate.
    clock.set(now.getTime() - 59 * MINUTE);
    await jobs.runDue();
    // The consultation's panel changed the requirements once, the purchaser confirmed it and supplier1 acknowledged it;
    // the final quotations are due in three hours (CS-05, CS-06): supplier3 and supplier4 have theirs to give.
    clock.set(now.getTime() - 40 * MINUTE);
    const chair = (await Promise.all(consultationPanel.map(async (m) => ((await evaluationSheet(m, consultation.id)).lots[0]?.isChair ? m : null)))).find((m) => m !== null)!;
    const change = await proposeChange(chair, consultation.id, consultationLot!.id, { kind: 'technical', text: '教室终端扬声器功率由10W调整为不低于15W，其余技术要求不变。' });
    clock.set(now.getTime() - 30 * MINUTE);
    await confirmChange(purchaser, change.id);
    clock.set(now.getTime() - 20 * MINUTE);
    await acknowledgeChange(suppliers[0]!, change.id);
    await callFinalOffers(chair, consultation.id, consultationLot!.id, { deadline: new Date(now.getTime() + 3 * 60 * MINUTE).toISOString() });
    await giveFinalOffer(suppliers[0]!, consultation.id, consultationLot!.id, { amountFen: 2_036_000_00 });
    return { keyDir, openingAt };
  } catch (error) {
    // A start in a year whose holiday schedule is not entered yet cannot publish tenders (CAL-03).
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}
