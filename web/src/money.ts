export { formatYuan } from '../../src/platform/money';

/** Yuan as typed (string mode, up to 2 decimals) to integer fen, without floating point. */
export function yuanToFen(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
