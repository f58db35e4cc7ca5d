/**
 * Value conversions for the national data specification of public-resource trading platforms
 * (公共资源交易平台系统数据规范, RULES.md §6.1; docs/NATIONAL-DATA.md). Pure functions.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * 14-digit `YYYYMMDDhhmmss` in Asia/Shanghai (RULES.md §6.1: version and time fields). China has
 * kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. Milliseconds are cut,
 * never rounded: 23:59:59.999 stays on its day.
 */
export function nationalTimestamp(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid instant');
  const local = new Date(ms + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError(`year ${year} does not fit 14 digits`);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${year}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
}

/** How REGION_CODE is reported: as recorded (county/district level), or at city level (RULES.md §6.1 saw city level). */
export type RegionLevel = 'asRecorded' | 'city';

/**
 * REGION_CODE: a 6-digit GB/T 2260 code. 'city' keeps the first four digits (province + city) and
 * zero-fills the county: 310104 → 310100; a province-level code (xx0000) stays as it is.
 */
export function nationalRegionCode(code: string, level: RegionLevel): string {
  if (!/^\d{6}$/.test(code)) throw new RangeError(`region code must be 6 digits: ${code}`);
  if (code === '000000') throw new RangeError('000000 is the platform-wide pseudo-region, not a place');
  if (level === 'asRecorded' || code.endsWith('0000')) return code;
  return `${code.slice(0, 4)}00`;
}

/** The unit national amounts are written in: 元 (yuan) or 万元 (ten thousand yuan). */
export type AmountUnit = 'yuan' | 'wanYuan';

/**
 * An amount in integer fen as the national decimal in the chosen unit, exactly (no floating
 * point): 元 with 2 decimals, 万元 with 6 (1 fen = 0.000001 万元).
 */
export function nationalAmount(fen: number, unit: AmountUnit): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen: ${fen}`);
  const negative = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const decimals = unit === 'yuan' ? 2 : 6;
  const divisor = unit === 'yuan' ? 100n : 1_000_000n;
  const whole = abs / divisor;
  const fraction = (abs % divisor).toString().padStart(decimals, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab, newline, carriage return). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
