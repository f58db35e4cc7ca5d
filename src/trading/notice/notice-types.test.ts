import { describe, expect, it } from 'vitest';
import { DISCLOSED_NOTICE_TYPES } from '../../catalogue/catalogue.kinds';
import { NOTICE_TYPES } from '../trading.schema';
import { NOTICE_FIELD_SCHEMAS } from './notice-fields';
import { renderLetterHtml, renderNotice } from './render';

/** The 2020 format specification's notice types (财办库〔2020〕50号, NOTICES.md): mandatory sections in the standard order. */
const purchaser = { name: '上海市徐汇区教育局', address: '上海市徐汇区漕溪北路336号', contact: '赵丽 021-64872222' };
const agency = { name: '上海申信招标代理有限公司', address: '上海市黄浦区中山南路100号', contact: '钱明 021-63201111' };
const FIELDS: Record<string, Record<string, unknown>> = {
  termination: { projectNumber: '310104-2026-GK-0009', projectTitle: '区属学校空调采购', reason: '采购任务因预算调整取消', ruleId: 'DS-02', other: null, purchaser, agency },
  singleSource: {
    purchaserName: purchaser.name,
    projectNumber: '310104-2026-DY-0001',
    projectTitle: '教学管理系统升级服务',
    itemsDescription: '原系统的升级与维护，须与原系统兼容',
    budgetFen: 480_000_00,
    reason: '只能从原供应商处采购，以保证与原系统的一致性',
    supplier: { name: '上海申联信息科技有限公司', address: '上海市徐汇区示范路1号' },
    publicityFrom: '2026-03-02T01:00:00.000Z',
    publicityUntil: '2026-03-09T09:00:00.000Z',
    other: null,
    purchaser,
    financeDepartment: { name: '上海市徐汇区财政局', contact: '021-64872000' },
    agency: null,
    experts: [{ name: '孙强', organisation: '上海交通大学', title: '教授', opinion: '原系统源代码归原供应商所有，升级只能由其承担' }],
  },
  prequalification: {
    projectNumber: '310104-2026-GK-0010',
    projectTitle: '智慧校园平台建设',
    method: 'openTender',
    summary: '智慧校园平台一套',
    lots: [{ lotNo: 1, title: '平台建设', budgetFen: 3_000_000_00, maxPriceFen: null }],
    contractPeriod: '合同签订后180日',
    consortiumAllowed: false,
    qualifications: ['满足《政府采购法》第二十二条规定'],
    documentsFrom: '2026-03-02T01:00:00.000Z',
    documentsUntil: '2026-03-09T09:00:00.000Z',
    documentsPlace: '一网交易平台',
    applicationContents: '资格证明文件、类似业绩',
    reviewStandard: '合格制',
    invitedSuppliers: null,
    applicationDeadline: '2026-03-10T01:30:00.000Z',
    applicationPlace: '一网交易平台',
    reviewDate: '2026-03-11T01:30:00.000Z',
    announcementEnds: '2026-03-09',
    other: null,
    purchaser,
    agency,
    projectContact: { name: '钱明', phone: '021-63201111' },
  },
  acceptance: {
    acceptanceId: '5c1f2a9e-8f1b-4c1e-9d3a-2b7e6f0a1c2d',
    contractNumber: '310104-2026-GK-0003-HT1',
    contractTitle: '教室照明改造灯具采购合同',
    projectNumber: '310104-2026-GK-0003',
    projectTitle: '徐汇区中小学教室照明改造灯具采购',
    purchaser,
    supplier: { name: '上海申联信息科技有限公司', address: '上海市徐汇区示范路1号', contact: '李伟 13800000001' },
    items: [{ name: 'LED教室护眼灯', brand: '申联', model: 'JK40', quantity: 2000, unitPriceFen: 1000_00 }],
    priceFen: 2_000_000_00,
    performancePeriod: '合同签订后30日',
    performancePlace: '采购人指定地点',
    method: 'openTender',
    milestone: { no: 1, name: '到货安装', acceptanceCriteria: '全部灯具到货并安装完毕' },
    acceptanceDate: '2026-11-12',
    members: ['赵丽', '学校总务主任'],
    result: 'pass',
    findings: '抽检照度符合要求',
  },
  complaintDecision: {
    caseNumber: 'XH-2026-018-TS1',
    projectNumber: 'XH-2026-018',
    projectTitle: '徐汇区中小学教室照明改造灯具采购',
    complainant: '上海光明照明科技有限公司',
    respondents: ['上海市徐汇区教育局', '上海申远招标代理有限公司'],
    matters: ['评标委员会对商务部分的评分有误'],
    findings: '经查，评标委员会按招标文件规定的评分标准评分，投诉事项缺乏事实依据。',
    basis: '《政府采购质疑和投诉办法》第二十九条第（二）项',
    outcome: 'dismissed',
    department: '上海市徐汇区财政局',
    decidedOn: '2026-11-20',
  },
};
const SECTIONS: Record<string, string[]> = {
  termination: ['一、项目基本情况', '二、项目终止的原因', '三、其他补充事宜', '四、凡对本次公告内容提出询问'],
  singleSource: ['一、采购人、项目信息及采用单一来源采购方式的原因', '二、拟定的唯一供应商名称、地址', '三、公示期限', '四、其他补充事宜', '五、联系方式', '六、附件：专业人员论证意见'],
  prequalification: ['项目概况', '一、项目基本情况', '二、申请人的资格要求', '三、领取资格预审文件', '四、资格预审申请文件的组成及格式', '五、资格预审的审查标准及方法', '六、拟邀请参加投标的供应商数量', '七、申请文件提交', '八、资格预审日期', '九、公告期限', '十、其他补充事宜', '十一、'],
  complaintDecision: ['一、投诉案件编号', '二、采购项目', '三、当事人', '四、投诉事项', '五、处理依据', '六、处理结果', '七、处理机关'],
  acceptance: ['一、合同编号', '二、合同名称', '三、项目编号', '四、项目名称', '五、合同主体', '六、合同主要信息', '七、本次验收内容', '八、验收日期', '九、验收组成员', '十、验收意见', '十一、其他补充事宜'],
};
const TITLES: Record<string, RegExp> = { termination: /终止公告$/, singleSource: /单一来源采购公示$/, prequalification: /资格预审公告$/, acceptance: /履约验收结果公告（第1期）$/, complaintDecision: /投诉处理结果公告$/ };

describe('the notice types of the 2020 specification, and the complaint decision', () => {
  it('are the disclosure catalogue’s choices too', () => {
    expect([...DISCLOSED_NOTICE_TYPES]).toEqual([...NOTICE_TYPES]);
  });

  for (const type of Object.keys(SECTIONS)) {
    it(`render the ${type} notice’s mandatory sections in the standard order`, () => {
      expect(NOTICE_FIELD_SCHEMAS[type]!.safeParse(FIELDS[type]).success).toBe(true);
      const { title, html } = renderNotice(type, FIELDS[type]!);
      expect(title).toMatch(TITLES[type]!);
      const at = SECTIONS[type]!.map((s) => html.indexOf(`<h3>${s}`));
      expect(at.every((x) => x >= 0), `${type}: ${SECTIONS[type]!.filter((_, i) => at[i]! < 0).join(', ')}`).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    });

    it(`refuse a ${type} notice missing a mandatory field`, () => {
      const first = Object.keys(FIELDS[type]!)[0]!;
      const { [first]: _, ...rest } = FIELDS[type]!;
      expect(NOTICE_FIELD_SCHEMAS[type]!.safeParse(rest).success).toBe(false);
    });
  }

  it('give a failed lot’s 废标公告 the 终止公告’s sections, and leave one frozen without contacts as it was', () => {
    const failure = { projectNumber: '310104-2026-GK-0002', projectTitle: '区属学校空调采购', lotNo: 1, lotTitle: '空调', reason: '递交投标文件的供应商不足3家', ruleId: 'GP-33' };
    const { html } = renderNotice('failure', { ...failure, purchaser, agency });
    const at = ['一、项目基本情况', '二、废标理由', '三、其他补充事宜', '四、凡对本次公告内容提出询问'].map((h) => html.indexOf(`<h3>${h}`));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(html).toContain(agency.name);
    expect(renderNotice('failure', failure).html).not.toContain('三、其他补充事宜');
  });

  it('escape what users typed', () => {
    const { html } = renderNotice('termination', { ...FIELDS.termination, reason: '<script>alert(1)</script>' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('the letters of the result (GP-74)', () => {
  const letter = { projectNumber: '310104-2026-XJ-0001', projectTitle: '区属学校复印纸采购', lotNo: 1, lotTitle: '复印纸', supplierName: '上海申联信息科技有限公司', priceFen: 668_000_00, evaluatedPriceFen: 668_000_00, total: null, rank: 1, bidders: 4, valid: true, invalidReasons: [], winnerName: '上海申联信息科技有限公司', winnerPriceFen: 668_000_00, issuedAt: '2026-03-25T02:00:00.000Z' };
  const seal = { contentHash: 'a'.repeat(64), signature: 'sig', keyId: 'k1', platformName: '一网交易' };
  it('call a request for quotations’ winner’s letter a 成交通知书 (RQ-03), a tender’s a 中标通知书, and one issued before the method was recorded as it was', () => {
    const rfq = renderLetterHtml({ ...letter, kind: 'winner', method: 'rfq', category: 'goods' }, seal);
    expect(rfq).toContain('<h1>成交通知书</h1>');
    expect(rfq).toContain('的响应已被确定为成交，成交金额为人民币668,000.00元');
    expect(renderLetterHtml({ ...letter, kind: 'result', method: 'rfq', category: 'goods' }, seal)).toContain('成交供应商为上海申联信息科技有限公司');
    expect(renderLetterHtml({ ...letter, kind: 'winner', method: 'openTender', category: 'goods' }, seal)).toContain('<h1>中标通知书</h1>');
    expect(renderLetterHtml({ ...letter, kind: 'winner' }, seal)).toContain('的投标已被确定为中标');
  });
});
