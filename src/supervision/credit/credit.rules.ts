import { parse } from 'csv-parse/sync';
import { DomainError, bilingual } from '../../platform/errors';

/**
 * Credit measures (失信惩戒): what a confirmed finding or an imported list of seriously dishonest
 * entities imposes, for a period, with its basis.
 * - CM-01 (政府采购法第七十七条): malicious collusion, false materials ⇒ barred from government
 *   procurement for one to three years.
 * - CM-02 (招标投标法第五十三条): collusive bidding ⇒ barred from bidding on projects that must be
 *   tendered for one to two years.
 * - CM-03 (实施条例第十九条; the joint-punishment lists): an entity on a list of seriously dishonest
 *   entities is refused for the period the list states.
 */
export const MEASURE_KINDS = ['debarment'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
/** Which trades a measure bars: government procurement, tendering under the Bidding Law, or all. */
export const MEASURE_SCOPES = ['governmentProcurement', 'tendering', 'all'] as const;
export type MeasureScope = (typeof MEASURE_SCOPES)[number];

/** The period each basis allows, in whole years. */
export const MEASURE_PERIODS: Record<string, { minYears: number; maxYears: number; scope: MeasureScope }> = {
  'CM-01': { minYears: 1, maxYears: 3, scope: 'governmentProcurement' },
  'CM-02': { minYears: 1, maxYears: 2, scope: 'tendering' },
  'CM-03': { minYears: 0, maxYears: 10, scope: 'all' },
};

export interface MeasureFacts {
  kind: MeasureKind;
  scope: MeasureScope;
  ruleId: string;
  reason: string;
  startsOn: string;
  endsOn: string;
  liftedAt: Date | null;
}

/** The day `years` years after `startsOn`, minus one: a one-year debarment from 2026-12-02 ends 2027-12-01. */
export function measureEndsOn(startsOn: string, years: number): string {
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Refuses a period its basis does not allow (CM-01: one to three years). */
export function checkMeasurePeriod(ruleId: string, years: number): void {
  const p = MEASURE_PERIODS[ruleId];
  if (!p) throw new DomainError('MEASURE_BASIS_UNKNOWN', bilingual('请选择惩戒措施的法律依据', 'Choose the legal basis of the measure'), 422, { field: 'ruleId' });
  if (!Number.isInteger(years) || years < Math.max(1, p.minYears) || years > p.maxYears)
    throw new DomainError('MEASURE_PERIOD_OUT_OF_RANGE', bilingual(`该依据的禁止期限为${p.minYears}至${p.maxYears}年`, `This basis allows ${p.minYears} to ${p.maxYears} years`), 422, { field: 'years', ruleId });
}

/** Whether the trades of `category`'s regime are barred by the measure on `today` (Shanghai date). */
export function measureBars(m: MeasureFacts, today: string, regime: 'procurement' | 'tendering'): boolean {
  if (m.liftedAt || today < m.startsOn || today > m.endsOn) return false;
  return m.scope === 'all' || (m.scope === 'governmentProcurement' ? regime === 'procurement' : regime === 'tendering');
}

/**
 * The documented CSV format of a list of seriously dishonest entities (严重失信主体名单), one row per
 * entity: `统一社会信用代码,名称,列入日期,移出日期,列入事由,认定部门` with a header row, dates YYYY-MM-DD.
 */
export interface DishonestListRow {
  creditCode: string;
  name: string;
  listedOn: string;
  delistedOn: string;
  reason: string;
  listedBy: string;
}
export const DISHONEST_LIST_HEADER = ['统一社会信用代码', '名称', '列入日期', '移出日期', '列入事由', '认定部门'];

export type ParsedList = { rows: DishonestListRow[]; errors: { line: number; message: string }[] };

/** Parses the list; a bad row is reported with its line number and the rest still read. */
export function parseDishonestList(csv: string, isValidCreditCode: (code: string) => boolean): ParsedList {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    return { rows: [], errors: [{ line: (error as { lines?: number }).lines ?? 1, message: `CSV格式错误 / malformed CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (DISHONEST_LIST_HEADER.some((h, i) => header?.record[i] !== h))
    return { rows: [], errors: [{ line: 1, message: `表头应为 / header must be: ${DISHONEST_LIST_HEADER.join(',')}` }] };
  const rows: DishonestListRow[] = [];
  const errors: ParsedList['errors'] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const { record, info } of body) {
    const [code = '', name = '', listedOn = '', delistedOn = '', reason = '', listedBy = ''] = record;
    const line = info.lines;
    const creditCode = code.toUpperCase();
    if (!isValidCreditCode(creditCode)) errors.push({ line, message: `统一社会信用代码无效 / invalid credit code: ${code}` });
    else if (!date.test(listedOn) || !date.test(delistedOn) || delistedOn < listedOn) errors.push({ line, message: '日期应为YYYY-MM-DD且移出不早于列入 / dates must be YYYY-MM-DD, delisting not before listing' });
    else if (!name || !reason || !listedBy) errors.push({ line, message: '名称、事由、认定部门不得为空 / name, reason and listing body are required' });
    else rows.push({ creditCode, name, listedOn, delistedOn, reason, listedBy });
  }
  return { rows, errors };
}
