import { describe, expect, it } from 'vitest';
import { buildCalendar, shanghaiInstant } from '../platform/calendar/calendar';
import { OFFICIAL_SCHEDULES } from '../platform/calendar/holidays-cn';
import { awardedItems } from './award/award.rules';
import { isValidTransactionCode, mod37CheckCharacter } from './codes';
import { renderContractHtml, type ContractDocument } from './contract/contract.render';
import { methodRules } from './methods/methods';
import { renderNotice } from './notice/render';
import { lotTransition, projectTransitionBetween, statusFollowingLots } from './project/project.states';
import { announcementPeriodEnd, clarificationCheck, intentionLeadEnd, scheduleViolations } from './notice/schedule.rules';
import { lotProblems, type LotConfig } from './project/lot.rules';

const calendar = buildCalendar(OFFICIAL_SCHEDULES);
const at = (date: string, time = '09:00') => shanghaiInstant(date, time);
const openTender = methodRules('openTender', 'goods');
const ids = (v: { ruleId: string }[]) => v.map((x) => x.ruleId);

describe('open tender time limits across the 2026 Spring Festival (GP-01, GP-02, T-08)', () => {
  const schedule = (docsFrom: string, docsUntil: string, deadline: string, time = '09:30') => ({ documentsFrom: at(docsFrom), documentsUntil: at(docsUntil, '24:00'), deadline: at(deadline, time) });

  it('GP-01: 20 days from 26 Jan end on 15 Feb, a holiday; the cautious reading moves the earliest deadline to 24 Feb', () => {
    expect(scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-24'), calendar, 'cautious')).toEqual([]);
    const early = scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-23', '23:59'), calendar, 'cautious');
    expect(early).toMatchObject([{ ruleId: 'GP-01', field: 'deadline', earliest: '2026-02-24' }]);
    expect(early[0]!.messages['zh-CN']).toContain('2026-02-24');
    // The strict-calendar reading accepts day 20 itself.
    expect(scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-15'), calendar, 'strictCalendar')).toEqual([]);
    expect(ids(scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-14'), calendar, 'strictCalendar'))).toEqual(['GP-01']);
  });

  it('GP-02: documents from Thursday 12 Feb must stay available through 26 Feb (5 working days across the holiday)', () => {
    expect(scheduleViolations(openTender, schedule('2026-02-12', '2026-02-26', '2026-03-05'), calendar, 'cautious')).toEqual([]);
    expect(scheduleViolations(openTender, schedule('2026-02-12', '2026-02-25', '2026-03-05'), calendar, 'cautious')).toMatchObject([{ ruleId: 'GP-02', earliest: '2026-02-26' }]);
  });

  it('GP-02, T-03: the 5th working day counts only when the documents stay available to its 24:00, compared as instants', () => {
    const until = (date: string, time: string) => ({ documentsFrom: at('2026-02-12', '10:00'), documentsUntil: at(date, time), deadline: at('2026-03-05', '09:30') });
    const refused = scheduleViolations(openTender, until('2026-02-26', '00:00'), calendar, 'cautious');
    expect(refused).toMatchObject([{ ruleId: 'GP-02', field: 'documentsUntil', earliest: '2026-02-26' }]);
    expect(refused[0]!.messages['zh-CN']).toContain('2026-02-26 24:00');
    expect(ids(scheduleViolations(openTender, until('2026-02-26', '23:59'), calendar, 'cautious'))).toEqual(['GP-02']);
    expect(scheduleViolations(openTender, until('2026-02-26', '24:00'), calendar, 'cautious')).toEqual([]);
    expect(at('2026-02-26', '24:00')).toEqual(at('2026-02-27', '00:00'));
  });

  it('GP-01: a deadline at 00:00 of the earliest day is 24:00 of the day before, and refused', () => {
    expect(ids(scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-24', '00:00'), calendar, 'cautious'))).toEqual(['GP-01']);
    expect(scheduleViolations(openTender, schedule('2026-01-26', '2026-02-02', '2026-02-24', '00:01'), calendar, 'cautious')).toEqual([]);
  });

  it('refuses documents available after the deadline', () => {
    expect(ids(scheduleViolations(openTender, schedule('2026-03-02', '2026-03-30', '2026-03-25'), calendar, 'cautious'))).toContain('SCHEDULE');
  });

  it('GP-03: the notice runs 5 working days from publication', () => {
    expect(announcementPeriodEnd(at('2026-02-12'), calendar)).toBe('2026-02-26');
  });
});

describe('GP-08: the intention 30 days before the procurement (T-01, in Shanghai)', () => {
  it('counts from the Shanghai day after the intention, whatever its hour', () => {
    // 23:30 on 1 March in Shanghai is still 1 March there (15:30 UTC); day 30 is 31 March.
    expect(intentionLeadEnd(at('2026-03-01', '23:30'), 30)).toBe('2026-03-31');
    expect(intentionLeadEnd(at('2026-03-02', '00:00'), 30)).toBe('2026-04-01');
    expect(intentionLeadEnd(at('2026-03-02', '00:00'), 0)).toBe('2026-03-02');
  });
});

describe('other methods (GP-09, GP-10, WK-01, WK-02)', () => {
  it('GP-10: a request for quotation issued 30 Sep 2026 may close on the make-up Saturday 10 Oct, not before', () => {
    const rfq = methodRules('rfq', 'goods');
    const s = (deadline: string) => ({ documentsFrom: at('2026-09-30'), documentsUntil: at('2026-10-08'), deadline: at(deadline, '10:00') });
    expect(scheduleViolations(rfq, s('2026-10-10'), calendar, 'cautious')).toEqual([]);
    expect(scheduleViolations(rfq, s('2026-10-09'), calendar, 'cautious')).toMatchObject([{ ruleId: 'GP-10', earliest: '2026-10-10' }]);
  });

  it('GP-09: consultation needs 10 days', () => {
    const consultation = methodRules('consultation', 'services');
    const s = (deadline: string) => ({ documentsFrom: at('2026-03-02'), documentsUntil: at('2026-03-10'), deadline: at(deadline) });
    expect(scheduleViolations(consultation, s('2026-03-12'), calendar, 'cautious')).toEqual([]);
    expect(ids(scheduleViolations(consultation, s('2026-03-11'), calendar, 'cautious'))).toEqual(['GP-09']);
  });

  it('WK-02: works documents are on sale 5 calendar days, not working days', () => {
    const works = methodRules('openTender', 'works');
    const s = (until: string) => ({ documentsFrom: at('2026-02-12'), documentsUntil: at(until, '24:00'), deadline: at('2026-03-09') });
    expect(scheduleViolations(works, s('2026-02-17'), calendar, 'cautious')).toEqual([]);
    expect(scheduleViolations(works, s('2026-02-16'), calendar, 'cautious')).toMatchObject([{ ruleId: 'WK-02', earliest: '2026-02-17' }]);
  });
});

describe('clarifications (GP-05)', () => {
  const deadline = at('2026-02-24', '10:00');
  it('keeps the deadline when 15 days remain, counting the make-up Saturday', () => {
    expect(clarificationCheck(openTender, deadline, at('2026-01-30', '16:00'), calendar, 'cautious')).toBeNull();
    // 2 Feb + 15 = 17 Feb, a holiday: the cautious reading allows 24 Feb exactly.
    expect(clarificationCheck(openTender, deadline, at('2026-02-02'), calendar, 'cautious')).toBeNull();
  });
  it('treats a deadline at 00:00 as 24:00 of the day before, and moves it to 24:00 of the earliest day', () => {
    // 2 Feb + 15 days: 24 Feb (cautious). 00:00 of 24 Feb is 24:00 of 23 Feb, one day short.
    const check = clarificationCheck(openTender, at('2026-02-24', '00:00'), at('2026-02-02'), calendar, 'cautious');
    expect(check).toMatchObject({ ruleId: 'GP-05', proposedDeadline: at('2026-02-25', '00:00') });
    expect(check!.messages['zh-CN']).toContain('2026-02-24 24:00');
  });
  it('proposes the first allowed deadline, at the same time of day, when too late', () => {
    const check = clarificationCheck(openTender, deadline, at('2026-02-10'), calendar, 'cautious');
    expect(check).toMatchObject({ ruleId: 'GP-05', proposedDeadline: at('2026-02-25', '10:00') });
    // RQ-04: a request for quotations needs 3 working days; the Spring Festival holiday does not count.
    expect(clarificationCheck(methodRules('rfq', 'goods'), deadline, at('2026-02-20'), calendar, 'cautious')).toMatchObject({ ruleId: 'RQ-04', proposedDeadline: at('2026-02-26', '10:00') });
  });
});

describe('lot configuration (GP-20, GP-51, GP-12, SME-01, SME-04, SME-05, SME-08)', () => {
  const lot = (over: Partial<LotConfig> = {}, sme: Partial<LotConfig['sme']> = {}): LotConfig => ({
    budgetFen: 300_000_000, // 3 million yuan
    maxPriceFen: null,
    depositFen: 6_000_000, // 60,000 yuan = 2 %
    evaluationMethod: 'scoring',
    criteria: [
      { name: '价格', weight: 30, isPrice: true },
      { name: '技术', weight: 50, isPrice: false },
      { name: '商务', weight: 20, isPrice: false },
    ],
    sme: { measure: 'priceDeduction', deductionBp: 1000, consortiumDeductionBp: null, notSuitableReason: null, ...sme },
    ...over,
  });
  const check = (l: LotConfig, method: 'openTender' | 'consultation' = 'openTender', category: 'goods' | 'services' | 'works' = 'goods', date = '2026-03-02') => ids(lotProblems(method, category, l, date));

  it('GP-20: a deposit of exactly 2 % passes, one fen more does not', () => {
    expect(check(lot())).toEqual([]);
    expect(check(lot({ depositFen: 6_000_001 }))).toEqual(['GP-20']);
    expect(check(lot({ depositFen: 6_000_001 }), 'openTender', 'works')).toContain('WK-06');
  });

  it('GP-51: goods need a price weight of at least 30 %, services 10 %', () => {
    const weights = (price: number) => [
      { name: '价格', weight: price, isPrice: true },
      { name: '技术', weight: 100 - price, isPrice: false },
    ];
    expect(check(lot({ criteria: weights(29) }))).toEqual(['GP-51']);
    expect(check(lot({ criteria: weights(10) }), 'openTender', 'services')).toEqual([]);
    expect(check(lot({ criteria: weights(9) }), 'openTender', 'services')).toEqual(['GP-51']);
    expect(check(lot({ criteria: weights(90) }))).toEqual([]);
  });

  it('GP-12: consultation caps the price weight at 60 % for goods', () => {
    const w = (p: number) => [
      { name: '价格', weight: p, isPrice: true },
      { name: '技术', weight: 100 - p, isPrice: false },
    ];
    expect(check(lot({ criteria: w(60) }), 'consultation')).toEqual([]);
    expect(check(lot({ criteria: w(61) }), 'consultation')).toEqual(['GP-12']);
  });

  it('refuses weights that do not add up to 100', () => {
    expect(check(lot({ criteria: [{ name: '价格', weight: 30, isPrice: true }] }))).toEqual(['GP-52']);
  });

  it('SME-04: 10 %–20 % for goods announced since 1 July 2022, inclusive', () => {
    expect(check(lot({}, { deductionBp: 1000 }))).toEqual([]);
    expect(check(lot({}, { deductionBp: 2000 }))).toEqual([]);
    expect(check(lot({}, { deductionBp: 999 }))).toEqual(['SME-04']);
    expect(check(lot({}, { deductionBp: 2001 }))).toEqual(['SME-04']);
  });

  it('SME-08: the range depends on the announcement date (6 %–10 % before 1 July 2022)', () => {
    expect(check(lot({}, { deductionBp: 600 }), 'openTender', 'goods', '2022-06-30')).toEqual([]);
    expect(check(lot({}, { deductionBp: 600 }), 'openTender', 'goods', '2022-07-01')).toEqual(['SME-04']);
    expect(check(lot({}, { deductionBp: 1100 }), 'openTender', 'goods', '2022-06-30')).toEqual(['SME-08']);
  });

  it('SME-04 works: 3 %–5 %; SME-05 consortium: 4 %–6 %', () => {
    const works = { evaluationMethod: 'lowestPrice' as const, criteria: [], budgetFen: 500_000_000 };
    expect(check(lot(works, { deductionBp: 500 }), 'openTender', 'works')).toEqual([]);
    expect(check(lot(works, { deductionBp: 600 }), 'openTender', 'works')).toEqual(['SME-04']);
    expect(check(lot({}, { consortiumDeductionBp: 400 }))).toEqual([]);
    expect(check(lot({}, { consortiumDeductionBp: 399 }))).toEqual(['SME-05']);
  });

  it('SME-01: a goods lot of exactly 2 million yuan must be reserved for SMEs or say why not; 1 fen more need not', () => {
    expect(check(lot({ budgetFen: 200_000_000, depositFen: 0 }))).toEqual(['SME-01']);
    expect(check(lot({ budgetFen: 200_000_001, depositFen: 0 }))).toEqual([]);
    expect(check(lot({ budgetFen: 200_000_000, depositFen: 0 }, { notSuitableReason: '专业性强，中小企业难以承担' }))).toEqual([]);
    expect(check(lot({ budgetFen: 200_000_000, depositFen: 0 }, { measure: 'reserved', deductionBp: null }))).toEqual([]);
  });
});

describe('统一交易标识码 (RULES.md §6.1, MOD 37-2 check character)', () => {
  it('accepts a code with its check character and refuses any single changed character', () => {
    const body = '12310000425000001L' + '20260302' + '000017';
    const code = body + mod37CheckCharacter(body);
    expect(isValidTransactionCode(code)).toBe(true);
    for (const i of [0, 20, 31]) {
      const changed = code.slice(0, i) + (code[i] === '1' ? '2' : '1') + code.slice(i + 1);
      expect(isValidTransactionCode(changed)).toBe(false);
    }
    expect(isValidTransactionCode(code.slice(0, -1))).toBe(false);
  });
});

describe('award and contract documents (NOTICES.md, GP-73, GP-76)', () => {
  const items = [{ name: '智慧黑板', brand: '申联', model: 'SL86', quantity: 120, unitPriceFen: 1_800_000, totalFen: 216_000_000 }];

  it('lists the winning bid’s items as 主要标的; a lot priced as a whole is one line at its price', () => {
    expect(awardedItems({ items }, { title: '智慧黑板（包1）' }, 216_000_000)).toEqual(items);
    expect(awardedItems({ items: [] }, { title: '智慧黑板（包1）' }, 216_000_000)).toEqual([{ name: '智慧黑板（包1）', brand: null, model: null, quantity: 1, unitPriceFen: 216_000_000, totalFen: 216_000_000 }]);
  });

  it('SS-05: a single-source price agreed below the response is one line at the agreed price; unchanged, the items stay', () => {
    expect(awardedItems({ items }, { title: '智慧黑板（包1）' }, 200_000_000, true)).toEqual([{ name: '智慧黑板（包1）', brand: null, model: null, quantity: 1, unitPriceFen: 200_000_000, totalFen: 200_000_000 }]);
    expect(awardedItems({ items }, { title: '智慧黑板（包1）' }, 216_000_000, true)).toEqual(items);
  });

  it('titles the contract notice once with 合同, and shows each party’s own address and contact', () => {
    const party = (name: string, address: string, contact: string) => ({ name, address, contact });
    const { title, html } = renderNotice('contract', {
      contractNumber: 'HT-1',
      contractTitle: '智慧教室设备采购（标项1）采购合同',
      projectNumber: 'P-1',
      projectTitle: '智慧教室设备采购',
      purchaser: party('上海市徐汇区教育局', '徐汇区示范路88号', '赵丽 021-64870000'),
      supplier: party('上海申联信息科技有限公司', '浦东新区示范路1号', '李伟 021-58001001'),
      items,
      priceFen: 216_000_000,
      performancePeriod: '45日',
      performancePlace: '徐汇区',
      method: 'openTender',
      signedDate: '2026-04-20',
      publishedDate: '2026-04-20',
    });
    expect(title).toBe('智慧教室设备采购（标项1）采购合同公告');
    expect(html).toContain('供应商（乙方）：上海申联信息科技有限公司；地址：浦东新区示范路1号；联系方式：李伟 021-58001001');
    expect(html).toContain('<td>智慧黑板</td><td>申联</td><td>SL86</td><td>120</td><td>18,000.00</td>');
  });

  it('shows both parties’ seals, signers and signature dates (Beijing time) on the contract', () => {
    const sign = (signedAt: string) => ({ personId: 'p', entityId: 'e', signedAt, seal: 'c2VhbA' });
    const doc: ContractDocument = {
      contractNumber: 'HT-1',
      title: '智慧教室设备采购（标项1）采购合同',
      purchaserName: '上海市徐汇区教育局',
      supplierName: '上海申联信息科技有限公司',
      priceFen: 216_000_000,
      items,
      milestones: [{ no: 1, name: '终验', amountFen: 216_000_000, acceptanceCriteria: '试运行无故障', dueDate: '2026-06-10' }],
      performancePeriod: '45日',
      performancePlace: '徐汇区',
      paymentTermDays: 30,
      terms: '按招标文件合同条款执行。',
      contentHash: 'ab'.repeat(32),
      supplierSignature: sign('2026-04-19T08:00:00.000Z'),
      purchaserSignature: sign('2026-04-20T01:30:00.000Z'),
      signers: { purchaser: '赵丽', supplier: '李伟' },
      signedAt: '2026-04-20T01:30:00.000Z',
      keyId: 'k1',
    };
    const html = renderContractHtml(doc);
    expect(html).toContain('签订日期：2026年04月20日 09:30');
    expect(html).toContain('<p>甲方（盖章）：上海市徐汇区教育局</p><div class="stamp">上海市徐汇区教育局<br>电子签章</div><p>签署人：赵丽</p><p>签署日期：2026年04月20日 09:30</p>');
    expect(html).toContain('<p>乙方（盖章）：上海申联信息科技有限公司</p><div class="stamp">上海申联信息科技有限公司<br>电子签章</div><p>签署人：李伟</p><p>签署日期：2026年04月19日 16:00</p>');
    expect(renderContractHtml({ ...doc, purchaserSignature: null, signedAt: null })).toContain('<p>甲方（盖章）：上海市徐汇区教育局</p><p>（未签署）</p>');
  });
});

describe('statuses to the end of the chain (project.states.ts)', () => {
  const lots = (...statuses: string[]) => statuses.map((status) => ({ status }));
  it('puts a project where the least advanced of its live lots stands', () => {
    expect(statusFollowingLots(lots('evaluated', 'opened'))).toBeNull();
    expect(statusFollowingLots(lots('awarded', 'evaluated'))).toBe('evaluated');
    expect(statusFollowingLots(lots('completed', 'contracted', 'failed'))).toBe('contracted');
    expect(statusFollowingLots(lots('completed', 'failed'))).toBe('completed');
    expect(statusFollowingLots(lots('failed', 'failed'))).toBe('failed');
  });
  it('allows only the transitions in the tables', () => {
    expect(projectTransitionBetween('awarded', 'evaluated')).toBe('winnerRefused');
    expect(projectTransitionBetween('contracted', 'completed')).toBe('completed');
    expect(projectTransitionBetween('evaluated', 'contracted')).toBeNull();
    expect(lotTransition('completed', 'contracted')).toBe('completed');
    expect(() => lotTransition('contracted', 'evaluated')).toThrow();
  });
});
