import i18n from '../../i18n';
import { formatAmount } from '../../money';

/** Answers of the public API about procurements traded elsewhere (src/exchange/external/external.routes.ts). */
export interface Money {
  amount: number;
  currency: string;
  fen: number | null;
}
export interface ExternalSummary {
  ocid: string;
  origin: 'subPlatform' | 'import';
  platformName: string;
  regionCode: string;
  title: string;
  buyerName: string | null;
  procurementMethod: string | null;
  procurementMethodDetails: string | null;
  mainProcurementCategory: string | null;
  tenderStatus: string | null;
  valueFen: number | null;
  awardedFen: number | null;
  bidCount: number;
  releaseCount: number;
  firstDate: string;
  lastDate: string;
  value: Money | null;
}
export interface ExternalList {
  total: number;
  platforms: { name: string; origin: 'subPlatform' | 'import'; count: number }[];
  items: ExternalSummary[];
}
type Period = { startDate: string | null; endDate: string | null } | null;
export interface ExternalDetail extends ExternalSummary {
  tenderPeriod: Period;
  numberOfTenderers: number | null;
  bids: { id: string; date: string | null; status: string | null; tenderers: string[]; value: Money | null }[];
  awards: { id: string; title: string | null; status: string | null; date: string | null; value: Money | null; suppliers: string[] }[];
  contracts: { id: string; title: string | null; status: string | null; dateSigned: string | null; value: Money | null; period: Period }[];
  releases: { id: string; date: string; tags: string[] }[];
  recordUrl: string;
}

/** Yuan (from fen) with the platform's formatter; another currency as published, with its code. */
export function moneyText(value: Money | null | undefined, fen?: number | null): string {
  const language = i18n.language;
  if (fen !== null && fen !== undefined) return formatAmount(fen, language);
  if (value?.fen !== null && value?.fen !== undefined) return formatAmount(value.fen, language);
  if (!value) return '—';
  return `${value.amount.toLocaleString(language === 'en-US' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2 })} ${value.currency}`;
}

/** An OCDS code in the reader's words, or the code itself when it is not one of the standard's. */
export const codeText = (group: 'methods' | 'categories' | 'statuses' | 'awardStatuses' | 'tags', code: string | null | undefined) => (code ? i18n.t(`portal.external.${group}.${code}`, { defaultValue: code }) : '—');

/** The Shanghai day of an instant (the law counts in Shanghai time). */
export const shanghaiDay = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—');
