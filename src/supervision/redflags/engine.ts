import type { Bilingual } from '../../platform/errors';
import { PAIR_BASIS } from './network';
import { OCDS_INDICATORS } from './ocds';
import { PRESUMPTIONS, runPresumptions, type LotFacts, type Match, type PresumptionSettings, type Strength } from './presumptions';
import { SCREENS, screenLot, type AwardMethod, type ScreenSettings } from './screens';

/**
 * One engine, each indicator a declared rule (issue 13): the statutory presumptions compare a lot's
 * bids, the bid-distribution screens read its prices, the co-bidding network reads all lots. This
 * module lists them all for the pages, and runs the per-lot ones.
 */
export interface DeclaredIndicator {
  code: string;
  ruleId: string;
  strength: Strength | 'screen' | 'network' | 'indicator';
  name: Bilingual;
  explanation: Bilingual;
  defaults: Record<string, number | boolean>;
}

export const NETWORK_CODE = 'CN-01';
export const SCREEN_CODE = 'S-BID';

export const INDICATORS: readonly DeclaredIndicator[] = [
  ...PRESUMPTIONS.map((p) => ({ code: p.code, ruleId: p.ruleId, strength: p.strength, name: p.name, explanation: p.explanation, defaults: p.defaults })),
  // The screens read prices unusually alike (异常一致) or spread as a cartel steering a benchmark would;
  // one screen alone flags a few percent of honest lots, so an alert needs `minScreens` of them.
  {
    code: SCREEN_CODE,
    ruleId: 'CL-07',
    strength: 'screen',
    name: { 'zh-CN': '报价分布异常（统计筛查）', 'en-US': 'Unusual bid distribution (statistical screens)' },
    explanation: {
      'zh-CN': `四家及以上报价的标项，按评标方法计算变异系数、极差、最低两价相对距离、峰度和偏度；至少两项同时越过阈值时提示。${SCREENS.map((x) => `${x.name['zh-CN']}：${x.explanation['zh-CN']}`).join(' ')}`,
      'en-US': `For lots with four or more prices, by evaluation method: coefficient of variation, spread, relative distance of the two lowest, kurtosis and skewness; flagged when at least two cross their thresholds. ${SCREENS.map((x) => `${x.name['en-US']}: ${x.explanation['en-US']}`).join(' ')}`,
    },
    defaults: { minScreens: 2 },
  },
  {
    code: NETWORK_CODE,
    ruleId: NETWORK_CODE,
    strength: 'network',
    name: { 'zh-CN': '固定组合投标与轮流中标', 'en-US': 'Co-bidding group and rotating wins' },
    explanation: {
      'zh-CN': `若干供应商共同投标的次数远超随机预期（同品目内按各自投标频率计算），并检查组内是否轮流中标。${PAIR_BASIS['zh-CN']}`,
      'en-US': `Suppliers that bid together far more often than their own bidding rates in the category would bring them together, and whether they take turns winning. ${PAIR_BASIS['en-US']}`,
    },
    defaults: {},
  },
  // The open-contracting indicators, with the reference implementation's meaning (cardinal-rs), over the platform's OCDS data.
  ...OCDS_INDICATORS.map((i) => ({ code: i.code, ruleId: 'OC-01', strength: 'indicator' as const, name: i.name, explanation: i.explanation, defaults: Object.fromEntries(Object.entries(i.parameters).filter((e): e is [string, number] => typeof e[1] === 'number')) })),
];

export const indicatorOf = (code: string) => INDICATORS.find((i) => i.code === code);

/** A lot's evaluation method as the screens read it: comprehensive scoring here uses the lowest valid price as the price benchmark (GP-52). */
const AWARD_METHOD: Record<LotFacts['evaluationMethod'], AwardMethod> = { lowestPrice: 'lowestPrice', scoring: 'comprehensiveScoring' };

export interface EngineSettings {
  presumptions?: PresumptionSettings;
  screens?: ScreenSettings & { enabled?: boolean; minScreens?: number };
}

/** Every per-lot indicator over one opened lot. */
export function detectLot(lot: LotFacts, settings: EngineSettings = {}): Match[] {
  const matches = runPresumptions(lot, settings.presumptions);
  const priced = lot.bids.filter((b) => b.priceFen !== null);
  const screened = settings.screens?.enabled === false ? null : screenLot(priced.map((b) => b.priceFen!), AWARD_METHOD[lot.evaluationMethod], settings.screens);
  const minScreens = settings.screens?.minScreens ?? 2;
  if (screened && screened.flags.length >= minScreens)
    matches.push({
      code: SCREEN_CODE,
      ruleId: 'CL-07',
      entityIds: [...new Set(priced.map((b) => b.supplierEntityId))].sort(),
      evidence: {
        matched: screened.flags.map((code) => ({ label: SCREENS.find((x) => x.code === code)!.name, value: screened.values[code]!.toFixed(4) })),
        bids: priced.map((b) => ({ bidId: b.bidId, supplierEntityId: b.supplierEntityId, supplierName: b.supplierName, values: { priceFen: b.priceFen } })),
      },
    });
  return matches;
}
