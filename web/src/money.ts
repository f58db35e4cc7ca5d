import { formatYuan } from '../../src/platform/money';

export { formatYuan };

/** Yuan as typed (string mode, up to 2 decimals) to integer fen, without floating point. */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * An amount as people read large sums: in Chinese 万元 from ten thousand yuan on (two decimals), yuan
 * below; in English millions from ¥1m on. Integer arithmetic on the fen, never a float's rounding.
 */
export function formatAmount(fen: number, language: string = 'zh-CN'): string {
  if (language === 'en-US') return Math.abs(fen) >= 100_000_000 ? `¥${formatYuan(Math.round(fen / 1_000_000))}m` : `¥${formatYuan(fen)}`;
  // 1万元 = 1,000,000 fen: the 万元 to two decimals are the fen in units of 10,000, shown as formatYuan shows fen.
  return Math.abs(fen) >= 1_000_000 ? `${formatYuan(Math.round(fen / 10_000))}万元` : `${formatYuan(fen)}元`;
}

/** Fen as 万元, a plain number for a chart's axis. */
export const fenToWan = (fen: number): number => Math.round(fen / 10_000) / 100;
