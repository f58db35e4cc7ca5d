import { describe, expect, it } from 'vitest';
import { checkItems } from './catalogue.kinds';

describe('catalogue items', () => {
  it('accepts a sub-platform under its unified name and refuses another name (seed 001, 四.1)', () => {
    const ok = {
      code: 'P02',
      data: {
        unifiedName: '上海市公共资源交易平台（政府采购分平台）',
        centreName: '上海市公共资源交易中心（政府采购分中心）',
        operatorName: '上海市政府采购中心',
        tradingTypes: ['governmentProcurement'],
        integration: 'connected',
        marketBased: false,
      },
    };
    expect(checkItems('platformCatalogue', [ok]).problems).toEqual([]);
    const bad = { ...ok, data: { ...ok.data, unifiedName: '上海政府采购网' } };
    expect(checkItems('platformCatalogue', [bad]).problems).toMatchObject([{ index: 0, path: 'data.unifiedName' }]);
  });

  it('refuses unknown fields, missing required ones and duplicate codes', () => {
    const item = { code: 'S1', data: { name: '专家抽取', category: 'expertSampling', provider: '交易中心', online: true, charge: '免费' } };
    expect(checkItems('serviceList', [item]).problems).toEqual([]);
    expect(checkItems('serviceList', [item, item]).problems).toEqual([{ index: 1, path: 'code', message: 'duplicate code S1' }]);
    expect(checkItems('serviceList', [{ code: 'S2', data: { ...item.data, colour: 'red' } }]).problems[0]?.path).toBe('data');
    expect(checkItems('serviceList', [{ code: 'S3', data: { ...item.data, provider: '' } }]).problems[0]?.path).toBe('data.provider');
  });
});
