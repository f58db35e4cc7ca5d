/**
 * Words of public procurement that jieba's general dictionary lacks or splits by context: without
 * them "2025年老旧小区改造" segments as 年老/旧/小区 and a search for 老旧小区 misses it. Loaded
 * over the general dictionary with a high frequency, so these win over accidental neighbours.
 * Changing this list changes how notices are segmented: existing search rows must be rebuilt
 * (DELETE FROM notice_search; the start-up step indexes them again).
 */
export const PROCUREMENT_WORDS = [
  '一网交易', '公共资源交易', '政府采购', '采购意向', '采购公告', '采购文件', '招标文件', '响应文件', '投标文件',
  '公开招标', '邀请招标', '竞争性谈判', '竞争性磋商', '单一来源', '框架协议', '询价',
  '采购人', '采购代理机构', '代理机构', '供应商', '投标人', '中标人', '成交供应商', '评审专家',
  '中标', '成交', '废标', '流标', '更正公告', '终止公告', '合同公告', '履约验收',
  '预算金额', '最高限价', '投标保证金', '履约保证金', '价格扣除', '中小企业', '小微企业', '监狱企业', '残疾人福利性单位',
  '统一社会信用代码', '品目', '标项', '采购包',
  '老旧小区', '智慧黑板', '智慧教室', '学生终端', '物业管理', '物业服务',
  '信息系统', '运维服务', '排水管网', '雨污分流', '河道整治', '校舍', '医用耗材', '彩色超声', '诊断仪', '新能源',
  '公交车', '档案数字化', '课后托管', '食堂餐饮', '法律顾问', '审计服务', '安保服务', '保洁服务', '车辆租赁',
];

/** The list in jieba's dictionary format (word, frequency, part of speech). */
export const procurementDictionary = () => new TextEncoder().encode(PROCUREMENT_WORDS.map((w) => `${w} 20000 n`).join('\n') + '\n');
