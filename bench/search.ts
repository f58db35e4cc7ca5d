// npm run bench:search [-- --n 200000] [--rounds 5] [--ilike-rounds 2] [--seed 11]
//   (DATABASE_URL=… to measure a PostgreSQL server; PGlite in a temporary directory otherwise)
//
// 公告检索 (issue 11): a seeded, reproducible corpus of N notices (titles and bodies as the portals
// publish them: purchaser + project + notice type; the sections of the 2020 format) is segmented by
// the platform's own code (search.rules.ts) and written straight into `notice_search` of a fresh
// database; its indexes are built after the load, as a restore would. Then a fixed set of queries
// (words, words with facets, a misspelt purchaser name) goes through the HTTP API of the platform
// as a process of its own (src/main.ts), one request at a time, `rounds` times after a warm-up
// round; p50/p95/p99 of the request latencies. Baseline, on the same database in the same run: the
// same queries as `(title ILIKE '%…%' OR body ILIKE '%…%')` (each space-separated part ANDed) with the
// same filters, counting the matches and fetching the newest page of 20, through the same driver
// with no HTTP in between (which favours the baseline).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { REGIONS } from '../src/catalogue/regions';
import { loadConfig } from '../src/platform/config';
import { seededRandom } from '../src/platform/seeded-random';
import { openDatabase, queryRows, type Database } from '../src/platform/database/database';
import { insertSearchRows } from '../src/trading/search/search.store';
import { tsvectorLiteral } from '../src/trading/search/search.rules';
import { httpClient } from '../test/support/api-client';
import { serverEnvironment, spawnServer } from '../test/support/server-process';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const N = option('n', 200_000);
const ROUNDS = option('rounds', 5);
const ILIKE_ROUNDS = option('ilike-rounds', 2);
const SEED = option('seed', 11);
const BATCH = 1000;

const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

// ---- The corpus ------------------------------------------------------------------------------------

const random = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** A uuid from the seeded generator (entity ids and notice ids must repeat from run to run). */
const uuid = () => {
  const h = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const PURCHASER_KINDS = ['教育局', '卫生健康委员会', '交通运输局', '公路事务中心', '绿化和市容管理局', '水务局', '公安局', '人民医院', '第一中学', '城市管理局', '民政局', '文化和旅游局', '生态环境局', '住房和城乡建设管理委员会', '市场监督管理局', '大数据中心', '图书馆', '疾病预防控制中心', '机关事务管理局', '体育局'];
const AGENCY_NAMES = ['申远', '华诚', '中信', '建银', '国信', '东方', '金桥', '鲁信', '齐鲁', '泰山', '浦江', '明德', '同济', '城建', '海纳', '汇通', '正信', '卓越', '天衡', '中咨'];
const AGENCY_KINDS = ['招标代理有限公司', '工程咨询有限公司', '项目管理有限公司', '招标有限公司'];
const ITEMS: { code: string; category: 'A' | 'B' | 'C'; name: string; detail: string }[] = [
  { code: 'A020101', category: 'A', name: '服务器', detail: '机架式服务器，双路处理器，内存不少于256GB，含三年原厂质保' },
  { code: 'A020102', category: 'A', name: '学生终端', detail: '学生平板终端，含教学管理软件及三年维保' },
  { code: 'A020199', category: 'A', name: '智慧黑板', detail: '86英寸智慧黑板，含安装调试与教师培训' },
  { code: 'A020810', category: 'A', name: 'LED显示屏', detail: '户外全彩LED显示屏，含钢结构与配电' },
  { code: 'A032101', category: 'A', name: '医用CT', detail: '64排螺旋CT一台，含场地改造及操作培训' },
  { code: 'A032102', category: 'A', name: '彩色超声诊断仪', detail: '高端彩色多普勒超声诊断仪，含心脏探头' },
  { code: 'A060101', category: 'A', name: '办公家具', detail: '办公桌椅、文件柜等，符合环保标准' },
  { code: 'A021001', category: 'A', name: '网络安全设备', detail: '下一代防火墙、入侵防御系统及日志审计系统' },
  { code: 'A022101', category: 'A', name: '消防器材', detail: '灭火器、消防水带及应急照明设备' },
  { code: 'A021301', category: 'A', name: '新能源公交车', detail: '10米级纯电动公交车，含充电设施' },
  { code: 'A090101', category: 'A', name: '图书', detail: '中小学图书馆馆配图书，含加工上架' },
  { code: 'A033101', category: 'A', name: '实验室仪器', detail: '理化生实验室仪器设备及配套耗材' },
  { code: 'B080101', category: 'B', name: '公路日常养护工程', detail: '辖区国省道路面修补、标线、边沟清理等日常养护' },
  { code: 'B080102', category: 'B', name: '道路大中修工程', detail: '沥青路面铣刨重铺及附属设施修复' },
  { code: 'B070101', category: 'B', name: '校舍维修改造工程', detail: '教学楼屋面防水、外墙及门窗更换' },
  { code: 'B030101', category: 'B', name: '排水管网改造工程', detail: '雨污分流改造及老旧管网更新' },
  { code: 'B030201', category: 'B', name: '河道整治工程', detail: '河道清淤、护岸加固及生态修复' },
  { code: 'B050101', category: 'B', name: '老旧小区改造工程', detail: '屋面、管线、道路及加装电梯等综合改造' },
  { code: 'B020101', category: 'B', name: '桥梁加固工程', detail: '桥梁上部结构加固及支座更换' },
  { code: 'B010101', category: 'B', name: '体育场馆建设工程', detail: '全民健身中心土建及安装工程' },
  { code: 'C210101', category: 'C', name: '物业管理服务', detail: '办公区保洁、秩序维护、设施设备运行维护' },
  { code: 'C210102', category: 'C', name: '绿化养护服务', detail: '公共绿地乔灌木修剪、草坪养护及病虫害防治' },
  { code: 'C210103', category: 'C', name: '保洁服务', detail: '公共区域日常保洁及垃圾清运' },
  { code: 'C210104', category: 'C', name: '安保服务', detail: '门岗值守、巡逻及监控中心值班' },
  { code: 'C160101', category: 'C', name: '信息系统运维服务', detail: '政务信息系统运行维护、安全巡检及应急响应' },
  { code: 'C230101', category: 'C', name: '审计服务', detail: '财政专项资金绩效审计及财务收支审计' },
  { code: 'C230102', category: 'C', name: '法律顾问服务', detail: '常年法律顾问及合同审查' },
  { code: 'C220101', category: 'C', name: '食堂餐饮服务', detail: '职工食堂餐饮供应及食品安全管理' },
  { code: 'C080101', category: 'C', name: '公路养护服务', detail: '农村公路巡查、保洁及小修保养' },
  { code: 'C160102', category: 'C', name: '档案数字化服务', detail: '纸质档案扫描、著录及数据挂接' },
  { code: 'C200101', category: 'C', name: '车辆租赁服务', detail: '公务用车租赁，含驾驶员及保险' },
  { code: 'C090101', category: 'C', name: '课后托管服务', detail: '小学课后看护及素质拓展课程' },
];
const METHODS = ['openTender', 'openTender', 'openTender', 'consultation', 'negotiation', 'rfq', 'singleSource'] as const;
const METHOD_ZH: Record<string, string> = { openTender: '公开招标', consultation: '竞争性磋商', negotiation: '竞争性谈判', rfq: '询价', singleSource: '单一来源' };
const TYPES = ['tender', 'tender', 'tender', 'award', 'award', 'intention', 'correction', 'contract', 'failure'] as const;
const SUPPLIERS = ['上海华信科技有限公司', '山东鲁建工程有限公司', '上海绿城园林绿化有限公司', '济南城建集团有限公司', '上海申通物业管理有限公司', '青岛海信网络科技股份有限公司', '烟台市政工程有限公司', '上海联影医疗科技股份有限公司'];

const purchasers = REGIONS.flatMap((r) => PURCHASER_KINDS.map((k) => ({ id: uuid(), name: `${r.nameZh === '上海市' || r.nameZh === '山东省' ? r.nameZh : (r.code.startsWith('31') ? '上海市' : '') + r.nameZh}${k}`, region: r })));
const agencies = AGENCY_NAMES.flatMap((a) => AGENCY_KINDS.slice(0, 2).map((k) => ({ id: uuid(), name: `${pick(['上海', '山东', '济南', '青岛'])}${a}${k}` })));
const START = Date.parse('2023-01-01T00:00:00+08:00');
const SPAN = Date.parse('2026-11-30T00:00:00+08:00') - START;
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });

function notice(i: number) {
  const buyer = pick(purchasers);
  const agency = random() < 0.8 ? pick(agencies) : null;
  const item = pick(ITEMS);
  const type = pick(TYPES);
  const method = item.category === 'B' ? pick(['openTender', 'consultation'] as const) : pick(METHODS);
  const publishedAt = new Date(START + Math.floor(random() * SPAN));
  const year = publishedAt.getUTCFullYear();
  const budgetFen = int(5, 2000) * 1_000_000;
  const project = `${buyer.name.replace(/^(上海市|山东省)/, '')}${year}年${item.name}${item.category === 'B' ? '' : '采购'}项目`;
  const number = `${buyer.region.code}-${year}-${String(i).padStart(6, '0')}`;
  const supplier = pick(SUPPLIERS);
  const awardFen = Math.floor(budgetFen * (0.8 + random() * 0.19));
  const heads: Record<(typeof TYPES)[number], string> = {
    tender: `${project}${METHOD_ZH[method] === '公开招标' ? '招标公告' : `${METHOD_ZH[method]}公告`}`,
    award: `${project}中标（成交）结果公告`,
    intention: `${buyer.name}${year}年${String(publishedAt.getUTCMonth() + 1).padStart(2, '0')}月政府采购意向`,
    correction: `${project}更正公告`,
    contract: `${project}合同公告`,
    failure: `${project}废标公告`,
  };
  const contacts = `采购人信息：${buyer.name}；地址：${buyer.region.nameZh}示范路${int(1, 999)}号；联系方式：${int(20000000, 89999999)}。${agency ? `采购代理机构信息：${agency.name}；联系方式：${int(20000000, 89999999)}。` : ''}`;
  const bodies: Record<(typeof TYPES)[number], string> = {
    tender: `一、项目基本情况 项目编号：${number} 项目名称：${project} 采购方式：${METHOD_ZH[method]} 预算金额：${yuan(budgetFen)}元 采购需求：${item.detail}。合同履行期限：合同签订后${int(30, 365)}日内。本项目${random() < 0.5 ? '专门面向中小企业采购' : '对小微企业报价给予10%的价格扣除'}。二、申请人的资格要求 满足《中华人民共和国政府采购法》第二十二条规定；落实政府采购政策需满足的资格要求。三、获取招标文件 时间：公告发布之日起5个工作日，地点：一网交易平台，方式：网上获取，售价：0元。四、提交投标文件截止时间、开标时间和地点 ${year}年${int(1, 12)}月${int(1, 28)}日09点30分（北京时间），地点：一网交易平台。五、公告期限 自本公告发布之日起5个工作日。六、其他补充事宜 无。七、对本次招标提出询问，请按以下方式联系。${contacts}`,
    award: `一、项目编号：${number} 二、项目名称：${project} 三、中标（成交）信息 供应商名称：${supplier} 中标（成交）金额：${yuan(awardFen)}元。四、主要标的信息 ${item.name}：${item.detail}。五、评审专家名单：${pick(['张伟', '王芳', '李娜'])}、${pick(['刘洋', '陈静', '杨磊'])}、${pick(['赵敏', '黄强', '周杰'])}。六、代理服务收费标准及金额：按国家有关规定收取。七、公告期限 自本公告发布之日起1个工作日。${contacts}`,
    intention: `序号 1 采购项目名称 ${project} 采购需求概况 ${item.detail} 预算金额（元）${yuan(budgetFen)} 预计采购时间 ${year}年${int(1, 12)}月 本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。`,
    correction: `一、原公告项目编号：${number} 原公告项目名称：${project} 二、更正事项：采购文件 更正内容：投标截止时间及开标时间顺延至${year}年${int(1, 12)}月${int(1, 28)}日09点30分。三、其他补充事宜 无。${contacts}`,
    contract: `一、合同编号：HT-${number} 二、合同名称：${project}合同 三、项目编号：${number} 四、项目名称：${project} 五、合同主体 甲方：${buyer.name} 乙方：${supplier} 六、合同主要信息 主要标的名称：${item.name}；服务要求：${item.detail}；合同金额：${yuan(awardFen)}元；采购方式：${METHOD_ZH[method]}。七、合同签订日期：${year}年${int(1, 12)}月${int(1, 28)}日。`,
    failure: `一、项目编号：${number} 二、项目名称：${project} 三、废标原因：提交投标文件或者对招标文件作实质响应的供应商不足三家。四、其他补充事宜：采购人将依法重新组织采购。${contacts}`,
  };
  const title = heads[type];
  const body = bodies[type];
  return {
    noticeId: uuid(),
    noticeType: type,
    projectId: type === 'intention' ? null : uuid(),
    title,
    body,
    words: tsvectorLiteral([
      { text: title, weight: 'A' },
      { text: body, weight: 'B' },
    ]),
    regionCode: buyer.region.code,
    categoryCode: item.code,
    method: type === 'intention' ? null : method,
    purchaserEntityId: buyer.id,
    purchaserName: buyer.name,
    agencyEntityId: agency?.id ?? null,
    agencyName: agency?.name ?? null,
    amountFen: type === 'award' || type === 'contract' ? awardFen : budgetFen,
    publishedAt,
  };
}

// ---- The queries -----------------------------------------------------------------------------------

/** The fixed query set: what visitors type, some with facets. `like` is the baseline's ILIKE words. */
const QUERIES: { label: string; params: Record<string, string>; like: string[] }[] = [
  { label: '公路养护', params: { q: '公路养护' }, like: ['公路养护'] },
  { label: '养护', params: { q: '养护' }, like: ['养护'] },
  { label: '智慧黑板', params: { q: '智慧黑板' }, like: ['智慧黑板'] },
  { label: '医用CT', params: { q: '医用CT' }, like: ['医用CT'] },
  { label: '物业管理', params: { q: '物业管理' }, like: ['物业管理'] },
  { label: '信息系统运维', params: { q: '信息系统运维' }, like: ['信息系统运维'] },
  { label: '老旧小区改造', params: { q: '老旧小区改造' }, like: ['老旧小区改造'] },
  { label: '排水管网 改造', params: { q: '排水管网 改造' }, like: ['排水管网', '改造'] },
  { label: '彩色超声诊断仪', params: { q: '彩色超声诊断仪' }, like: ['彩色超声诊断仪'] },
  { label: '新能源公交车', params: { q: '新能源公交车' }, like: ['新能源公交车'] },
  { label: '档案数字化 · 2025', params: { q: '档案数字化', from: '2025-01-01', to: '2025-12-31' }, like: ['档案数字化'] },
  { label: '绿化养护 · 上海', params: { q: '绿化养护', regionCode: '310000' }, like: ['绿化养护'] },
  { label: '服务器 · 招标公告', params: { q: '服务器', noticeType: 'tender' }, like: ['服务器'] },
  { label: '桥梁加固 · 工程 B', params: { q: '桥梁加固', categoryCode: 'B' }, like: ['桥梁加固'] },
  { label: '审计服务 · ≥ 100万元', params: { q: '审计服务', minFen: '100000000' }, like: ['审计服务'] },
  { label: '课后托管 · 浦东 · 磋商', params: { q: '课后托管', regionCode: '310115', method: 'consultation' }, like: ['课后托管'] },
  { label: '中标 联影医疗', params: { q: '联影医疗' }, like: ['联影医疗'] },
  { label: '济南市教育局 (name)', params: { q: '济南市教育局' }, like: ['济南市教育局'] },
  { label: '浦东新区卫生建康委 (typo)', params: { q: '浦东新区卫生建康委员会' }, like: ['浦东新区卫生建康委员会'] },
  { label: '食堂餐饮 · 按日期', params: { q: '食堂餐饮', sort: 'date' }, like: ['食堂餐饮'] },
];

// ---- Run -------------------------------------------------------------------------------------------

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yiwang-search-'));
const environment = await serverEnvironment(dataDir, `yiwang_bench_search_${process.pid}`, { DEMO_DATA: '0' });
const { env, databaseUrl } = environment;
const config = loadConfig(env);
const kind = databaseUrl ? 'PostgreSQL' : 'PGlite';
const open = () => openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), appRole: config.appRole });

let database: Database = await open();
log(`${kind}: generating and segmenting ${N} notices (seed ${SEED})…`);
const loadStarted = performance.now();
// Indexes are built after the load (as pg_restore does); the same definitions as the migration's.
const indexDefs = await queryRows<{ indexname: string; indexdef: string }>(database.db, sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'notice_search' AND indexname <> 'notice_search_pkey'`);
for (const i of indexDefs) await database.execAsOwner(`DROP INDEX ${i.indexname}`);
let segmentMs = 0;
for (let from = 0; from < N; from += BATCH) {
  const s0 = performance.now();
  const rows = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => notice(from + k));
  segmentMs += performance.now() - s0;
  await insertSearchRows(database.db, rows);
  if ((from / BATCH) % 20 === 0) log(`  ${from + rows.length} rows`);
}
const insertedAt = performance.now();
log(`building ${indexDefs.length} indexes…`);
for (const i of indexDefs) await database.execAsOwner(i.indexdef);
await database.execAsOwner('ANALYZE notice_search');
const loadSeconds = (performance.now() - loadStarted) / 1000;
const indexSeconds = (performance.now() - insertedAt) / 1000;
const [size] = await queryRows<{ table: string; indexes: string }>(database.db, sql`SELECT pg_size_pretty(pg_table_size('notice_search')) AS table, pg_size_pretty(pg_indexes_size('notice_search')) AS indexes`);
await database.close();

const timings = new Map<string, { api: number[]; ilike: number[]; total: number; ilikeTotal: number }>();
for (const q of QUERIES) timings.set(q.label, { api: [], ilike: [], total: -1, ilikeTotal: -1 });

log('starting the platform (src/main.ts)…');
const server = await spawnServer(env, 300_000);
try {
  const client = httpClient(server.baseUrl);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      const res = await client.api('GET', `/api/public/search?${new URLSearchParams(q.params)}`);
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${q.label}: ${res.status} ${JSON.stringify(res.body)}`);
      const t = timings.get(q.label)!;
      t.total = res.body.total;
      if (round > 0) t.api.push(ms); // round 0 warms the caches
    }
    log(`  API round ${round}/${ROUNDS}`);
  }
} finally {
  await server.stop();
}

// The baseline on the same database, once the platform has let go of it (PGlite has one user).
database = await open();
{
  const db = database.db;
  for (let round = 0; round <= ILIKE_ROUNDS; round++) {
    for (const q of QUERIES) {
      const p = q.params;
      const conditions = [
        ...q.like.map((w) => sql`(title ILIKE ${`%${w}%`} OR body ILIKE ${`%${w}%`})`),
        p.noticeType ? sql`notice_type = ${p.noticeType}` : undefined,
        p.regionCode ? sql`region_code LIKE ${p.regionCode.replace(/(00)+$/, '') + '%'}` : undefined,
        p.categoryCode ? sql`category_code LIKE ${p.categoryCode + '%'}` : undefined,
        p.method ? sql`method = ${p.method}` : undefined,
        p.minFen ? sql`amount_fen >= ${Number(p.minFen)}` : undefined,
        p.from ? sql`published_at >= ${`${p.from}T00:00:00+08:00`}::timestamptz` : undefined,
        p.to ? sql`published_at < (${`${p.to}T00:00:00+08:00`}::timestamptz + interval '1 day')` : undefined,
      ].filter((c) => c !== undefined);
      const where = sql.join(conditions, sql` AND `);
      const t0 = performance.now();
      const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notice_search WHERE ${where}`);
      await queryRows(db, sql`SELECT notice_id, title, published_at FROM notice_search WHERE ${where} ORDER BY published_at DESC LIMIT 20`);
      const ms = performance.now() - t0;
      const t = timings.get(q.label)!;
      t.ilikeTotal = count!.n;
      if (round > 0) t.ilike.push(ms);
    }
    log(`  ILIKE round ${round}/${ILIKE_ROUNDS}`);
  }
}
await database.close();
if (args.includes('--keep')) log(`kept: ${databaseUrl ?? dataDir}`);
else {
  await environment.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

// ---- Report ----------------------------------------------------------------------------------------

const f = (n: number, digits = 1) => n.toFixed(digits);
const all = (k: 'api' | 'ilike') => [...timings.values()].flatMap((t) => t[k]);
const api = all('api');
const ilike = all('ilike');
console.log(`\n公告检索基准 / search benchmark — ${kind}, ${N} notices (seed ${SEED}), ${QUERIES.length} queries × ${ROUNDS} rounds through HTTP, ${new Date().toISOString()} (${os.availableParallelism()} cores)`);
console.log(`  corpus: generated + segmented in ${f(segmentMs / 1000)} s, loaded and indexed in ${f(loadSeconds)} s (indexes ${f(indexSeconds)} s); table ${size?.table}, indexes ${size?.indexes}`);
console.log(`  ${'query'.padEnd(30)} ${'hits'.padStart(7)}   API p50   ILIKE p50   (ILIKE hits)`);
for (const q of QUERIES) {
  const t = timings.get(q.label)!;
  console.log(`  ${q.label.padEnd(30)} ${String(t.total).padStart(7)}  ${f(percentile(t.api, 50)).padStart(7)} ms ${f(percentile(t.ilike, 50)).padStart(9)} ms   (${t.ilikeTotal})`);
}
console.log(`  GET /api/public/search      p50 ${f(percentile(api, 50))} ms   p95 ${f(percentile(api, 95))} ms   p99 ${f(percentile(api, 99))} ms   (${api.length} requests)`);
console.log(`  baseline ILIKE '%…%'        p50 ${f(percentile(ilike, 50))} ms   p95 ${f(percentile(ilike, 95))} ms   p99 ${f(percentile(ilike, 99))} ms   (${ilike.length} queries)`);
console.log(`  ILIKE ÷ search: p50 ${f(percentile(ilike, 50) / percentile(api, 50))}×, p95 ${f(percentile(ilike, 95) / percentile(api, 95))}×`);
