import type { CatalogueKind } from '../catalogue';

/**
 * A believable Shanghai set of the six catalogues and lists. Illustrative demo content drawn
 * from the seed documents and the laws RULES.md cites; not an official list.
 */
type Item = { code: string; data: Record<string, unknown> };

const trading = (code: string, name: string, tradingType: string, entryLevel: 'mandatory' | 'voluntary', scope: string, platformCode: string, authority: string, legalBasis?: string): Item => ({
  code,
  data: { name, tradingType, entryLevel, scope, platformCode, authority, legalBasis: legalBasis ?? null },
});

const platform = (code: string, sub: string | null, operatorName: string, tradingTypes: string[], integration: string, marketBased = false): Item => ({
  code,
  data: {
    unifiedName: sub ? `上海市公共资源交易平台（${sub}分平台）` : '上海市公共资源交易平台',
    centreName: sub ? `上海市公共资源交易中心（${sub}分中心）` : '上海市公共资源交易中心',
    operatorName,
    tradingTypes,
    integration,
    marketBased,
  },
});

const rule = (code: string, title: string, documentNumber: string | null, issuer: string, level: string, tradingType: string, effectiveDate: string | null): Item => ({
  code,
  data: { title, documentNumber, issuer, level, tradingType, effectiveDate, status: 'inForce' },
});

export const DEMO_CATALOGUES: Record<CatalogueKind, { title: string; items: Item[] }> = {
  tradingCatalogue: {
    title: '上海市公共资源交易目录',
    items: [
      trading('T01', '依法必须招标的工程建设项目招标投标', 'construction', 'mandatory', '本市依法必须招标的房屋建筑、市政、交通、水务等工程的施工、勘察、设计、监理及重要设备材料采购', 'P02', '市住房城乡建设管理委、市交通委、市水务局', '招标投标法；招标投标法实施条例'),
      trading('T02', '政府采购', 'governmentProcurement', 'mandatory', '本市各级国家机关、事业单位和团体组织使用财政性资金采购集中采购目录以内或者限额标准以上的货物、工程和服务', 'P03', '市财政局', '政府采购法；政府采购法实施条例'),
      trading('T03', '国有建设用地使用权出让', 'land', 'mandatory', '以招标、拍卖、挂牌方式出让国有建设用地使用权', 'P04', '市规划资源局'),
      trading('T04', '企业国有产权交易', 'propertyRights', 'mandatory', '企业国有产权转让、企业增资、企业资产转让', 'P05', '市国资委'),
      trading('T05', '碳排放权交易', 'carbon', 'mandatory', '本市碳排放配额及核证自愿减排量交易', 'P06', '市生态环境局'),
      trading('T06', '司法拍卖', 'judicialAuction', 'mandatory', '人民法院委托的涉诉资产拍卖', 'P07', '市高级人民法院、市商务委'),
      trading('T07', '机电设备国际招标', 'equipment', 'mandatory', '使用国有资金的机电产品国际招标', 'P08', '市经济信息化委、市商务委'),
      trading('T08', '农村集体产权交易', 'rural', 'mandatory', '农村集体土地经营权、集体经营性资产、集体资产股权等涉农产权', 'P09', '市农业农村委'),
      trading('T09', '药品和医用耗材集中采购', 'medical', 'mandatory', '公立医疗机构药品、医用耗材集中带量采购与挂网采购', 'P10', '市医保局'),
      trading('T10', '知识产权交易', 'ip', 'voluntary', '专利、商标、著作权等知识产权转让与许可', 'P11', '市知识产权局'),
      trading('T11', '数据交易', 'data', 'voluntary', '数据产品挂牌交易', 'P12', '市经济信息化委'),
      trading('T12', '限额以下工程招标采购', 'other', 'voluntary', '不属于依法必须招标范围的国有资金投资工程及服务采购', 'P01', '市发展改革委'),
    ],
  },
  platformCatalogue: {
    title: '上海市公共资源交易平台目录',
    items: [
      platform('P01', null, '上海联合产权交易所（综合交易系统）', ['other', 'governmentProcurement'], 'integrated'),
      platform('P02', '建设工程招投标', '上海市建设工程交易服务中心', ['construction'], 'connected'),
      platform('P03', '政府采购', '上海市政府采购中心', ['governmentProcurement'], 'connected'),
      platform('P04', '土地交易', '上海市土地交易事务中心', ['land'], 'connected'),
      platform('P05', '国有产权', '上海联合产权交易所', ['propertyRights'], 'integrated'),
      platform('P06', '碳排放交易', '上海环境能源交易所', ['carbon'], 'connected', true),
      platform('P07', '司法拍卖', '上海市拍卖行业协会', ['judicialAuction'], 'connected'),
      platform('P08', '机电设备招投标', '上海市机电设备招标服务中心', ['equipment'], 'connected'),
      platform('P09', '农村产权', '上海农村产权交易所', ['rural'], 'planned'),
      platform('P10', '医药采购', '上海市医药集中招标采购事务管理所', ['medical'], 'connected'),
      platform('P11', '知识产权', '上海知识产权交易中心', ['ip'], 'planned', true),
      platform('P12', '数据交易', '上海数据交易所', ['data'], 'planned', true),
    ],
  },
  rulesCatalogue: {
    title: '上海市公共资源交易规则目录',
    items: [
      rule('R01', '中华人民共和国政府采购法', null, '全国人民代表大会常务委员会', 'law', 'governmentProcurement', '2014-08-31'),
      rule('R02', '中华人民共和国政府采购法实施条例', '国务院令第658号', '国务院', 'administrativeRegulation', 'governmentProcurement', '2015-03-01'),
      rule('R03', '政府采购货物和服务招标投标管理办法', '财政部令第87号', '财政部', 'departmentalRule', 'governmentProcurement', '2017-10-01'),
      rule('R04', '政府采购质疑和投诉办法', '财政部令第94号', '财政部', 'departmentalRule', 'governmentProcurement', '2018-03-01'),
      rule('R05', '政府采购促进中小企业发展管理办法', '财库〔2020〕46号', '财政部、工业和信息化部', 'normativeDocument', 'governmentProcurement', '2021-01-01'),
      rule('R06', '中华人民共和国招标投标法', null, '全国人民代表大会常务委员会', 'law', 'construction', '2017-12-27'),
      rule('R07', '中华人民共和国招标投标法实施条例', '国务院令第613号', '国务院', 'administrativeRegulation', 'construction', '2019-03-02'),
      rule('R08', '电子招标投标办法', '国家发展改革委等八部委令第20号', '国家发展改革委等八部委', 'departmentalRule', 'construction', '2013-05-01'),
      rule('R09', '上海市公共资源交易平台升级改造工作方案', '沪发改法〔2020〕14号', '上海市发展和改革委员会', 'normativeDocument', 'other', '2020-07-10'),
      rule('R10', '市公共资源交易平台与财政国库集中支付平台对接方案', '沪发改法〔2021〕4号', '上海市发展和改革委员会', 'normativeDocument', 'governmentProcurement', '2021-03-15'),
      rule('R11', '关于健全本市政府采购全链条管理的行动方案（2024-2026年）', '沪财采〔2023〕28号', '上海市财政局', 'normativeDocument', 'governmentProcurement', '2023-11-30'),
    ],
  },
  disclosureCatalogue: {
    title: '上海市公共资源交易信息公开目录',
    items: [
      { code: 'D01', data: { item: '政府采购意向公告', tradingType: 'governmentProcurement', content: '采购项目名称、采购需求概况、预算金额、预计采购时间', responsible: '采购人', timeLimit: '原则上不晚于采购活动开始前30日', ruleId: 'GP-08', channel: '一网交易门户', noticeType: ['intention'] } },
      { code: 'D02', data: { item: '招标公告', tradingType: 'governmentProcurement', content: '项目基本情况、资格要求、获取招标文件、投标截止与开标时间地点、联系方式', responsible: '采购人或采购代理机构', timeLimit: '公告期限为5个工作日', ruleId: 'GP-03', channel: '一网交易门户', noticeType: ['tender'] } },
      { code: 'D03', data: { item: '更正公告', tradingType: 'governmentProcurement', content: '原公告信息、更正事项与内容、更正日期', responsible: '采购人或采购代理机构', timeLimit: '影响投标文件编制的，在投标截止时间至少15日前', ruleId: 'GP-05', channel: '一网交易门户', noticeType: ['correction'] } },
      { code: 'D04', data: { item: '开标记录', tradingType: 'governmentProcurement', content: '投标人名称、投标报价、投标保证金及其他开标内容', responsible: '平台（交易中心）', timeLimit: '开标结束后即时', ruleId: 'EB-07', channel: '开标大厅、一网交易门户', noticeType: ['openingRecord'] } },
      { code: 'D05', data: { item: '中标（成交）结果公告', tradingType: 'governmentProcurement', content: '中标供应商名称、地址、中标金额、主要标的信息、评审专家名单', responsible: '采购人或采购代理机构', timeLimit: '中标人确定之日起2个工作日内', ruleId: 'GP-72', channel: '一网交易门户', noticeType: ['award'], trigger: 'awardConfirmed', dueWorkingDays: '2' } },
      { code: 'D06', data: { item: '合同公告', tradingType: 'governmentProcurement', content: '合同编号、合同主体、主要标的、合同金额、履约期限', responsible: '采购人', timeLimit: '合同签订之日起2个工作日内', ruleId: 'GP-76', channel: '一网交易门户', noticeType: ['contract'], trigger: 'contractSigned', dueWorkingDays: '2' } },
      { code: 'D07', data: { item: '中标候选人公示', tradingType: 'construction', content: '中标候选人名称、排序、投标报价、项目负责人', responsible: '招标人', timeLimit: '收到评标报告之日起3日内公示，公示期不少于3日', ruleId: 'WK-13', channel: '一网交易门户' } },
      { code: 'D08', data: { item: '投诉处理结果', tradingType: 'governmentProcurement', content: '当事人、投诉事项、处理依据、处理结果', responsible: '财政部门', timeLimit: '作出处理决定后', ruleId: 'QC-12', channel: '一网交易门户' } },
      { code: 'D09', data: { item: '废标公告（终止公告）', tradingType: 'governmentProcurement', content: '采购项目编号和名称、废标（终止）的标项及理由、联系方式', responsible: '采购人或采购代理机构', timeLimit: '废标之日起2个工作日内', ruleId: 'GP-35', channel: '一网交易门户', noticeType: ['failure', 'termination'], trigger: 'lotFailed', dueWorkingDays: '2' } },
      { code: 'D10', data: { item: '终止公告', tradingType: 'governmentProcurement', content: '采购项目编号和名称、项目终止的原因、其他补充事宜、联系方式', responsible: '采购人或采购代理机构', timeLimit: '采购任务取消后及时（2个工作日内）', ruleId: 'DS-02', channel: '原公告发布媒体', noticeType: ['termination'], trigger: 'projectCancelled', dueWorkingDays: '2' } },
      { code: 'D11', data: { item: '履约验收结果公告', tradingType: 'governmentProcurement', content: '合同信息、本次验收内容、验收日期、验收组成员、验收意见', responsible: '采购人', timeLimit: '验收结束之日起2个工作日内', ruleId: 'DS-03', channel: '一网交易门户', noticeType: ['acceptance'], trigger: 'acceptanceRecorded', dueWorkingDays: '2' } },
      { code: 'D12', data: { item: '单一来源采购公示', tradingType: 'governmentProcurement', content: '采购人、项目名称、拟采购货物或服务说明、预算金额、单一来源原因、拟定供应商、专业人员论证意见', responsible: '采购人或采购代理机构', timeLimit: '报财政部门批准前公示，公示期不少于5个工作日', ruleId: 'DS-01', channel: '一网交易门户', noticeType: ['singleSource'] } },
      { code: 'D13', data: { item: '资格预审公告', tradingType: 'governmentProcurement', content: '项目基本情况、资格要求、领取资格预审文件、审查标准、申请文件提交、联系方式', responsible: '采购人或采购代理机构', timeLimit: '公告期限为5个工作日；提交申请文件的时间不少于5个工作日', ruleId: 'GP-04', channel: '一网交易门户', noticeType: ['prequalification'] } },
    ],
  },
  serviceList: {
    title: '上海市公共资源交易服务清单',
    items: [
      { code: 'S01', data: { name: '交易信息发布', category: 'information', provider: '上海市公共资源交易中心', online: true, charge: '免费', timeLimit: '提交后1个工作日内发布' } },
      { code: 'S02', data: { name: '开标、评标场所预约', category: 'venue', provider: '上海市公共资源交易中心及各分中心', online: true, charge: '免费', timeLimit: '按预约时段' } },
      { code: 'S03', data: { name: '评审专家随机抽取', category: 'expertSampling', provider: '上海市公共资源交易中心', online: true, charge: '免费', timeLimit: '开标前按需抽取' } },
      { code: 'S04', data: { name: '交易现场见证', category: 'witness', provider: '上海市公共资源交易中心', online: true, charge: '免费' } },
      { code: 'S05', data: { name: '交易档案查询', category: 'archive', provider: '上海市公共资源交易中心', online: true, charge: '免费', timeLimit: '申请后3个工作日内' } },
      { code: 'S06', data: { name: '电子保函开具', category: 'finance', provider: '入驻金融机构', online: true, charge: '按金融机构公示费率' } },
      { code: 'S07', data: { name: '保证金收取与退还', category: 'finance', provider: '上海市公共资源交易中心', online: true, charge: '免费', timeLimit: '中标结果公告后5个工作日内退还未中标人' } },
    ],
  },
  dutyList: {
    title: '上海市公共资源交易监管权责清单',
    items: [
      { code: 'Y01', data: { department: '市发展改革委', powerType: 'inspection', item: '公共资源交易平台运行监督检查', legalBasis: '公共资源交易平台管理暂行办法', responsibility: '统筹协调平台整合共享，对平台运行进行综合监督' } },
      { code: 'Y02', data: { department: '市财政局', powerType: 'adjudication', item: '政府采购投诉处理', legalBasis: '政府采购法第五十五条、第五十六条；政府采购质疑和投诉办法', responsibility: '收到投诉后30个工作日内作出处理决定' } },
      { code: 'Y03', data: { department: '市财政局', powerType: 'penalty', item: '政府采购违法行为行政处罚', legalBasis: '政府采购法第七十一条至第七十七条', responsibility: '依法调查处理政府采购当事人违法行为' } },
      { code: 'Y04', data: { department: '市住房城乡建设管理委', powerType: 'inspection', item: '房屋建筑和市政工程招标投标活动监督', legalBasis: '招标投标法；招标投标法实施条例', responsibility: '对招标投标活动实施监督，依法查处违法行为' } },
      { code: 'Y05', data: { department: '市规划资源局', powerType: 'inspection', item: '国有建设用地使用权出让监督', legalBasis: '土地管理法', responsibility: '对土地出让交易活动实施监督' } },
      { code: 'Y06', data: { department: '市国资委', powerType: 'inspection', item: '企业国有产权交易监督', legalBasis: '企业国有资产交易监督管理办法', responsibility: '对企业国有产权交易实施监督' } },
    ],
  },
};
