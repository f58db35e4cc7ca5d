import { describe, expect, it } from 'vitest';
import { compileRelease, mergeRulesOf, type JsonObject } from './merge';
import { extendedReleaseSchema } from './publish';

/** Compiled releases worked out by hand from the OCDS 1.1 merge rules. */
const rules = mergeRulesOf(extendedReleaseSchema());
const base = { ocid: 'ocds-x-1', initiationType: 'tender' };

describe('the merge rules read from the release schema', () => {
  it('finds omitWhenMerged and wholeListMerge where the schema puts them', () => {
    expect([...rules.omit].sort()).toEqual(['date', 'id', 'tag']);
    expect(rules.wholeList.has('parties/additionalIdentifiers')).toBe(true);
    expect(rules.wholeList.has('tender/items/additionalClassifications')).toBe(true);
    expect(rules.wholeList.has('tender/items')).toBe(false);
  });
});

describe('compileRelease', () => {
  const tender: JsonObject = {
    ...base,
    id: 'r1',
    date: '2026-03-02T02:00:00.000Z',
    tag: ['tender'],
    parties: [
      { id: 'CN-USCC-A', name: '甲单位', roles: ['buyer', 'procuringEntity'], additionalIdentifiers: [{ scheme: 'X', id: '1' }, { scheme: 'Y', id: '2' }] },
      { id: 'CN-USCC-B', name: '乙代理', roles: ['procuringEntity'] },
    ],
    tender: {
      id: 'T-1',
      title: '教室照明采购',
      description: '旧说明',
      value: { amount: 100, currency: 'CNY' },
      items: [
        { id: 'item-1', description: '灯具', quantity: 10 },
        { id: 'item-2', description: '安装', quantity: 1 },
      ],
    },
  };
  const correction: JsonObject = {
    ...base,
    id: 'r2',
    date: '2026-03-05T02:00:00.000Z',
    tag: ['tenderUpdate'],
    parties: [{ id: 'CN-USCC-A', roles: ['buyer'], additionalIdentifiers: [{ scheme: 'Z', id: '3' }] }],
    tender: { title: '教室照明改造采购', description: null, items: [{ id: 'item-2', quantity: 2 }, { id: 'item-3', description: '质保' }] },
  };

  it('lets the latest value win, merges arrays of objects by id, replaces whole lists and removes what a release sets to null', () => {
    // Given out of date order: the merge sorts by date.
    const compiled = compileRelease([correction, tender], rules);
    expect(compiled).toEqual({
      ocid: 'ocds-x-1',
      initiationType: 'tender',
      id: 'r2-compiled',
      date: '2026-03-05T02:00:00.000Z',
      tag: ['compiled'],
      parties: [
        // roles (strings) replaced; additionalIdentifiers is wholeListMerge: replaced although its items have ids.
        { id: 'CN-USCC-A', name: '甲单位', roles: ['buyer'], additionalIdentifiers: [{ scheme: 'Z', id: '3' }] },
        { id: 'CN-USCC-B', name: '乙代理', roles: ['procuringEntity'] },
      ],
      tender: {
        id: 'T-1',
        title: '教室照明改造采购',
        value: { amount: 100, currency: 'CNY' },
        items: [
          { id: 'item-1', description: '灯具', quantity: 10 },
          { id: 'item-2', description: '安装', quantity: 2 },
          { id: 'item-3', description: '质保' },
        ],
      },
    });
  });

  it('keeps an identified array when a later release gives it empty, and merges awards into the tender’s record', () => {
    const award: JsonObject = { ...base, id: 'r3', date: '2026-04-01T02:00:00.000Z', tag: ['award'], parties: [], awards: [{ id: 'award-1', status: 'active', value: { amount: 95, currency: 'CNY' } }] };
    const update: JsonObject = { ...base, id: 'r4', date: '2026-04-01T02:00:00.000Z', tag: ['awardUpdate'], awards: [{ id: 'award-1', status: 'cancelled' }, { id: 'award-2', status: 'active' }] };
    const compiled = compileRelease([tender, award, update], rules);
    expect(compiled.parties).toEqual(tender.parties);
    // Same date: the order given decides.
    expect(compiled.awards).toEqual([
      { id: 'award-1', status: 'cancelled', value: { amount: 95, currency: 'CNY' } },
      { id: 'award-2', status: 'active' },
    ]);
    expect(compiled.id).toBe('r4-compiled');
  });
});
