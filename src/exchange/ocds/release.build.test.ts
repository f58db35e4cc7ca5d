import { describe, expect, it } from 'vitest';
import { buildRelease, type OrgFacts, type ProcurementFacts } from './release.build';

const purchaser: OrgFacts = { name: '上海市徐汇区教育局', creditCode: '11310104002420001X', address: '上海市徐汇区示范路88号', regionCode: '310104', smeSize: null, entityType: 'purchaser' };
const agency: OrgFacts = { name: '上海申远招标代理有限公司', creditCode: '91310106MA1FL00011', address: '上海市静安区示范路66号', regionCode: '310106', smeSize: null, entityType: 'agency' };
const small: OrgFacts = { name: '上海小企业有限公司', creditCode: '91310000000000001A', address: '上海市某路1号', regionCode: '310104', smeSize: 'small', entityType: 'supplier' };
const large: OrgFacts = { name: '上海大企业股份有限公司', creditCode: '91310000000000002B', address: '上海市某路2号', regionCode: '310104', smeSize: null, entityType: 'supplier' };

function facts(stage: 'tender' | 'opened' | 'awarded' | 'paid'): ProcurementFacts {
  const opened = stage !== 'tender';
  const awarded = stage === 'awarded' || stage === 'paid';
  return {
    ocid: 'ocds-ywjy01-X',
    projectId: 'p1',
    projectNumber: '310104-2026-GK-0001',
    transactionCode: '12310000425000001L202603020000011',
    originPlatform: 'P01',
    regionCode: '310104',
    title: '教室照明改造灯具采购',
    description: 'LED 灯具',
    category: 'goods',
    method: 'consultation',
    methodJustification: '技术复杂',
    status: awarded ? 'awarded' : 'opened',
    documentsFrom: '2026-03-02T02:00:00.000Z',
    deadline: '2026-03-23T02:00:00.000Z',
    purchaser,
    agency,
    plan: { id: 'plan1', title: '灯具更新', amountFen: 100_000_00, budgetLineCode: '2060301', budgetLineName: '教育设备', fiscalYear: 2026 },
    lots: [
      {
        id: 'lot1',
        lotNo: 1,
        title: '灯具',
        budgetFen: 100_000_00,
        maxPriceFen: null,
        status: awarded ? 'awarded' : 'opened',
        evaluationMethod: 'lowestPrice',
        sme: { measure: 'priceDeduction', deductionBp: 1000, consortiumDeductionBp: null },
        opened: opened
          ? { at: '2026-03-23T02:00:00.000Z', bids: [{ id: 'b1', receivedAt: '2026-03-20T02:00:00.000Z', supplier: small }, { id: 'b2', receivedAt: '2026-03-21T02:00:00.000Z', supplier: large }] }
          : null,
        evaluated: awarded
          ? {
              bids: [
                { id: 'b1', priceFen: 90_000_00, evaluatedPriceFen: 81_000_00, valid: true, rank: 1 },
                { id: 'b2', priceFen: 85_000_00, evaluatedPriceFen: 85_000_00, valid: false, rank: null },
              ],
              award: { at: '2026-03-30T02:00:00.000Z', bidId: 'b1', priceFen: 90_000_00, noticeId: 'n-award' },
            }
          : null,
        failedAt: null,
      },
    ],
    documents: [{ id: 'd1', name: '磋商文件.pdf', uploadedAt: '2026-03-01T02:00:00.000Z' }],
    notices: [
      { id: 'n-int', noticeType: 'intention', title: '采购意向', publishedAt: '2026-02-01T02:00:00.000Z' },
      { id: 'n-tender', noticeType: 'tender', title: '磋商公告', publishedAt: '2026-03-02T02:00:00.000Z' },
      ...(awarded ? [{ id: 'n-award', noticeType: 'award', title: '成交结果公告', publishedAt: '2026-03-30T02:00:00.000Z' }] : []),
    ],
    contracts:
      stage === 'paid'
        ? [
            {
              id: 'c1',
              contractNumber: 'HT-2026-0001',
              lotId: 'lot1',
              bidId: 'b1',
              title: '灯具采购合同',
              priceFen: 90_000_00,
              status: 'signed',
              signedAt: '2026-04-03T02:00:00.000Z',
              supplier: small,
              noticeId: null,
              items: [{ name: 'LED 灯', brand: '某牌', model: 'X1', quantity: 100, unitPriceFen: 900_00, totalFen: 90_000_00 }],
              milestones: [
                { no: 1, name: '到货', amountFen: 60_000_00, dueDate: '2026-05-01' },
                { no: 2, name: '安装', amountFen: 30_000_00, dueDate: '2026-06-01' },
              ],
              acceptances: [{ milestoneNo: 1, result: 'pass', payableFen: 60_000_00, recordedAt: '2026-05-02T02:00:00.000Z' }],
              payments: [{ applicationNumber: 'ZF-1', milestoneNo: 1, totalFen: 60_000_00, paidOn: '2026-05-20' }],
            },
          ]
        : [],
  };
}
const meta = (tag: Parameters<typeof buildRelease>[1]['tag']) => ({ id: 'r', date: '2026-04-01T00:00:00.000Z', tag, publicUrl: 'https://ywjy.example.cn' });

describe('buildRelease', () => {
  it('plans with the budget and the intention notice, naming organisations by credit code only', () => {
    const r = buildRelease(facts('tender'), meta('planning')) as any;
    expect(r.planning.budget).toEqual({ id: '2060301', description: '2026年度 教育设备', amount: { amount: 100000, currency: 'CNY' }, project: '灯具更新', projectID: 'plan1' });
    expect(r.planning.documents).toEqual([expect.objectContaining({ id: 'n-int', documentType: 'plannedProcurementNotice', url: 'https://ywjy.example.cn/notices/n-int' })]);
    expect(r.parties).toEqual([
      { id: 'CN-USCC-11310104002420001X', name: purchaser.name, identifier: { scheme: 'CN-USCC', id: purchaser.creditCode, legalName: purchaser.name }, address: { streetAddress: purchaser.address, region: '310104', countryName: '中国' }, roles: ['buyer'] },
      expect.objectContaining({ id: 'CN-USCC-91310106MA1FL00011', roles: ['procuringEntity'] }),
    ]);
    expect(r.tender).toBeUndefined();
    expect(r.transactionCode).toBe('12310000425000001L202603020000011');
  });

  it('describes the tender with OCDS codes and the Chinese details, and names no bidder before the opening', () => {
    const r = buildRelease(facts('tender'), meta('tender')) as any;
    expect(r.tender).toMatchObject({
      id: '310104-2026-GK-0001',
      status: 'active',
      procurementMethod: 'selective',
      procurementMethodDetails: '竞争性磋商',
      procurementMethodRationale: '技术复杂',
      mainProcurementCategory: 'goods',
      awardCriteria: 'priceOnly',
      value: { amount: 100000, currency: 'CNY' },
      tenderPeriod: { startDate: '2026-03-02T02:00:00.000Z', endDate: '2026-03-23T02:00:00.000Z' },
      procuringEntity: { id: 'CN-USCC-91310106MA1FL00011', name: agency.name },
    });
    expect(r.tender.lots).toEqual([{ id: 'lot-1', title: '灯具', status: 'active', value: { amount: 100000, currency: 'CNY' }, smeMeasure: { measure: 'priceDeduction', priceDeductionPercentage: 10 } }]);
    expect(r.tender.documents.map((d: { id: string }) => d.id)).toEqual(['d1', 'n-tender']);
    expect(r.tender.tenderers).toBeUndefined();
    expect(r.bids).toBeUndefined();
  });

  it('after the opening counts the bids (SMEs apart) and names the tenderers, without bid details', () => {
    const r = buildRelease(facts('opened'), meta('tenderUpdate')) as any;
    const stat = (m: string) => r.bids.statistics.find((s: { measure: string }) => s.measure === m)?.value;
    expect([stat('bids'), stat('smeBids'), stat('smallBids'), stat('microBids')]).toEqual([2, 1, 1, 0]);
    expect(r.bids.details).toBeUndefined();
    expect(r.tender.numberOfTenderers).toBe(2);
    expect(r.parties.filter((p: { roles: string[] }) => p.roles.includes('tenderer')).map((p: { details: unknown }) => p.details)).toEqual([{ scale: 'sme' }, { scale: 'large' }]);
  });

  it('awards with bid details (price, evaluated price after the SME deduction, status) and the winner as supplier', () => {
    const r = buildRelease(facts('awarded'), meta('award')) as any;
    expect(r.awards).toEqual([
      {
        id: 'award-1',
        title: '灯具',
        status: 'active',
        date: '2026-03-30T02:00:00.000Z',
        value: { amount: 90000, currency: 'CNY' },
        suppliers: [{ id: 'CN-USCC-91310000000000001A', name: small.name }],
        relatedLots: ['lot-1'],
        relatedBids: ['b1'],
        documents: [expect.objectContaining({ id: 'n-award', documentType: 'awardNotice' })],
      },
    ]);
    expect(r.bids.details).toEqual([
      { id: 'b1', date: '2026-03-20T02:00:00.000Z', status: 'valid', tenderers: [{ id: 'CN-USCC-91310000000000001A', name: small.name }], relatedLots: ['lot-1'], value: { amount: 90000, currency: 'CNY' }, evaluatedValue: { amount: 81000, currency: 'CNY' }, hasRank: true, rank: 1 },
      { id: 'b2', date: '2026-03-21T02:00:00.000Z', status: 'disqualified', tenderers: [{ id: 'CN-USCC-91310000000000002B', name: large.name }], relatedLots: ['lot-1'], value: { amount: 85000, currency: 'CNY' }, evaluatedValue: { amount: 85000, currency: 'CNY' } },
    ]);
    expect(r.bids.statistics.find((s: { measure: string }) => s.measure === 'lowestValidBidValue')).toMatchObject({ value: 90000, currency: 'CNY' });
    expect(r.tender.status).toBe('complete');
    expect(r.parties.find((p: { id: string }) => p.id === 'CN-USCC-91310000000000001A').roles).toEqual(['tenderer', 'supplier']);
  });

  it('reports acceptance as milestones and treasury payments as transactions', () => {
    const contract = (buildRelease(facts('paid'), meta('implementation')) as any).contracts[0];
    expect(contract).toMatchObject({ id: 'HT-2026-0001', awardID: 'award-1', status: 'active', value: { amount: 90000, currency: 'CNY' }, dateSigned: '2026-04-03T02:00:00.000Z', relatedBids: ['b1'] });
    expect(contract.period).toEqual({ startDate: '2026-04-03T02:00:00.000Z', endDate: '2026-06-01T23:59:59+08:00' });
    expect(contract.implementation.milestones.map((m: { status: string }) => m.status)).toEqual(['met', 'scheduled']);
    expect(contract.implementation.transactions).toEqual([
      { id: 'ZF-1', source: 'https://ywjy.example.cn/api/ocds/records/ocds-ywjy01-X', date: '2026-05-20T00:00:00+08:00', value: { amount: 60000, currency: 'CNY' }, payer: { id: 'CN-USCC-11310104002420001X', name: purchaser.name }, payee: { id: 'CN-USCC-91310000000000001A', name: small.name } },
    ]);
    const contractOnly = (buildRelease(facts('paid'), meta('contract')) as any).contracts[0];
    expect(contractOnly.implementation).toBeUndefined();
  });
});
