import { createDraft, publishVersion, updateDraft, CATALOGUE_KINDS } from '../catalogue';
import { seedDemoListings } from './demo-listings';
import { createEntityWithAccounts, completeCreditCode, operatorExists, type NewAccount, type NewEntity } from '../identity';
import { shanghaiDate } from '../platform/calendar/calendar';
import { DAY, ManualClock } from '../platform/clock';
import { systemContext, type Platform } from '../platform/context';
import { admitExpert } from '../services/experts/experts';
import { issueApiKey } from '../identity/api-keys/api-keys';
import { registerSsoClient } from '../identity/sso/sso-clients';
import { DEMO_SSO_CLIENT_ID, DEMO_SSO_CLIENT_SECRET, DEMO_SUBPLATFORM_NAME, DEMO_SYNC_KEY, demoSubPlatformUris } from './subplatform/demo-client';
import { DEMO_EXPERTS, DEMO_EXPERTS_SD, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './demo-accounts';
import { DEMO_CATALOGUES } from './demo-catalogues';
import { ensureDemoCalendar } from './demo-calendar';
import { seedDemoMall } from './demo-mall';
import { seedDemoProjects } from './demo-projects';
import { seedDemoBookings, seedDemoVenues } from './demo-venues';

/** A valid 统一社会信用代码 from its first 17 characters (demo organisations are fictional). */
const code = completeCreditCode;

const account = (username: string, displayName: string, roles: NewAccount['roles'], extra: Partial<NewAccount> = {}): NewAccount => ({
  username,
  displayName,
  roles,
  password: DEMO_PASSWORD,
  ...extra,
});
const privileged = (username: string, displayName: string, roles: NewAccount['roles']) => account(username, displayName, roles, { totpSecret: DEMO_TOTP_SECRET });

/** Each demo organisation has its own (fictional) address and contact, as notices show them. */
const org = (name: string, entityType: NewEntity['entityType'], first17: string, regionCode: string, address: string, [contactName, contactPhone]: [string, string], extra: Partial<NewEntity> = {}): NewEntity => ({
  name,
  entityType,
  creditCode: code(first17),
  regionCode,
  contactName,
  contactPhone,
  address,
  ...extra,
});

/**
 * Fills an empty installation with one organisation and account per role, a supplier
 * waiting for approval, the six catalogues and (unless left out) projects at every stage of
 * tendering. Returns null when data already exists.
 */
export async function seedDemoData(platform: Platform, options: { projects?: boolean; payments?: boolean } = {}) {
  const ctx = systemContext(platform);
  if (await operatorExists(ctx)) return null;

  await createEntityWithAccounts(ctx, org('上海市公共资源交易中心', 'operator', '12310000425000001', '310000', '上海市黄浦区示范路100号', ['王晓东', '021-23110000']), [
    privileged('operator', '王晓东', ['operator']),
    privileged('sysadmin', '系统管理员', ['systemAdmin']),
    privileged('secadmin', '安全管理员', ['securityAdmin']),
    privileged('auditadmin', '审计管理员', ['auditAdmin']),
    ...DEMO_EXPERTS.map((e) => account(e.username, e.displayName, ['expert'])),
  ]);
  await createEntityWithAccounts(ctx, org('上海市财政局', 'supervisor', '11310000002418181', '310000', '上海市黄浦区示范路200号', ['陈静', '021-23110100']), [privileged('supervisor', '陈静', ['supervisor'])]);
  await createEntityWithAccounts(ctx, org('上海市住房和城乡建设管理委员会', 'authority', '11310000002418279', '310000', '上海市黄浦区示范路300号', ['刘洋', '021-23110200']), [privileged('authority', '刘洋', ['authority'])]);
  await createEntityWithAccounts(ctx, org('上海市财政局国库支付中心', 'treasury', '12310000425011112', '310000', '上海市黄浦区示范路210号', ['周磊', '021-23110300']), [privileged('treasury', '周磊', ['treasury'])]);
  await createEntityWithAccounts(ctx, org('上海市徐汇区教育局', 'purchaser', '11310104002420001', '310104', '上海市徐汇区示范路88号', ['赵丽', '021-64870000']), [
    account('purchaser', '赵丽', ['purchaser'], { isEntityAdmin: true, mobile: '13800000001' }),
    account('purchaser-staff', '王磊', ['purchaser'], { mobile: '13800000011' }),
  ]);
  await createEntityWithAccounts(ctx, org('上海申远招标代理有限公司', 'agency', '91310106MA1FL0001', '310106', '上海市静安区示范路66号12楼', ['孙强', '021-62880000']), [
    account('agency', '孙强', ['agency'], { isEntityAdmin: true, mobile: '13800000002' }),
  ]);
  const suppliers: [string, string, string, NewEntity['smeSize'], string, [string, string]][] = [
    ['上海申联信息科技有限公司', '91310115MA1H00001', '310115', 'small', '上海市浦东新区示范路1号', ['李伟', '021-58001001']],
    ['上海浦江数据服务有限公司', '91310112MA1H00002', '310112', 'micro', '上海市闵行区示范路2号', ['王芳', '021-54002002']],
    ['上海华东智能设备股份有限公司', '91310104MA1H00003', '310104', 'medium', '上海市徐汇区示范路3号', ['刘刚', '021-64003003']],
    ['中远系统集成（上海）有限公司', '91310000MA1H00004', '310101', null, '上海市黄浦区示范路4号', ['陈晨', '021-63004004']],
  ];
  const supplierIds: string[] = [];
  for (const [i, [name, first17, region, smeSize, address, contact]] of suppliers.entries()) {
    supplierIds[i] = await createEntityWithAccounts(ctx, org(name, 'supplier', first17, region, address, contact, { smeSize }), [
      account(`supplier${i + 1}`, `供应商${i + 1}经办人`, ['supplier'], { isEntityAdmin: true, mobile: `1390000000${i + 1}` }),
    ]);
  }
  await createEntityWithAccounts(ctx, org('上海待审信息技术有限公司', 'supplier', '91310117MA1H00005', '310117', '上海市松江区示范路5号', ['周婷', '021-57005005'], { smeSize: 'micro', status: 'pending' }), [
    account('newsupplier', '新注册供应商', ['supplier'], { isEntityAdmin: true }),
  ]);
  // Regions are real boundaries: a district's supervisor sees its district only, and a second
  // province has its own purchaser, supplier, supervisor, trading centre and experts.
  await createEntityWithAccounts(ctx, org('上海市徐汇区财政局', 'supervisor', '11310104002420101', '310104', '上海市徐汇区漕溪北路336号', ['吴敏', '021-64870001']), [privileged('supervisor-xh', '吴敏', ['supervisor'])]);
  await createEntityWithAccounts(ctx, org('上海市浦东新区卫生健康委员会', 'purchaser', '11310115002420201', '310115', '上海市浦东新区世纪大道2001号', ['钱伟', '021-68540001']), [
    account('purchaser-pd', '钱伟', ['purchaser'], { isEntityAdmin: true }),
  ]);
  await createEntityWithAccounts(ctx, org('山东省公共资源交易中心', 'operator', '12370000495000001', '370000', '山东省济南市历下区龙鼎大道1号', ['孔令国', '0531-88880000']), [
    privileged('operator-sd', '孔令国', ['operator']),
    ...DEMO_EXPERTS_SD.map((e) => account(e.username, e.displayName, ['expert'])),
  ]);
  await createEntityWithAccounts(ctx, org('山东省财政厅', 'supervisor', '11370000004200001', '370000', '山东省济南市市中区经七路1号', ['孟凡', '0531-88880001']), [privileged('supervisor-sd', '孟凡', ['supervisor'])]);
  await createEntityWithAccounts(ctx, org('济南市教育局', 'purchaser', '11370100004200101', '370100', '山东省济南市历下区示范路9号', ['曹雪', '0531-88880002']), [
    account('purchaser-sd', '曹雪', ['purchaser'], { isEntityAdmin: true }),
  ]);
  await createEntityWithAccounts(ctx, org('山东齐鲁信息技术有限公司', 'supplier', '91370100MA3C00001', '370100', '山东省济南市高新区示范路6号', ['齐鲁', '0531-88880003'], { smeSize: 'small' }), [
    account('supplier-sd', '齐鲁经办人', ['supplier'], { isEntityAdmin: true }),
  ]);

  // A registered bank that notifies deposits paid into sub-accounts; the demo bank page signs with its key (server-side).
  // It also offers procurement-contract financing (政采贷): its credit officer signs in and decides on suppliers' applications.
  const bank = await createEntityWithAccounts(ctx, org('上海演示银行股份有限公司', 'bank', '91310000MA1BANK01', '310000', '上海市浦东新区银城中路8号', ['许倩', '021-58880000']), [
    account('financier', '许倩', ['financier'], { isEntityAdmin: true, mobile: '13800000010' }),
  ]);
  await issueApiKey(ctx, bank, { demo: true });
  // The construction sub-platform, which registers the works contracts it traded (seed 000, step 2),
  // and the road authority and contractor of its highway-maintenance contract.
  const subPlatform = await createEntityWithAccounts(ctx, org('上海市建设工程招标投标交易子平台', 'subPlatform', '12310000MA1SUBP01', '310000', '上海市黄浦区示范路120号', ['陆建华', '021-23110400']), []);
  await issueApiKey(ctx, subPlatform, { demo: DEMO_SYNC_KEY });
  // It also signs people in through the platform (single sign-on): `npm run demo:subplatform` serves it.
  await registerSsoClient(
    ctx,
    { entityId: subPlatform, name: DEMO_SUBPLATFORM_NAME, catalogueCode: 'P02', ...demoSubPlatformUris(platform.config.demoSubPlatformUrl) },
    { clientId: DEMO_SSO_CLIENT_ID, clientSecret: DEMO_SSO_CLIENT_SECRET },
  );
  await createEntityWithAccounts(ctx, org('上海市公路事务中心', 'purchaser', '12310000425030001', '310000', '上海市徐汇区示范路130号', ['孙磊', '021-23110500']), [
    account('purchaser-road', '孙磊', ['purchaser'], { isEntityAdmin: true }),
  ]);
  await createEntityWithAccounts(ctx, org('上海城建道路养护工程有限公司', 'supplier', '91310104MA1ROAD01', '310104', '上海市徐汇区示范路140号', ['郑强', '021-64110140'], { smeSize: 'small' }), [
    account('supplier-road', '郑强', ['supplier'], { isEntityAdmin: true }),
  ]);

  // A registered issuer of e-guarantees (GP-21, PAY-06); the platform sets issuers up. Its desk decides on suppliers' applications.
  await createEntityWithAccounts(ctx, org('上海演示融资担保有限公司', 'guarantor', '91310000MA1GUAR01', '310000', '上海市黄浦区示范路500号', ['蒋涛', '021-63330000']), [
    account('guarantor', '蒋涛', ['guarantor'], { isEntityAdmin: true, mobile: '13800000009' }),
  ]);

  // The expert library: six experts who can sit on IT procurements, one employed by a demo
  // supplier (recused when it bids), one suspended (never drawn).
  for (const e of [...DEMO_EXPERTS, ...DEMO_EXPERTS_SD]) {
    const employerEntityId = e.employer === 'supplier3' ? supplierIds[2]! : null;
    await admitExpert(ctx, { username: e.username, employerName: e.employerName, employerEntityId, title: e.title, specialities: e.specialities, status: e.status });
  }

  // The catalogues are in force from before the demo projects began (75 days back), so that what the
  // disclosure catalogue lists was published at each of their steps, and the disclosure rate measures it.
  const since = new ManualClock(platform.clock.now().getTime() - 90 * DAY);
  const catalogueCtx = systemContext({ ...platform, clock: since });
  const today = shanghaiDate(since.now());
  for (const kind of CATALOGUE_KINDS) {
    const demo = DEMO_CATALOGUES[kind];
    const ctx = catalogueCtx;
    const draft = await createDraft(ctx, kind, { title: demo.title, effectiveFrom: today, notes: '演示数据 / demo data' });
    const updated = await updateDraft(ctx, draft.id, { title: demo.title, effectiveFrom: today, notes: '演示数据 / demo data', revision: draft.revision, items: demo.items });
    await publishVersion(ctx, draft.id, updated.revision);
  }
  await seedDemoMall(platform);
  await seedDemoVenues(platform);
  if (options.projects === false) return { opening: null };
  await ensureDemoCalendar(platform);
  await seedDemoListings(platform);
  const opening = await seedDemoProjects(platform, { payments: options.payments });
  if (opening) await seedDemoBookings(platform, opening.openingAt);
  return { opening };
}
