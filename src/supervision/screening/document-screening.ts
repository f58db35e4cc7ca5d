import { bilingual, type Bilingual } from '../../platform/errors';

/**
 * Preventive screening of tender documents (in the spirit of Brazil's ALICE robot): before the submission
 * deadline, flag clauses of the notice and the procurement documents that look like the discriminatory
 * conditions of 政府采购法实施条例 第二十条 (RULES.md GP-93). Pure functions over text: no database, no HTTP.
 *
 * A warning is a prompt for a person to read the clause, never a finding: the patterns are phrasings that
 * usually restrict competition, and a legitimate requirement can share them.
 *
 * Articles cited: 实施条例 第二十条 (items (一)–(八)) and 政府采购法 第十条 were read in the full texts
 * (RULES.md [TXT]). 《政府采购促进中小企业发展管理办法》(财库〔2020〕46号) 第五条 (no size or financial
 * thresholds as qualification or score) is cited from memory ([MEM]): confirm before quoting it in a decision.
 */

export type ScreeningCode = 'TS-01' | 'TS-02' | 'TS-03' | 'TS-04' | 'TS-05' | 'TS-06';

/** Where the clause is: one notice field (by its name) or the documents' text. */
export type ScreeningSource = `field:${string}` | 'document';

export interface ScreeningWarning {
  code: ScreeningCode;
  ruleId: string;
  basis: Bilingual;
  message: Bilingual;
  source: ScreeningSource;
  /** The clause to highlight: [start, end) character offsets (as JavaScript strings index them) in the source text. */
  start: number;
  end: number;
  excerpt: string;
  /** The phrase that triggered the warning, inside the clause (absent for TS-06, where the whole clause matches). */
  match?: { start: number; end: number; text: string };
  /** TS-06: where the clause was found, and how similar it is (character 3-gram Jaccard). */
  similarTo?: SimilarClause;
  severity: 'warning';
}

export type SimilarClause =
  | { kind: 'earlierDocument'; id: string; title: string; start: number; end: number; excerpt: string; similarity: number }
  | { kind: 'supplierBrochure'; supplierName: string; start: number; end: number; excerpt: string; similarity: number };

export interface SupplierBrochure {
  supplierName: string;
  text: string;
}

export interface ScreeningInput {
  /** The notice's fields, e.g. { qualificationRequirements: '…', scoringCriteria: '…' }. */
  fields: Record<string, string>;
  /** The tender documents' text. */
  documentText: string;
  /** The same purchaser's earlier documents. */
  earlierDocuments?: { id: string; title: string; text: string }[];
  /** Product brochures of suppliers, to find technical parameters copied from one of them. */
  supplierBrochures?: SupplierBrochure[];
}

export interface ScreeningSettings {
  /** TS-06: a clause at least this similar (character 3-gram Jaccard) to an earlier one is reported. */
  similarityThreshold: number;
  /** TS-06: clauses shorter than this (after normalising) are not compared: short ones match by chance. */
  minClauseChars: number;
  /**
   * TS-06: a 3-gram found in more earlier clauses than this is not used to find candidates (a common
   * phrase such as 投标人 would make the search quadratic); candidates are still scored on all their 3-grams.
   */
  maxPostingsPerGram: number;
}

/**
 * 0.85: a 40-character clause with one character changed in the middle still scores 35/41 = 0.854
 * (three 3-grams lost), with two changes 32/44 = 0.727: "nearly verbatim" means at most one edit in
 * forty characters. 12 characters: shorter clauses (headings, "投标人须知") repeat in every document.
 */
export const DEFAULT_SCREENING_SETTINGS: ScreeningSettings = { similarityThreshold: 0.85, minClauseChars: 12, maxPostingsPerGram: 2000 };

/** A screening rule as data: what it cites, what it tells the reader, and the phrasings it looks for. */
export interface ScreeningRule {
  code: Exclude<ScreeningCode, 'TS-06'>;
  ruleId: string;
  basis: Bilingual;
  message: Bilingual;
  /** Any match in a clause flags the clause (unless negated before it, see NEGATION). */
  patterns: readonly RegExp[];
  /** The clause must also make it a condition or a score (a mention alone is not a restriction). */
  context?: RegExp;
  /** The clause is exempt when it says this (e.g. a commitment to be met after the award). */
  unless?: RegExp;
}

// Provinces and municipalities by name: a region is named either so or by 本市/本地…; a generic "XX市"
// pattern would also catch 城市道路 or 节省.
const PROVINCES = '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆';
const LOCAL = '本市|本省|本区|本县|本地区|本地|当地|本辖区|辖区内|省内|市内|区内|县内';
const REGION = `(?:${LOCAL}|(?:${PROVINCES})(?:省|市|自治区)?(?:[\\u4e00-\\u9fa5]{1,6}?(?:市|区|县))?(?:范围|区域|辖区)?内?)`;
const ACHIEVEMENT = '(?:业绩|项目经验|服务案例|奖项|获奖|荣誉|优质工程|[\\u4e00-\\u9fa5]{0,6}奖)';
const NEAR = '[^，,。；;\\n]{0,12}?';
// The name before 行业 / 系统内: Chinese characters but not the verbs and particles that precede it ("具有", "不得以"),
// so the match starts at the sector's name and a negation before it stays outside the match.
const SECTOR_NAME = '[^\\x00-\\x7f\\s，,。；;：:、（）“”有具备以在为须得的及和或与将把按]';

/** Words that make a clause a qualification (须/应/具有…) or a scoring item (得/加…分). */
const CONDITION_OR_SCORE = /须|必须|应当?|要求|需具|具有|具备|提供|资格|条件|不低于|不少于|不小于|以上|达到|≥|>=|大于|超过|得分|加分|评分|分值|\d+(?:\.\d+)?分|优先/;

/** A negation before the match in the same part of a sentence turns a prohibition into a reminder: "不得以注册资本作为资格条件"; a bare 不 right before it too (不接受进口产品). */
const NEGATION = /不得|不应|不能|不可|禁止|严禁|不以|不将|不把|不作为|不接受|不允许|不要求|无需|无须|不需|不设|不涉及|不含|不$/;

const GP20 = '《政府采购法实施条例》第二十条';
const GP20_EN = 'Regulations on the Implementation of the Government Procurement Law, art. 20';

export const SCREENING_RULES: readonly ScreeningRule[] = [
  {
    code: 'TS-01',
    ruleId: 'GP-93',
    basis: bilingual(
      `${GP20}第（二）项、第（四）项、第（七）项：以特定行政区域的业绩、奖项作为加分条件或者中标、成交条件；非法限定供应商的所在地`,
      `${GP20_EN}, items (2), (4) and (7): performance or awards in a specific administrative region as a scoring or award condition; unlawfully restricting where suppliers are located`,
    ),
    message: bilingual(
      '本条款以特定地区的业绩、奖项、注册地或本地机构作为资格条件或评分因素，可能构成对外地供应商的差别待遇，请核实其与合同履行的关系。',
      'This clause makes performance, awards, registration or an office in a specific region a qualification or a score; it may discriminate against suppliers from elsewhere. Check that it is needed to perform the contract.',
    ),
    patterns: [
      new RegExp(`${REGION}${NEAR}${ACHIEVEMENT}`),
      new RegExp(`(?:${LOCAL}|(?:${PROVINCES})(?:省|市|自治区)?)(?:注册|登记注册|工商注册|纳税|缴纳社保|缴纳税收)`),
      new RegExp(`(?:注册地|住所地?|所在地)(?:须|必须|应当?)?(?:为|在|位于)(?:${LOCAL}|${PROVINCES})`),
      new RegExp(`(?:在|于)${REGION}(?:设有|设立|拥有|具有|建有)${NEAR}(?:分支机构|分公司|子公司|办事处|服务网点|售后服务机构|维修站|办公场所|常驻机构)`),
    ],
    context: CONDITION_OR_SCORE,
    // A commitment to set up local service after the award is a performance term, not a barrier to bidding.
    unless: /(?:中标|成交|签订合同|合同签订)后|履约期间/,
  },
  {
    code: 'TS-02',
    ruleId: 'GP-93',
    basis: bilingual(
      `${GP20}第（四）项：以特定行业的业绩、奖项作为加分条件或者中标、成交条件`,
      `${GP20_EN}, item (4): performance or awards in a specific industry as a scoring or award condition`,
    ),
    message: bilingual(
      '本条款以特定行业或系统内的业绩、奖项作为资格条件或评分因素，可能排斥其他行业中有同类业绩的供应商。',
      'This clause makes performance or awards within a specific industry or government system a qualification or a score; it may exclude suppliers with similar work in other sectors.',
    ),
    patterns: [
      // "系统" only with 内 (系统内业绩): "视频监控系统业绩" is the kind of work, not a sector.
      new RegExp(`(?:${SECTOR_NAME}{1,8}?行业|${SECTOR_NAME}{1,8}?系统内部?|行业内)${NEAR}${ACHIEVEMENT}`),
      /行业协会[^，,。；;\n]{0,12}?(?:奖|荣誉|评定|排名|认定)/,
    ],
    context: CONDITION_OR_SCORE,
  },
  {
    code: 'TS-03',
    ruleId: 'GP-93',
    basis: bilingual(
      `${GP20}第（三）项、第（六）项：采购需求指向特定供应商、特定产品；限定或者指定特定的专利、商标、品牌或者供应商。《政府采购法》第十条：政府采购应当采购本国货物、工程和服务（采购进口产品须经财政部门核准）`,
      `${GP20_EN}, items (3) and (6): requirements pointing to a specific supplier or product; restricting to or naming specific patents, trademarks, brands or suppliers. Government Procurement Law art. 10: domestic goods, works and services unless an exception applies (imports need the finance department's approval)`,
    ),
    message: bilingual(
      '本条款指定或限定品牌、厂商、供应商或原厂授权，或允许进口产品而未说明已获核准，可能指向特定产品或供应商。',
      'This clause names or restricts a brand, manufacturer or supplier, requires the manufacturer\'s authorisation, or admits imported products without saying they were approved; it may point to a specific product or supplier.',
    ),
    patterns: [
      /指定(?:的)?(?:品牌|厂家|厂商|制造商|供应商|型号|产品|生产商)/,
      // "品牌：____" and "品牌：不限" are blanks or freedom for the bidder, not a restriction.
      /品牌(?:须为|必须为|应为|限定为?|为|[:：])(?!\s*(?:不限|自选|自定|投标人自[定选报]|无|[_＿/／]))/,
      /(?:只能|仅限|限定|限于|(?:必须|须)(?:选用|采用|使用))[^，,。；;\n]{0,10}?(?:品牌|厂家|厂商|制造商)/,
      /或同等(?:品质|档次|质量|性能)?(?:的)?(?:品牌|产品)?/,
      /(?:原厂|制造商|生产厂家?|厂家|厂商)(?:的)?(?:针对本项目的?)?(?:授权|授权书|售后服务承诺函)/,
      /(?:接受|允许|可以?投|可采购|采购)进口(?:产品|设备|货物)|进口(?:产品|设备|品牌)(?:优先|加分)/,
      /指定[^，,。；;\n]{0,8}?(?:供应商|厂家|公司)/,
    ],
    // Imports approved by the finance department (进口产品论证, 财政部门核准) are lawful (政府采购法 第十条).
    unless: /财政部门(?:审核|核准|批准|同意)|已(?:经)?(?:审核|核准|批准|论证)|经论证/,
  },
  {
    code: 'TS-04',
    ruleId: 'GP-93',
    basis: bilingual(
      `${GP20}第（二）项、第（七）项；《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）第五条：不得以注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件和财务指标作为资格要求或者评审因素，不得非法限定供应商的所有制形式`,
      `${GP20_EN}, items (2) and (7); Measures on Government Procurement Promoting SMEs (Cai Ku [2020] No. 46), art. 5: registered capital, total assets, revenue, headcount, profit or tax paid may not be qualifications or scoring factors; ownership form may not be restricted unlawfully`,
    ),
    message: bilingual(
      '本条款以企业规模、财务指标或所有制形式作为资格条件或评分因素，可能排斥中小企业或其他所有制企业。',
      'This clause makes company size, financial indicators or ownership form a qualification or a score; it may exclude SMEs or firms of another ownership.',
    ),
    patterns: [
      /注册资本|注册资金|实缴资本|资产总额|总资产|净资产|营业收入|营业额|年产值|销售额|销售收入|利润总额|净利润|年利润|纳税额|纳税总额|从业人员|职工人数|员工人数|员工总数|在职员工|社保人数|经营年限|成立年限|成立时间/,
      /(?:须为|必须为|应为|仅限|限于?|属于)(?:国有|国营|中央|央企|国企|上市|外资)[^，,。；;\n]{0,4}?(?:企业|公司|控股)?|(?:国有企业|国有独资|国有控股|中央企业|央企|国企|上市公司)[^，,。；;\n]{0,6}?(?:优先|加\d|得\d|加分|得分)/,
    ],
    // A size word alone (拟派从业人员须持证上岗) is no threshold: the clause must set one, score it, or make it a condition.
    context: /不低于|不少于|不小于|以上|达到|≥|>=|大于|超过|得分|加分|评分|\d+(?:\.\d+)?分|资格条件|资格要求|评审因素|评分因素|须为|必须为|应为|仅限|限于|优先/,
  },
  {
    code: 'TS-05',
    ruleId: 'GP-93',
    basis: bilingual(
      `${GP20}第（二）项、第（五）项：资格、技术、商务条件与合同履行无关；对供应商采取不同的资格审查或者评审标准`,
      `${GP20_EN}, items (2) and (5): conditions unrelated to performing the contract; different qualification or evaluation standards for different suppliers`,
    ),
    message: bilingual(
      '本条款对不同来源或不同关系的供应商适用不同的要求或评审标准，可能构成差别待遇。',
      'This clause applies different requirements or evaluation standards to suppliers by origin or by their past relationship with the purchaser; it may be unequal treatment.',
    ),
    patterns: [
      /(?:外地|外省|外市|外埠|非本地|非本市|非本省|本地以外|市外|省外)[^，,。；;\n]{0,4}?(?:企业|供应商|投标人|单位)[^，,。；;\n]{0,10}?(?:须|必须|应|需|另行|额外|增加|加收|提高|扣\d|扣分|不予)/,
      /(?:本地|本市|本省|本区|当地)(?:企业|供应商|投标人|单位)[^，,。；;\n]{0,10}?(?:可免|免于|免交|免收|无需|无须|不需|减半|减免|优先|加\d|加分|可不)/,
      /(?:曾|已)?(?:为|与|给)(?:采购人|本单位|招标人)[^，,。；;\n]{0,10}?(?:合作|服务|供货|提供过)[^，,。；;\n]{0,10}?(?:优先|加\d|加分|得\d|得分|免)/,
    ],
  },
];

const DS06_EARLIER = {
  basis: bilingual(
    `${GP20}第（二）项：设定的资格、技术、商务条件应当与采购项目的具体特点和实际需要相适应；《政府采购需求管理办法》：采购需求应当根据本项目的需求调查确定`,
    `${GP20_EN}, item (2): conditions must fit this project's characteristics and actual needs; Measures on Procurement Requirements: requirements come from this project's own needs survey`,
  ),
  message: (title: string, similarity: number) =>
    bilingual(
      `本条款与同一采购人此前的采购文件《${title}》中的条款几乎一字不差（相似度 ${similarity.toFixed(2)}），请核实其是否适合本项目，且不指向此前的中标人。`,
      `This clause is nearly word for word the same as one in the purchaser's earlier documents "${title}" (similarity ${similarity.toFixed(2)}); check that it fits this project and does not point to the earlier winner.`,
    ),
};

const DS06_BROCHURE = {
  basis: bilingual(
    `${GP20}第（三）项：采购需求中的技术、服务等要求指向特定供应商、特定产品`,
    `${GP20_EN}, item (3): technical or service requirements pointing to a specific supplier or product`,
  ),
  message: (supplierName: string, similarity: number) =>
    bilingual(
      `本条款与供应商“${supplierName}”的产品说明书几乎一字不差（相似度 ${similarity.toFixed(2)}），技术参数可能照搬某一供应商的产品。`,
      `This clause is nearly word for word the same as supplier "${supplierName}"'s brochure (similarity ${similarity.toFixed(2)}); the technical parameters may be copied from one supplier's product.`,
    ),
};

/** TS-06 compares requirement clauses only: a clause that asks for something (须, 应, ≥ …), not a heading or a date. */
const REQUIREMENT = /须|必须|应|要求|具有|具备|支持|提供|不低于|不少于|不小于|不高于|不大于|以上|以下|≥|≤|>=|<=|满足|符合|采用|配置|配备|得分|加分|\d+(?:\.\d+)?分/;

export interface Clause {
  start: number;
  end: number;
  text: string;
}

/** The text cut into clauses at 。；; ！？!? and line breaks, each trimmed of surrounding whitespace; offsets into `text`. */
export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  const boundary = /[。；;！？!?\n\r]/g;
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) clauses.push({ start: a, end: b, text: text.slice(a, b) });
  };
  for (const m of text.matchAll(boundary)) {
    // The delimiter belongs to the clause it ends, so a highlight includes its 。
    const end = /[\n\r]/.test(m[0]) ? m.index : m.index + 1;
    push(from, end);
    from = m.index + 1;
  }
  push(from, text.length);
  return clauses;
}

const withGlobalFlag = (r: RegExp) => new RegExp(r.source, r.flags.includes('g') ? r.flags : `${r.flags}g`);
const COMPILED = new WeakMap<ScreeningRule, RegExp[]>();
const compiled = (rule: ScreeningRule) => {
  let rs = COMPILED.get(rule);
  if (!rs) COMPILED.set(rule, (rs = rule.patterns.map(withGlobalFlag)));
  return rs;
};

/** The negation scope: from the last comma or colon before the match to the match, inside the clause. */
function negated(clause: string, at: number): boolean {
  let from = at;
  while (from > 0 && !/[，,：:]/.test(clause[from - 1]!)) from--;
  return NEGATION.test(clause.slice(from, at));
}

/** The first non-negated match of the rule in the clause, as offsets into the clause. */
function firstMatch(rule: ScreeningRule, clause: string): { index: number; text: string } | null {
  if (rule.unless?.test(clause)) return null;
  if (rule.context && !rule.context.test(clause)) return null;
  let best: { index: number; text: string } | null = null;
  for (const re of compiled(rule)) {
    re.lastIndex = 0;
    for (const m of clause.matchAll(re)) {
      if (m[0].length === 0 || negated(clause, m.index)) continue;
      if (!best || m.index < best.index) best = { index: m.index, text: m[0] };
      break;
    }
  }
  return best;
}

function screenClauses(source: ScreeningSource, text: string, rules: readonly ScreeningRule[]): ScreeningWarning[] {
  const warnings: ScreeningWarning[] = [];
  for (const clause of splitClauses(text)) {
    for (const rule of rules) {
      const m = firstMatch(rule, clause.text);
      if (!m) continue;
      const start = clause.start + m.index;
      warnings.push({
        code: rule.code,
        ruleId: rule.ruleId,
        basis: rule.basis,
        message: rule.message,
        source,
        start: clause.start,
        end: clause.end,
        excerpt: clause.text,
        match: { start, end: start + m.text.length, text: m.text },
        severity: 'warning',
      });
    }
  }
  return warnings;
}

/** Full-width to half-width (NFKC), lower case, no whitespace or punctuation: "≥ 16GB，" and "≥16gb" compare equal. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, (c) => (/[<>=≥≤%]/.test(c) ? c : ''));
}

function trigrams(normalised: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= normalised.length; i++) grams.add(normalised.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of the two texts' sets of character 3-grams after normalising; 0 when either has none. */
export function trigramJaccard(a: string, b: string): number {
  return jaccard(trigrams(normalise(a)), trigrams(normalise(b)));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

interface IndexedClause {
  origin: { kind: 'earlierDocument'; id: string; title: string } | { kind: 'supplierBrochure'; supplierName: string };
  clause: Clause;
  grams: Set<string>;
}

/**
 * An inverted index from 3-gram to the earlier clauses containing it: a clause is compared only with the
 * clauses it shares a (not too common) 3-gram with, so the work grows with the text, not with its square.
 */
class ClauseIndex {
  readonly clauses: IndexedClause[] = [];
  private readonly postings = new Map<string, number[]>();
  constructor(private readonly settings: ScreeningSettings) {}

  add(origin: IndexedClause['origin'], text: string) {
    for (const clause of splitClauses(text)) {
      const n = normalise(clause.text);
      if (n.length < this.settings.minClauseChars) continue;
      const grams = trigrams(n);
      const at = this.clauses.push({ origin, clause, grams }) - 1;
      for (const g of grams) {
        const list = this.postings.get(g);
        if (list) list.push(at);
        else this.postings.set(g, [at]);
      }
    }
  }

  /** The most similar indexed clause at or above the threshold, if any. */
  best(grams: Set<string>): { entry: IndexedClause; similarity: number } | null {
    const { similarityThreshold: t, maxPostingsPerGram } = this.settings;
    const hits = new Map<number, number>();
    let common = 0;
    for (const g of grams) {
      const list = this.postings.get(g);
      if (!list) continue;
      if (list.length > maxPostingsPerGram) {
        common++;
        continue;
      }
      for (const i of list) hits.set(i, (hits.get(i) ?? 0) + 1);
    }
    let best: { entry: IndexedClause; similarity: number } | null = null;
    for (const [i, shared] of hits) {
      const entry = this.clauses[i]!;
      // J ≥ t needs |A∩B| ≥ t·|A| and t·|A| ≤ |B| ≤ |A|/t: skip the exact count when the rare grams alone rule it out.
      const size = entry.grams.size;
      if (size < t * grams.size || size * t > grams.size) continue;
      if (shared + common < t * grams.size) continue;
      const similarity = jaccard(grams, entry.grams);
      if (similarity >= t && (!best || similarity > best.similarity)) best = { entry, similarity };
    }
    return best;
  }
}

function screenSimilarity(source: ScreeningSource, text: string, index: ClauseIndex, settings: ScreeningSettings): ScreeningWarning[] {
  const warnings: ScreeningWarning[] = [];
  for (const clause of splitClauses(text)) {
    if (!REQUIREMENT.test(clause.text)) continue;
    const n = normalise(clause.text);
    if (n.length < settings.minClauseChars) continue;
    const found = index.best(trigrams(n));
    if (!found) continue;
    const { entry, similarity } = found;
    const at = { start: entry.clause.start, end: entry.clause.end, excerpt: entry.clause.text, similarity: round(similarity) };
    const which =
      entry.origin.kind === 'earlierDocument'
        ? { basis: DS06_EARLIER.basis, message: DS06_EARLIER.message(entry.origin.title, similarity), similarTo: { kind: 'earlierDocument' as const, id: entry.origin.id, title: entry.origin.title, ...at } }
        : { basis: DS06_BROCHURE.basis, message: DS06_BROCHURE.message(entry.origin.supplierName, similarity), similarTo: { kind: 'supplierBrochure' as const, supplierName: entry.origin.supplierName, ...at } };
    warnings.push({ code: 'TS-06', ruleId: 'GP-93', basis: which.basis, message: which.message, source, start: clause.start, end: clause.end, excerpt: clause.text, similarTo: which.similarTo, severity: 'warning' });
  }
  return warnings;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Screens the notice's fields and the documents' text. Warnings come in the order of the sources (fields
 * as given, then the document), then by position, then by code. Brochures are compared separately from
 * earlier documents, so a clause copied from both is reported twice: once for each reason.
 */
export function screenDocument(input: ScreeningInput, settings: Partial<ScreeningSettings> = {}, rules: readonly ScreeningRule[] = SCREENING_RULES): ScreeningWarning[] {
  const s = { ...DEFAULT_SCREENING_SETTINGS, ...settings };
  const sources: [ScreeningSource, string][] = [...Object.entries(input.fields).map(([name, value]): [ScreeningSource, string] => [`field:${name}`, value]), ['document', input.documentText]];

  const earlier = new ClauseIndex(s);
  for (const d of input.earlierDocuments ?? []) earlier.add({ kind: 'earlierDocument', id: d.id, title: d.title }, d.text);
  const brochures = new ClauseIndex(s);
  for (const b of input.supplierBrochures ?? []) brochures.add({ kind: 'supplierBrochure', supplierName: b.supplierName }, b.text);

  const warnings: ScreeningWarning[] = [];
  for (const [source, text] of sources) {
    const found = [...screenClauses(source, text, rules)];
    if (earlier.clauses.length) found.push(...screenSimilarity(source, text, earlier, s));
    if (brochures.clauses.length) found.push(...screenSimilarity(source, text, brochures, s));
    found.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
    warnings.push(...found);
  }
  return warnings;
}
