import i18n from '../../i18n';

/** Answers of the portal's public API (src/trading/portal, src/identity/entity/entity-lookup.ts). */
export interface PortalSummary {
  year: number;
  projectsPublished: number;
  noticesPublished: number;
  awardedProjects: number;
  awardedLots: number;
  awardedFen: number;
  budgetFen: number;
  savingsFen: number;
  savingsRateBp: number;
  smeAwardedFen: number;
  smeShareBp: number;
  byTradingType: { tradingType: string; entries: { code: string; name: string; entryLevel: string }[]; projectsThisYear: number | null }[];
}

type Text = { 'zh-CN': string; 'en-US': string };
export interface SmeLot {
  projectId: string;
  projectNumber: string;
  projectTitle: string;
  category: string;
  regionCode: string;
  deadline: string;
  lotId: string;
  lotNo: number;
  lotTitle: string;
  budgetFen: number;
  measure: 'reserved' | 'priceDeduction';
  deductionBp: number | null;
  consortiumDeductionBp: number | null;
  noticeId: string;
}
export interface SmeWindow {
  date: string;
  deductions: { category: string; kind: 'smallMicro' | 'consortium'; minBp: number; maxBp: number; ruleId: string; citation: Text; statement: Text }[];
  reservationCeilings: { category: string; ceilingFen: number; ruleId: string; citation: Text }[];
  reservedLots: SmeLot[];
  deductionLots: SmeLot[];
  financing: { products: { name: string }[]; banks: { name: string; regionCode: string }[] };
}

export interface FeeSchedule {
  version: { title: string; versionNo: number; effectiveFrom: string; publishedAt: string | null } | null;
  items: { code: string; name: string; category: string; provider: string; online: boolean; charge: string; free: boolean; timeLimit: string | null; basis: string | null }[];
}

export interface PublicEntity {
  /** The entity's id, for its public credit records (信用记录). */
  id?: string;
  name: string;
  creditCode: string;
  entityType: string;
  regionCode: string;
  regionName: string;
  status: string;
}

/** A large amount as people read it: 万元 / 亿元 in Chinese, millions in English. */
export function bigAmount(fen: number): { value: string; unit: string } {
  const yuan = fen / 100;
  if (i18n.language === 'en-US') {
    return Math.abs(yuan) >= 1e6 ? { value: (yuan / 1e6).toFixed(2), unit: 'million yuan' } : { value: yuan.toLocaleString('en-GB', { maximumFractionDigits: 0 }), unit: 'yuan' };
  }
  if (Math.abs(yuan) >= 1e8) return { value: (yuan / 1e8).toFixed(2), unit: '亿元' };
  if (Math.abs(yuan) >= 1e4) return { value: (yuan / 1e4).toFixed(2), unit: '万元' };
  return { value: yuan.toFixed(0), unit: '元' };
}

export const percent = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 1)}%`;
