import { describe, expect, it } from 'vitest';
import { normalise, screenDocument, SCREENING_RULES, splitClauses, trigramJaccard, type ScreeningWarning } from './document-screening';

const inField = (text: string) => screenDocument({ fields: { qualificationRequirements: text }, documentText: '' });
const codes = (ws: ScreeningWarning[]) => ws.map((w) => w.code);

describe('rules are data', () => {
  it('every rule declares its code, rule id, bilingual basis and message, and patterns', () => {
    expect(SCREENING_RULES.map((r) => r.code)).toEqual(['TS-01', 'TS-02', 'TS-03', 'TS-04', 'TS-05']);
    for (const r of SCREENING_RULES) {
      expect(r.ruleId).toBe('GP-93');
      expect(r.basis['zh-CN']).toContain('第二十条');
      expect(r.basis['en-US']).toContain('art. 20');
      expect(r.message['zh-CN'].length).toBeGreaterThan(10);
      expect(r.message['en-US'].length).toBeGreaterThan(10);
      expect(r.patterns.length).toBeGreaterThan(0);
    }
  });
});

describe('TS-01 region-specific performance, awards, registration or office', () => {
  it.each([
    ['投标人须具有本市业绩。', '本市业绩'],
    ['具有在上海市范围内的类似项目业绩的，每个得2分，最高6分。', '上海市范围内的类似项目业绩'],
    ['投标人须为本地注册企业。', '本地注册'],
    ['投标人须在本地设有分支机构或售后服务网点。', '在本地设有分支机构'],
    ['近三年获得江苏省优质工程奖的，加3分。', '江苏省优质工程'],
  ])('flags %s', (clause, phrase) => {
    const ws = inField(clause);
    expect(codes(ws)).toContain('TS-01');
    const w = ws.find((x) => x.code === 'TS-01')!;
    expect(w.source).toBe('field:qualificationRequirements');
    expect(w.severity).toBe('warning');
    expect(w.match?.text).toBe(phrase);
    expect(clause.slice(w.match!.start, w.match!.end)).toBe(phrase);
  });

  it.each([
    '项目实施地点：上海市浦东新区。',
    '中标后须在本市设立售后服务网点，2小时内到场。',
    '投标人须具有城市道路工程业绩。',
    '不得以本市业绩作为加分条件。',
  ])('leaves alone %s', (clause) => {
    expect(codes(inField(clause))).not.toContain('TS-01');
  });
});

describe('TS-02 industry-specific performance or awards', () => {
  it.each([
    ['投标人须具有医疗行业业绩。', '医疗行业业绩'],
    ['具有电力系统内项目业绩的，每项得1分。', '电力系统内项目业绩'],
    ['获得行业协会评定的荣誉的，加2分。', '行业协会评定'],
  ])('flags %s', (clause, phrase) => {
    const w = inField(clause).find((x) => x.code === 'TS-02');
    expect(w?.match?.text).toBe(phrase);
  });

  it.each(['投标人须具有视频监控系统项目业绩。', '不得以医疗行业业绩作为加分条件。', '本项目属于软件和信息技术服务业。'])('leaves alone %s', (clause) => {
    expect(codes(inField(clause))).not.toContain('TS-02');
  });
});

describe('TS-03 named brand, supplier, manufacturer authorisation or imports', () => {
  it.each([
    ['摄像机品牌：海康威视。', '品牌：'],
    ['投标人须提供原厂授权书。', '原厂授权'],
    ['服务器采用某某品牌或同等档次产品。', '或同等档次产品'],
    ['本项目接受进口产品。', '接受进口产品'],
    ['核心交换机须采用指定品牌。', '须采用指定品牌'],
  ])('flags %s', (clause, phrase) => {
    const w = inField(clause).find((x) => x.code === 'TS-03');
    expect(w?.match?.text).toBe(phrase);
  });

  it.each(['品牌：投标人自定。', '品牌：____', '本项目不接受进口产品。', '本项目已经财政部门核准，接受进口产品。', '投标人须提供产品合格证明。'])('leaves alone %s', (clause) => {
    expect(codes(inField(clause))).not.toContain('TS-03');
  });
});

describe('TS-04 size, financial or ownership thresholds', () => {
  it.each([
    ['投标人注册资本不低于1000万元。', '注册资本'],
    ['近三年年均营业额不少于5000万元。', '营业额'],
    ['从业人员300人以上的，得5分。', '从业人员'],
    ['投标人须为国有企业。', '须为国有企业'],
  ])('flags %s', (clause, phrase) => {
    const w = inField(clause).find((x) => x.code === 'TS-04');
    expect(w?.match?.text).toBe(phrase);
  });

  it.each(['投标人应提供近三年财务状况报告。', '拟派从业人员须持证上岗。', '报价应包含合理利润及税金。'])('leaves alone %s', (clause) => {
    expect(codes(inField(clause))).not.toContain('TS-04');
  });

  it('does not flag a negated clause: 不得/不应/禁止/不以 before the match', () => {
    for (const clause of ['不得以注册资本作为资格条件。', '不应将营业收入不低于1亿元作为评审因素。', '禁止以从业人员数量不少于100人作为资格要求。', '本项目不以注册资金作为加分条件。']) {
      expect(inField(clause)).toEqual([]);
    }
  });

  it('a negation in an earlier part of the sentence does not hide a later requirement', () => {
    const clause = '投标人不得转包，注册资本不低于500万元。';
    const w = inField(clause).find((x) => x.code === 'TS-04')!;
    expect(clause.slice(w.match!.start, w.match!.end)).toBe('注册资本');
  });
});

describe('TS-05 different standards for different suppliers', () => {
  it.each([
    ['外地企业须另行提供当地纳税证明。', '外地企业须'],
    ['本地企业可免交投标保证金。', '本地企业可免'],
    ['曾为采购人提供过服务的供应商优先。', '曾为采购人提供过服务的供应商优先'],
  ])('flags %s', (clause, phrase) => {
    const w = inField(clause).find((x) => x.code === 'TS-05');
    expect(w?.match?.text).toBe(phrase);
  });

  it.each(['所有投标人适用相同的评审标准。', '不得对外地企业另行设定资格条件。'])('leaves alone %s', (clause) => {
    expect(codes(inField(clause))).not.toContain('TS-05');
  });
});

describe('offsets', () => {
  it('point at the clause in the documents and include its full stop', () => {
    const documentText = '第一章 投标人须知\n一、资格要求：具有独立承担民事责任的能力。投标人注册资本不低于1000万元；\n二、评分标准：具有本市同类项目业绩的，每个得2分。\n  三、其他：无。';
    const ws = screenDocument({ fields: {}, documentText });
    expect(ws.map((w) => [w.code, w.source, documentText.slice(w.start, w.end)])).toEqual([
      ['TS-04', 'document', '投标人注册资本不低于1000万元；'],
      ['TS-01', 'document', '二、评分标准：具有本市同类项目业绩的，每个得2分。'],
    ]);
    for (const w of ws) {
      expect(w.excerpt).toBe(documentText.slice(w.start, w.end));
      expect(w.match!.start).toBeGreaterThanOrEqual(w.start);
      expect(w.match!.end).toBeLessThanOrEqual(w.end);
      expect(documentText.slice(w.match!.start, w.match!.end)).toBe(w.match!.text);
    }
  });

  it('are offsets into each field for field warnings, fields before the document', () => {
    const ws = screenDocument({ fields: { projectName: '某区办公设备采购', scoringCriteria: '价格分30分。获得广东省优秀设计奖的加2分。' }, documentText: '投标人须为本地注册企业。' });
    expect(ws.map((w) => [w.source, w.start, w.end])).toEqual([
      ['field:scoringCriteria', 7, 22],
      ['document', 0, 12],
    ]);
  });

  it('splitClauses trims whitespace and keeps offsets', () => {
    const text = '  甲；乙\n\n 丙。 ';
    expect(splitClauses(text)).toEqual([
      { start: 2, end: 4, text: '甲；' },
      { start: 4, end: 5, text: '乙' },
      { start: 8, end: 10, text: '丙。' },
    ]);
  });
});

describe('TS-06 similarity', () => {
  // 40 distinct characters (no 3-gram repeats), a requirement clause because it contains 须.
  const base = '须甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星山川河海江湖风雨雷';
  const oneEdit = `${base.slice(0, 20)}电${base.slice(21)}`;
  const twoEdits = `${base.slice(0, 10)}电${base.slice(11, 30)}光${base.slice(31)}`;

  it('computes 3-gram Jaccard as by hand', () => {
    // 40 characters, 38 distinct 3-grams. One character changed in the middle changes the 3 grams that
    // cover it: shared 35, union 38 + 3 = 41, so 35/41 = 0.8537. Two far-apart changes: 32/44 = 0.7273.
    expect([base.length, new Set(base).size]).toEqual([40, 40]);
    expect(trigramJaccard(base, oneEdit)).toBeCloseTo(35 / 41, 10);
    expect(trigramJaccard(base, twoEdits)).toBeCloseTo(32 / 44, 10);
    expect(normalise('ＣＰＵ主频 ≥ 3.0GHz，')).toBe('cpu主频≥30ghz');
  });

  it('flags a clause at the threshold and not just below it, naming the earlier document', () => {
    const earlierDocuments = [{ id: 'doc-2023-17', title: '2023年办公设备采购', text: `第一条。${base}。` }];
    const at = screenDocument({ fields: {}, documentText: `前言：无。${oneEdit}。`, earlierDocuments }, { similarityThreshold: 35 / 41 });
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ code: 'TS-06', ruleId: 'GP-93', source: 'document', start: 5, end: 46, similarTo: { kind: 'earlierDocument', id: 'doc-2023-17', title: '2023年办公设备采购', start: 4, end: 45 } });
    expect(at[0]!.message['zh-CN']).toContain('2023年办公设备采购');
    expect(screenDocument({ fields: {}, documentText: oneEdit, earlierDocuments }, { similarityThreshold: 35 / 41 + 1e-9 })).toEqual([]);
    // The default 0.85 keeps one edit in forty and drops two.
    expect(codes(screenDocument({ fields: {}, documentText: oneEdit, earlierDocuments }))).toEqual(['TS-06']);
    expect(screenDocument({ fields: {}, documentText: twoEdits, earlierDocuments })).toEqual([]);
  });

  it('ignores clauses that state no requirement, and short ones', () => {
    const text = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星辰山川河海江湖风雨雷电';
    expect(screenDocument({ fields: {}, documentText: text, earlierDocuments: [{ id: 'a', title: 'A', text }] })).toEqual([]);
    expect(screenDocument({ fields: {}, documentText: '须提供发票。', earlierDocuments: [{ id: 'a', title: 'A', text: '须提供发票。' }] })).toEqual([]);
  });

  it('flags technical parameters copied from one supplier’s brochure', () => {
    const brochure = 'XR-9000 网络摄像机。采用1/1.8英寸逐行扫描CMOS传感器，最低照度0.0005Lux，支持H.265+编码，红外补光距离可达150米；防护等级IP67。';
    const documentText = '二、技术参数：\n1. 须采用1/1.8英寸逐行扫描CMOS传感器，最低照度0.0005Lux，支持H.265+编码，红外补光距离可达150米；\n2. 须提供三年质保。';
    const ws = screenDocument({ fields: {}, documentText, supplierBrochures: [{ supplierName: '某视讯科技有限公司', text: brochure }, { supplierName: '另一公司', text: '我们提供优质的售后服务，响应及时。' }] });
    expect(ws).toHaveLength(1);
    const w = ws[0]!;
    expect(w.similarTo?.kind).toBe('supplierBrochure');
    expect(w.similarTo).toMatchObject({ supplierName: '某视讯科技有限公司' });
    expect(w.similarTo!.similarity).toBeGreaterThanOrEqual(0.85);
    expect(documentText.slice(w.start, w.end)).toBe('1. 须采用1/1.8英寸逐行扫描CMOS传感器，最低照度0.0005Lux，支持H.265+编码，红外补光距离可达150米；');
    expect(w.basis['zh-CN']).toContain('第（三）项');
  });

  // Its speed is not asserted here (timed assertions fail on a busy machine); the 3-gram index is what keeps it linear.
  it('finds the one copied clause among twenty long earlier documents', () => {
    const clause = (i: number) => `第${i}项：投标产品须满足参数${(i * 7919) % 100_003}和指标${(i * 104_729) % 99_991}，并提供检测报告编号${i * 31}。`;
    const earlier = Array.from({ length: 20 }, (_, d) => ({ id: `d${d}`, title: `文件${d}`, text: Array.from({ length: 500 }, (_, i) => clause(d * 1000 + i)).join('\n') }));
    const documentText = Array.from({ length: 2000 }, (_, i) => clause(50_000 + i)).join('\n') + `\n${clause(3007)}`;
    const ws = screenDocument({ fields: {}, documentText, earlierDocuments: earlier });
    expect(ws.filter((w) => w.code === 'TS-06').map((w) => w.similarTo)).toMatchObject([{ id: 'd3' }]);
  });
});
