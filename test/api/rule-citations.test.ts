import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('rule citations', () => {
  it('are public: each rule ID with its act and article, its statement, and whether it is verified', async () => {
    const rules = (await t.api('GET', '/api/public/rules')).body as { id: string; verified: boolean }[];
    expect(rules.find((r) => r.id === 'GP-70')).toEqual({
      id: 'GP-70',
      citation: { 'zh-CN': '《政府采购法实施条例》第四十三条第一款', 'en-US': 'Regulations on the Implementation of the Government Procurement Law, art. 43(1)' },
      statement: { 'zh-CN': '采购代理机构应当自评审结束之日起2个工作日内将评审报告送交采购人', 'en-US': 'The agency sends the evaluation report to the purchaser within 2 working days' },
      verified: true,
    });
    expect(rules.find((r) => r.id === 'GP-40')?.verified).toBe(false);
  });

  it('come with a refusal that names a rule, next to its ID', async () => {
    const res = await t.api('GET', '/api/public/calendar/count?from=2026-12-28&days=5&unit=workingDays');
    expect(res.status).toBe(422);
    expect(res.body.ruleId).toBe('CAL-03');
    expect(res.body.rule).toEqual({
      id: 'CAL-03',
      citation: { 'zh-CN': '国务院办公厅年度部分节假日安排的通知', 'en-US': 'The State Council General Office’s annual notice on holiday arrangements' },
      verified: false,
    });
  });
});
