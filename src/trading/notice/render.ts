import { formatYuan } from '../../platform/money';
import { METHOD_NAMES_ZH, methodDefinition, type Category, type Method } from '../methods/methods';
import type { AcceptanceNoticeFields, CandidatesNoticeFields, ComplaintDecisionNoticeFields, PrequalificationNoticeFields, SingleSourceNoticeFields, TerminationNoticeFields } from './notice-fields';

/**
 * Notices rendered from their typed fields in the section order of the Ministry of Finance's
 * format specification (财办库〔2020〕50号, NOTICES.md). The HTML is frozen at publication.
 */
export const escape = (s: unknown) =>
  String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

export function shanghaiDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日 ${d.slice(11, 16)}`;
}

const METHOD_ZH: Record<string, string> = METHOD_NAMES_ZH;
const SME_ZH: Record<string, string> = { none: '不专门面向中小企业', reserved: '专门面向中小企业采购', priceDeduction: '对小微企业报价给予价格扣除' };

export interface Party {
  name: string;
  address: string;
  contact: string;
}

export interface TenderNoticeFields {
  projectNumber: string;
  projectTitle: string;
  method: string;
  category: string;
  summary: string;
  lots: { lotNo: number; title: string; budgetFen: number; maxPriceFen: number | null; smeMeasure: string; deductionBp: number | null }[];
  contractPeriod: string;
  consortiumAllowed: boolean;
  qualifications: string[];
  documentsFrom: string;
  documentsUntil: string;
  documentsPlace: string;
  deadline: string;
  openingPlace: string;
  announcementEnds: string;
  other: string | null;
  purchaser: Party;
  agency: Party | null;
  projectContact: { name: string; phone: string };
  intentionPublishedAt: string | null;
  /** 单一来源: the one supplier invited (SS-06); absent on notices that invite anyone. */
  invitedSupplier?: string | null;
}

export interface CorrectionNoticeFields {
  projectNumber: string;
  projectTitle: string;
  originalPublishedAt: string;
  items: { subject: 'notice' | 'documents' | 'result'; before: string; after: string }[];
  reason: string;
  purchaser: Party;
  agency: Party | null;
}

export interface IntentionNoticeFields {
  purchaserName: string;
  planTitle: string;
  summary: string;
  budgetFen: number;
  expectedMonth: string;
  smeOnly: boolean;
  remarks: string | null;
}

/**
 * 废标公告: a failed lot. The 2020 specification has no type of its own for it; it is the 终止公告 of
 * that lot, so it carries that notice's sections (其他补充事宜, 联系方式). Notices published before
 * the contacts were added lack them and render as they were frozen.
 */
export interface FailureNoticeFields {
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
  lotTitle: string;
  reason: string;
  ruleId: string;
  purchaser?: Party;
  agency?: Party | null;
}

export interface OpeningRecordFields {
  project: { projectNumber: string; title: string };
  lot: { lotNo: number; title: string; budgetFen: number };
  opening: { startedAt: string; closedAt: string | null } | null;
  entries: {
    supplierName: string;
    totalPriceFen: number | null;
    deliveryPeriod: string | null;
    deposit: { form: string; reference?: string | null } | null;
    /** GP-21, from the bidder's sub-account (records written before deposits lack it). */
    depositStatus?: { status: string; ruleId: string | null } | null;
    remark: string | null;
    signoff: { agreed: boolean; objection: string | null } | null;
  }[];
}

export interface AwardNoticeFields {
  projectNumber: string;
  projectTitle: string;
  lots: { lotNo: number; title: string; winnerName: string; winnerAddress: string; amountFen: number }[];
  items: { name: string; brand: string | null; model: string | null; quantity: number; unitPriceFen: number }[];
  experts: string[];
  announcementEnds: string;
  purchaser: Party;
  agency: Party | null;
}

export interface ContractNoticeFields {
  contractNumber: string;
  contractTitle: string;
  projectNumber: string;
  projectTitle: string;
  purchaser: Party;
  supplier: Party;
  items: { name: string; brand: string | null; model: string | null; quantity: number; unitPriceFen: number }[];
  priceFen: number;
  performancePeriod: string;
  performancePlace: string;
  method: string;
  signedDate: string;
  publishedDate: string;
}

const itemsTable = (items: AwardNoticeFields['items']) =>
  `<table border="1" cellpadding="4"><tr><th>名称</th><th>品牌</th><th>规格型号</th><th>数量</th><th>单价（元）</th></tr>${items
    .map((i) => `<tr><td>${escape(i.name)}</td><td>${escape(i.brand ?? '')}</td><td>${escape(i.model ?? '')}</td><td>${i.quantity}</td><td>${formatYuan(i.unitPriceFen)}</td></tr>`)
    .join('')}</table>`;

const section = (title: string, body: string) => `<h3>${escape(title)}</h3>${body}`;
const contacts = (f: { purchaser: Party; agency: Party | null }) =>
  `<p>1. 采购人信息：${escape(f.purchaser.name)}；地址：${escape(f.purchaser.address)}；联系方式：${escape(f.purchaser.contact)}</p>` +
  (f.agency ? `<p>2. 采购代理机构信息：${escape(f.agency.name)}；地址：${escape(f.agency.address)}；联系方式：${escape(f.agency.contact)}</p>` : '');

export function renderNotice(type: string, fields: Record<string, unknown>): { title: string; html: string } {
  switch (type) {
    case 'tender': {
      const f = fields as unknown as TenderNoticeFields;
      // The method names its notice, its documents and the responses (招标文件/投标文件, 磋商文件/响应文件, …).
      const method = methodDefinition(f.method as Method, f.category as Category);
      const [documents, responses] = [method.documentsName['zh-CN'], method.responseName['zh-CN']];
      const title = `${f.projectTitle}${method.noticeTitle['zh-CN']}`;
      // A tender's template speaks of bidders and an opening (潜在投标人, 开标); the other methods of suppliers and responses.
      const tender = f.method === 'openTender';
      const lots = f.lots
        .map(
          (l) =>
            `<tr><td>${l.lotNo}</td><td>${escape(l.title)}</td><td>${formatYuan(l.budgetFen)}</td><td>${l.maxPriceFen === null ? '—' : formatYuan(l.maxPriceFen)}</td><td>${SME_ZH[l.smeMeasure]}${l.deductionBp ? `（扣除${l.deductionBp / 100}%）` : ''}</td></tr>`,
        )
        .join('');
      const html = [
        section(
          '项目概况',
          f.invitedSupplier
            ? `<p>${escape(f.projectTitle)}采用单一来源方式，邀请${escape(f.invitedSupplier)}在一网交易平台在线获取${documents}，并于${shanghaiDateTime(f.deadline)}（北京时间）前递交${responses}。</p>`
            : `<p>${escape(f.projectTitle)}的${tender ? '潜在投标人' : '潜在供应商'}应在一网交易平台在线获取${documents}，并于${shanghaiDateTime(f.deadline)}（北京时间）前递交${responses}。</p>`,
        ),
        section(
          '一、项目基本情况',
          `<p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p><p>采购方式：${METHOD_ZH[f.method]}</p><p>预算金额：${formatYuan(f.lots.reduce((s, l) => s + l.budgetFen, 0))}元</p>` +
            `<table border="1" cellpadding="4"><tr><th>标项</th><th>名称</th><th>预算金额（元）</th><th>最高限价（元）</th><th>中小企业政策</th></tr>${lots}</table>` +
            `<p>采购需求：${escape(f.summary)}</p><p>合同履行期限：${escape(f.contractPeriod)}</p><p>本项目${f.consortiumAllowed ? '接受' : '不接受'}联合体投标。</p>`,
        ),
        section('二、申请人的资格要求', `<ol>${f.qualifications.map((q) => `<li>${escape(q)}</li>`).join('')}</ol>`),
        section(`三、获取${documents}`, `<p>时间：${shanghaiDateTime(f.documentsFrom)}至${shanghaiDateTime(f.documentsUntil)}</p><p>地点：${escape(f.documentsPlace)}</p><p>方式：在线获取</p><p>售价：0元</p>`),
        section(`四、提交${responses}截止时间、${tender ? '开标' : '开启'}时间和地点`, `<p>${shanghaiDateTime(f.deadline)}（北京时间）</p><p>地点：${escape(f.openingPlace)}</p>`),
        section('五、公告期限', `<p>自本公告发布之日起5个工作日（至${escape(f.announcementEnds)}）。</p>`),
        section('六、其他补充事宜', `<p>${escape(f.other ?? '无')}</p>${f.intentionPublishedAt ? `<p>本项目采购意向已于${shanghaiDateTime(f.intentionPublishedAt)}公开。</p>` : ''}`),
        section('七、对本次招标提出询问，请按以下方式联系', contacts(f) + `<p>项目联系人：${escape(f.projectContact.name)}；电话：${escape(f.projectContact.phone)}</p>`),
      ].join('');
      return { title, html };
    }
    case 'correction': {
      const f = fields as unknown as CorrectionNoticeFields;
      const subjects = { notice: '采购公告', documents: '采购文件', result: '采购结果' };
      return {
        title: `${f.projectTitle}更正公告`,
        html: [
          section('一、项目基本情况', `<p>原公告的采购项目编号：${escape(f.projectNumber)}</p><p>原公告的采购项目名称：${escape(f.projectTitle)}</p><p>首次公告日期：${shanghaiDateTime(f.originalPublishedAt)}</p>`),
          section(
            '二、更正信息',
            `<p>更正事项：${[...new Set(f.items.map((i) => subjects[i.subject]))].join('、')}</p>` +
              f.items.map((i) => `<p>更正前：${escape(i.before)}</p><p>更正后：${escape(i.after)}</p>`).join('') +
              `<p>更正理由：${escape(f.reason)}</p>`,
          ),
          section('三、其他补充事宜', '<p>无</p>'),
          section('四、凡对本次公告内容提出询问，请按以下方式联系', contacts(f)),
        ].join(''),
      };
    }
    case 'intention': {
      const f = fields as unknown as IntentionNoticeFields;
      return {
        title: `${f.purchaserName}${f.expectedMonth.replace('-', '年')}月政府采购意向`,
        html:
          `<table border="1" cellpadding="4"><tr><th>序号</th><th>采购项目名称</th><th>采购需求概况</th><th>预算金额（元）</th><th>预计采购时间</th><th>备注</th></tr>` +
          `<tr><td>1</td><td>${escape(f.planTitle)}</td><td>${escape(f.summary)}</td><td>${formatYuan(f.budgetFen)}</td><td>${escape(f.expectedMonth)}</td><td>${f.smeOnly ? '专门面向中小企业' : ''}${escape(f.remarks ?? '')}</td></tr></table>` +
          '<p>本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。</p>',
      };
    }
    case 'failure': {
      const f = fields as unknown as FailureNoticeFields;
      return {
        title: `${f.projectTitle}（标项${f.lotNo}）废标公告`,
        html:
          section('一、项目基本情况', `<p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p><p>标项：${f.lotNo} ${escape(f.lotTitle)}</p>`) +
          section('二、废标理由', `<p>${escape(f.reason)}（${escape(f.ruleId)}）</p>`) +
          (f.purchaser
            ? section('三、其他补充事宜', '<p>已通知全部投标人废标理由；已收取的投标保证金依法退还。</p>') + section('四、凡对本次公告内容提出询问，请按以下方式联系', contacts({ purchaser: f.purchaser, agency: f.agency ?? null }))
            : ''),
      };
    }
    case 'openingRecord': {
      const f = fields as unknown as OpeningRecordFields;
      const deposit: Record<string, string> = { transfer: '转账', guarantee: '保函', exempt: '免交' };
      const depositStatus: Record<string, string> = { paidInTime: '子账户按时足额到账', short: '子账户到账不足', late: '子账户逾期到账', missing: '子账户未到账', notRequired: '' };
      const statusCell = (s: { status: string; ruleId: string | null } | null | undefined) => (s && depositStatus[s.status] ? `<br/>${depositStatus[s.status]}${s.ruleId ? `（${escape(s.ruleId)}）` : ''}` : '');
      const rows = f.entries
        .map(
          (e, i) =>
            `<tr><td>${i + 1}</td><td>${escape(e.supplierName)}</td><td>${e.totalPriceFen === null ? '—' : formatYuan(e.totalPriceFen)}</td><td>${escape(e.deliveryPeriod ?? '')}</td><td>${e.deposit ? `${deposit[e.deposit.form] ?? ''} ${escape(e.deposit.reference ?? '')}` : ''}${statusCell(e.depositStatus)}</td><td>${escape(e.remark ?? '')}</td><td>${e.signoff ? (e.signoff.agreed ? '确认' : `异议：${escape(e.signoff.objection)}`) : '未签署'}</td></tr>`,
        )
        .join('');
      return {
        title: `${f.project.title}（标项${f.lot.lotNo}）开标记录`,
        html:
          `<p>项目编号：${escape(f.project.projectNumber)}　项目名称：${escape(f.project.title)}</p><p>标项：${f.lot.lotNo} ${escape(f.lot.title)}　预算金额：${formatYuan(f.lot.budgetFen)}元</p>` +
          `<p>开标时间：${f.opening ? shanghaiDateTime(f.opening.startedAt) : '—'}　开标结束：${f.opening?.closedAt ? shanghaiDateTime(f.opening.closedAt) : '—'}</p>` +
          `<table border="1" cellpadding="4"><tr><th>序号</th><th>投标人</th><th>投标报价（元）</th><th>交货期/服务期</th><th>投标保证金</th><th>备注</th><th>签署</th></tr>${rows}</table>` +
          '<p>本记录由一网交易平台生成，时间以平台服务器时间（北京时间）为准。</p>',
      };
    }
    case 'award': {
      // GP-73, NOTICES.md 中标（成交）结果公告.
      const f = fields as unknown as AwardNoticeFields;
      return {
        title: `${f.projectTitle}中标（成交）结果公告`,
        html: [
          section('一、项目编号', `<p>${escape(f.projectNumber)}</p>`),
          section('二、项目名称', `<p>${escape(f.projectTitle)}</p>`),
          section(
            '三、中标（成交）信息',
            `<table border="1" cellpadding="4"><tr><th>标项</th><th>名称</th><th>中标供应商</th><th>地址</th><th>中标金额（元）</th></tr>${f.lots
              .map((l) => `<tr><td>${l.lotNo}</td><td>${escape(l.title)}</td><td>${escape(l.winnerName)}</td><td>${escape(l.winnerAddress)}</td><td>${formatYuan(l.amountFen)}</td></tr>`)
              .join('')}</table>`,
          ),
          section('四、主要标的信息', itemsTable(f.items)),
          section('五、评审专家名单', `<p>${f.experts.map(escape).join('、')}</p>`),
          section('六、代理服务收费标准及金额', '<p>按采购文件约定执行。</p>'),
          section('七、公告期限', `<p>自本公告发布之日起1个工作日（至${escape(f.announcementEnds)}）。</p>`),
          section('八、其他补充事宜', '<p>各投标人的评审得分与排序已通过结果通知书分别告知。</p>'),
          section('九、凡对本次公告内容提出询问，请按以下方式联系', contacts(f)),
        ].join(''),
      };
    }
    case 'contract': {
      // GP-76, NOTICES.md 合同公告.
      const f = fields as unknown as ContractNoticeFields;
      const party = (label: string, x: Party) => `<p>${label}：${escape(x.name)}；地址：${escape(x.address)}；联系方式：${escape(x.contact)}</p>`;
      return {
        // Contract titles already end in 合同 ("…采购合同"): no "合同合同公告".
        title: `${f.contractTitle.endsWith('合同') ? f.contractTitle : `${f.contractTitle}合同`}公告`,
        html: [
          section('一、合同编号', `<p>${escape(f.contractNumber)}</p>`),
          section('二、合同名称', `<p>${escape(f.contractTitle)}</p>`),
          section('三、项目编号', `<p>${escape(f.projectNumber)}</p>`),
          section('四、项目名称', `<p>${escape(f.projectTitle)}</p>`),
          section('五、合同主体', party('采购人（甲方）', f.purchaser) + party('供应商（乙方）', f.supplier)),
          section(
            '六、合同主要信息',
            itemsTable(f.items) + `<p>合同金额：${formatYuan(f.priceFen)}元</p><p>履约期限：${escape(f.performancePeriod)}；履约地点：${escape(f.performancePlace)}</p><p>采购方式：${METHOD_ZH[f.method] ?? escape(f.method)}</p>`,
          ),
          section('七、合同签订日期', `<p>${escape(f.signedDate)}</p>`),
          section('八、合同公告日期', `<p>${escape(f.publishedDate)}</p>`),
          section('九、其他补充事宜', '<p>合同文本经双方电子签章，可在一网交易平台核验。</p>'),
        ].join(''),
      };
    }
    case 'prequalification': {
      // NOTICES.md 资格预审公告: 项目概况 then sections 一 to 十一 (GP-03, GP-04).
      const f = fields as unknown as PrequalificationNoticeFields;
      const lots = f.lots
        .map((l) => `<tr><td>${l.lotNo}</td><td>${escape(l.title)}</td><td>${formatYuan(l.budgetFen)}</td><td>${l.maxPriceFen === null ? '—' : formatYuan(l.maxPriceFen)}</td></tr>`)
        .join('');
      return {
        title: `${f.projectTitle}资格预审公告`,
        html: [
          section('项目概况', `<p>${escape(f.projectTitle)}的潜在资格预审申请人应在一网交易平台在线获取资格预审文件，并于${shanghaiDateTime(f.applicationDeadline)}（北京时间）前提交申请文件。</p>`),
          section(
            '一、项目基本情况',
            `<p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p><p>采购方式：${METHOD_ZH[f.method] ?? escape(f.method)}</p><p>预算金额：${formatYuan(f.lots.reduce((s, l) => s + l.budgetFen, 0))}元</p>` +
              `<table border="1" cellpadding="4"><tr><th>标项</th><th>名称</th><th>预算金额（元）</th><th>最高限价（元）</th></tr>${lots}</table>` +
              `<p>采购需求：${escape(f.summary)}</p><p>合同履行期限：${escape(f.contractPeriod)}</p><p>本项目${f.consortiumAllowed ? '接受' : '不接受'}联合体。</p>`,
          ),
          section('二、申请人的资格要求', `<ol>${f.qualifications.map((q) => `<li>${escape(q)}</li>`).join('')}</ol>`),
          section('三、领取资格预审文件', `<p>时间：${shanghaiDateTime(f.documentsFrom)}至${shanghaiDateTime(f.documentsUntil)}</p><p>地点：${escape(f.documentsPlace)}</p><p>方式：在线获取</p>`),
          section('四、资格预审申请文件的组成及格式', `<p>${escape(f.applicationContents)}</p>`),
          section('五、资格预审的审查标准及方法', `<p>${escape(f.reviewStandard)}</p>`),
          section('六、拟邀请参加投标的供应商数量', `<p>${f.invitedSuppliers === null ? '邀请全部通过资格预审的供应商' : `${f.invitedSuppliers}家`}</p>`),
          section('七、申请文件提交', `<p>截止时间：${shanghaiDateTime(f.applicationDeadline)}（北京时间）</p><p>地点：${escape(f.applicationPlace)}</p>`),
          section('八、资格预审日期', `<p>${shanghaiDateTime(f.reviewDate)}</p>`),
          section('九、公告期限', `<p>自本公告发布之日起5个工作日（至${escape(f.announcementEnds)}）。</p>`),
          section('十、其他补充事宜', `<p>${escape(f.other ?? '无')}</p>`),
          section('十一、凡对本次资格预审提出询问，请按以下方式联系', contacts(f) + `<p>项目联系人：${escape(f.projectContact.name)}；电话：${escape(f.projectContact.phone)}</p>`),
        ].join(''),
      };
    }
    case 'singleSource': {
      // NOTICES.md 单一来源采购公示: sections 一 to 六, at least 5 working days before approval (DS-01).
      const f = fields as unknown as SingleSourceNoticeFields;
      return {
        title: `${f.projectTitle}单一来源采购公示`,
        html: [
          section(
            '一、采购人、项目信息及采用单一来源采购方式的原因',
            `<p>采购人：${escape(f.purchaserName)}</p><p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p><p>拟采购的货物或服务的说明：${escape(f.itemsDescription)}</p>` +
              `<p>拟采购的货物或服务的预算金额：${formatYuan(f.budgetFen)}元</p><p>采用单一来源采购方式的原因及相关说明：${escape(f.reason)}</p>`,
          ),
          section('二、拟定的唯一供应商名称、地址', `<p>${escape(f.supplier.name)}；${escape(f.supplier.address)}</p>`),
          section('三、公示期限', `<p>${shanghaiDateTime(f.publicityFrom)}至${shanghaiDateTime(f.publicityUntil)}（不少于5个工作日）</p>`),
          section('四、其他补充事宜', `<p>${escape(f.other ?? '无')}</p>`),
          section(
            '五、联系方式',
            contacts(f) + `<p>${f.agency ? 3 : 2}. 财政部门：${escape(f.financeDepartment.name)}；联系方式：${escape(f.financeDepartment.contact)}</p>`,
          ),
          section(
            '六、附件：专业人员论证意见',
            `<table border="1" cellpadding="4"><tr><th>姓名</th><th>工作单位</th><th>职称</th><th>论证意见</th></tr>${f.experts
              .map((e) => `<tr><td>${escape(e.name)}</td><td>${escape(e.organisation)}</td><td>${escape(e.title)}</td><td>${escape(e.opinion)}</td></tr>`)
              .join('')}</table>`,
          ),
        ].join(''),
      };
    }
    case 'candidates': {
      // WK-13: the candidates in order, the publicity period and the objection channel (《招标公告和公示信息发布管理办法》第六条).
      const f = fields as unknown as CandidatesNoticeFields;
      const rows = f.candidates
        .map((c) => `<tr><td>第${c.rank}名</td><td>${escape(c.name)}</td><td>${formatYuan(c.priceFen)}</td><td>${c.total === null ? '—' : c.total.toFixed(2)}</td><td>${escape(c.deliveryPeriod ?? '—')}</td></tr>`)
        .join('');
      return {
        title: `${f.projectTitle}（第${f.lotNo}标段）中标候选人公示`,
        html: [
          section('一、项目编号及名称', `<p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p><p>标段：第${f.lotNo}标段 ${escape(f.lotTitle)}</p>`),
          section('二、中标候选人（按排序）', `<table border="1" cellpadding="4"><tr><th>排序</th><th>中标候选人</th><th>投标报价（元）</th><th>评审得分</th><th>工期（交货期）</th></tr>${rows}</table>`),
          section('三、公示期', `<p>${shanghaiDateTime(f.publicityFrom)}至${shanghaiDateTime(f.publicityUntil)}（不少于3日）</p>`),
          section('四、提出异议的渠道和方式', `<p>${escape(f.objectionChannel)}</p>`),
          section('五、联系方式', contacts(f).replace('采购人信息', '招标人信息').replace('采购代理机构信息', '招标代理机构信息') + `<p>${f.agency ? 3 : 2}. 行政监督部门：${escape(f.supervisor.name)}；联系方式：${escape(f.supervisor.contact)}</p>`),
        ].join(''),
      };
    }
    case 'termination': {
      // NOTICES.md 终止公告: 一 编号/名称, 二 终止原因, 三 其他补充事宜, 四 联系方式.
      const f = fields as unknown as TerminationNoticeFields;
      return {
        title: `${f.projectTitle}终止公告`,
        html: [
          section('一、项目基本情况', `<p>采购项目编号：${escape(f.projectNumber)}</p><p>采购项目名称：${escape(f.projectTitle)}</p>`),
          section('二、项目终止的原因', `<p>${escape(f.reason)}${f.ruleId ? `（${escape(f.ruleId)}）` : ''}</p>`),
          section('三、其他补充事宜', `<p>${escape(f.other ?? '已获取采购文件的潜在供应商将另行书面通知；已收取的投标保证金依法退还。')}</p>`),
          section('四、凡对本次公告内容提出询问，请按以下方式联系', contacts(f)),
        ].join(''),
      };
    }
    case 'complaintDecision': {
      const f = fields as unknown as ComplaintDecisionNoticeFields;
      const outcome = { upheld: '投诉事项成立', dismissed: '投诉事项缺乏事实依据，驳回投诉', falseComplaint: '投诉人捏造事实、提供虚假材料，驳回投诉并记入信用记录' }[f.outcome];
      return {
        title: `${f.projectTitle}投诉处理结果公告`,
        html: [
          section('一、投诉案件编号', `<p>${escape(f.caseNumber)}</p>`),
          section('二、采购项目', `<p>项目编号：${escape(f.projectNumber)}</p><p>项目名称：${escape(f.projectTitle)}</p>`),
          section('三、当事人', `<p>投诉人：${escape(f.complainant)}</p><p>被投诉人：${f.respondents.map(escape).join('、')}</p>`),
          section('四、投诉事项', `<ol>${f.matters.map((m) => `<li>${escape(m)}</li>`).join('')}</ol>`),
          section('五、处理依据', `<p>${escape(f.findings)}</p><p>${escape(f.basis)}</p>`),
          section('六、处理结果', `<p>${outcome}。</p>`),
          section('七、处理机关', `<p>${escape(f.department)}</p><p>${escape(f.decidedOn)}</p><p>投诉人对投诉处理决定不服的，可以依法申请行政复议或者向人民法院提起行政诉讼（QC-13）。</p>`),
        ].join(''),
      };
    }
    case 'acceptance': {
      // NOTICES.md 履约验收结果公告: 一–五 as the contract notice, 六 合同主要信息, 七 本次验收内容, then date, members, opinion.
      const f = fields as unknown as AcceptanceNoticeFields;
      const party = (label: string, x: Party) => `<p>${label}：${escape(x.name)}；地址：${escape(x.address)}；联系方式：${escape(x.contact)}</p>`;
      const verdict = { pass: '验收合格', partial: '部分合格', fail: '验收不合格' }[f.result];
      return {
        title: `${f.contractTitle}履约验收结果公告（第${f.milestone.no}期）`,
        html: [
          section('一、合同编号', `<p>${escape(f.contractNumber)}</p>`),
          section('二、合同名称', `<p>${escape(f.contractTitle)}</p>`),
          section('三、项目编号', `<p>${escape(f.projectNumber ?? '—')}</p>`),
          section('四、项目名称', `<p>${escape(f.projectTitle ?? '—')}</p>`),
          section('五、合同主体', party('采购人（甲方）', f.purchaser) + party('供应商（乙方）', f.supplier)),
          section(
            '六、合同主要信息',
            itemsTable(f.items) + `<p>合同金额：${formatYuan(f.priceFen)}元</p><p>履约期限：${escape(f.performancePeriod)}；履约地点：${escape(f.performancePlace)}</p>${f.method ? `<p>采购方式：${METHOD_ZH[f.method] ?? escape(f.method)}</p>` : ''}`,
          ),
          section('七、本次验收内容', `<p>第${f.milestone.no}期：${escape(f.milestone.name)}</p><p>验收标准：${escape(f.milestone.acceptanceCriteria)}</p>`),
          section('八、验收日期', `<p>${escape(f.acceptanceDate)}</p>`),
          section('九、验收组成员', `<p>${f.members.map(escape).join('、')}</p>`),
          section('十、验收意见', `<p>${verdict}。${escape(f.findings || '')}</p>`),
          section('十一、其他补充事宜', '<p>无</p>'),
        ].join(''),
      };
    }
    default:
      throw new Error(`no renderer for notice type ${type}`);
  }
}

export interface LetterFields {
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
  lotTitle: string;
  supplierName: string;
  kind: 'winner' | 'result';
  priceFen: number;
  evaluatedPriceFen: number;
  total: number | null;
  rank: number | null;
  bidders: number;
  valid: boolean;
  invalidReasons: string[];
  winnerName: string;
  winnerPriceFen: number;
  issuedAt: string;
  /** The project's method and category (letters issued before they were recorded have none: a tender's words). */
  method?: Method;
  category?: Category;
}

/**
 * 中标通知书 / 结果通知书 (GP-74): the winner's award letter, or a bidder's own score and rank.
 * The e-seal is the platform's signature over the letter's content hash, shown with the stamp.
 */
export function renderLetterHtml(f: LetterFields, seal: { contentHash: string; signature: string; keyId: string; platformName: string }): string {
  // 中标 after a tender, 成交 after the non-tender methods (RQ-03, NG-06, CS-09).
  const award = f.method ? methodDefinition(f.method, f.category ?? 'goods').award : null;
  const won = award?.won['zh-CN'] ?? '中标';
  const body =
    f.kind === 'winner'
      ? `<p>${escape(f.supplierName)}：</p><p>你方于本项目（项目编号：${escape(f.projectNumber)}）标项${f.lotNo}“${escape(f.lotTitle)}”的${won === '中标' ? '投标' : '响应'}已被确定为${won}，${won}金额为人民币${formatYuan(f.priceFen)}元。</p><p>请自本通知书发出之日起30日内，按照采购文件和${won === '中标' ? '投标文件' : '响应文件'}与采购人签订政府采购合同（GP-75）。</p>`
      : `<p>${escape(f.supplierName)}：</p><p>本项目（项目编号：${escape(f.projectNumber)}）标项${f.lotNo}“${escape(f.lotTitle)}”的采购结果已确定，${won}供应商为${escape(f.winnerName)}，${won}金额${formatYuan(f.winnerPriceFen)}元。</p>` +
        (f.valid
          ? `<p>你方投标报价${formatYuan(f.priceFen)}元，评审价${formatYuan(Math.round(f.evaluatedPriceFen))}元${f.total === null ? '' : `，综合得分${f.total.toFixed(2)}分`}，在${f.bidders}家投标人中排名第${f.rank}。</p>`
          : `<p>你方投标未通过评审，原因：${f.invalidReasons.map(escape).join('；')}。</p>`);
  return documentHtml(
    f.kind === 'winner' ? (award?.letter['zh-CN'] ?? '中标通知书') : '采购结果通知书',
    `<p>项目名称：${escape(f.projectTitle)}</p>${body}` +
      `<div style="text-align:right;margin-top:40px"><div class="stamp">${escape(seal.platformName)}<br>电子签章</div><p>${shanghaiDateTime(f.issuedAt)}</p></div>` +
      `<p class="sig">内容摘要 SHA-256：${seal.contentHash}<br>平台签章（Ed25519，密钥 ${seal.keyId}）：${seal.signature}<br>核验：GET /api/public/receipt-key 取得平台公钥，对 {"contentHash": 摘要} 验签。</p>`,
  );
}

const DOCUMENT_CSS =
  "body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:12pt;line-height:1.7;padding:16px}h1{text-align:center;font-size:20pt;letter-spacing:.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:4px;font-size:10pt}" +
  // The signature block is never split from its seals across a page break.
  '.parties{display:flex;justify-content:space-between;margin-top:32px;break-inside:avoid}.party{width:45%}' +
  '.stamp{display:inline-block;width:140px;height:140px;border:4px solid #c00;border-radius:50%;color:#c00;text-align:center;font-size:11pt;line-height:1.3;padding-top:46px;box-sizing:border-box;transform:rotate(-12deg)}' +
  '.sig{font-family:monospace;font-size:7pt;color:#555;word-break:break-all}';

/** A printable document (rendered to PDF by Chromium): a centred title over the body, in the platform's document style. */
export function documentHtml(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${DOCUMENT_CSS}</style></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}
