import { describe, expect, it } from 'vitest';
import { shapeSyncStatus, type SyncStatusFacts } from './sync.status';

const facts = (o: Partial<SyncStatusFacts> = {}): SyncStatusFacts => ({
  subPlatforms: [
    { id: 'b', name: '上海市政府采购子平台', regionCode: '310000', status: 'active' },
    { id: 'a', name: '上海市建设工程招标投标交易子平台', regionCode: '310000', status: 'active' },
  ],
  withApiKey: ['a'],
  withSso: ['a'],
  procurements: [
    { entityId: 'a', platformName: '上海市建设工程交易平台', count: 2 },
    { entityId: 'a', platformName: '上海市公路交易平台', count: 1 },
  ],
  releasesByDay: [
    { entityId: 'a', day: '2026-12-03', count: 3 },
    { entityId: 'a', day: '2026-12-01', count: 5 },
  ],
  totals: [{ entityId: 'a', count: 20, lastReceivedAt: new Date('2026-12-03T01:30:00.000Z') }],
  ...o,
});

describe('sub-platform sync status', () => {
  it('gives each sub-platform its keys, its names in the catalogue, what it sent today and in total, and a day-by-day series ending today', () => {
    const [a, b] = shapeSyncStatus(facts(), '2026-12-03', 5).sort((x, y) => x.entityId.localeCompare(y.entityId));
    expect(a).toMatchObject({ hasApiKey: true, hasSso: true, releasesTotal: 20, releasesToday: 3, procurements: 3, lastBatchAt: '2026-12-03T01:30:00.000Z' });
    expect(a!.unifiedNames).toHaveLength(2);
    expect(a!.perDay).toEqual([
      { date: '2026-11-29', releases: 0 },
      { date: '2026-11-30', releases: 0 },
      { date: '2026-12-01', releases: 5 },
      { date: '2026-12-02', releases: 0 },
      { date: '2026-12-03', releases: 3 },
    ]);
    // A sub-platform registered but silent shows zeros, not nothing.
    expect(b).toMatchObject({ hasApiKey: false, hasSso: false, releasesTotal: 0, releasesToday: 0, procurements: 0, lastBatchAt: null, unifiedNames: [] });
    expect(b!.perDay.every((d) => d.releases === 0)).toBe(true);
  });

  it('covers thirty days by default, across a month end', () => {
    const [a] = shapeSyncStatus(facts({ subPlatforms: [facts().subPlatforms[1]!] }), '2026-12-03');
    expect(a!.perDay).toHaveLength(30);
    expect(a!.perDay[0]!.date).toBe('2026-11-04');
    expect(a!.perDay.at(-1)!.date).toBe('2026-12-03');
    expect(a!.perDay.reduce((n, d) => n + d.releases, 0)).toBe(8);
  });

  it('does not count yesterday’s releases as today’s', () => {
    const [a] = shapeSyncStatus(facts({ subPlatforms: [facts().subPlatforms[1]!] }), '2026-12-04', 5);
    expect(a!.releasesToday).toBe(0);
    expect(a!.perDay.at(-2)).toEqual({ date: '2026-12-03', releases: 3 });
  });
});
