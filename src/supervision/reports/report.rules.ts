import { z } from 'zod';
import type { Bilingual } from '../../platform/errors';

/**
 * 自定义报表 (issue 13): a supervisor chooses what to count (projects' lots, contracts, payments, opened
 * bids), by what rows and columns, with which measures and filters. Every dimension and measure is
 * declared here, so a report can only ask for what is listed (the SQL behind each lives in reports.ts).
 */
export const REPORT_SUBJECTS = ['lots', 'contracts', 'payments', 'bids'] as const;
export type ReportSubject = (typeof REPORT_SUBJECTS)[number];

const bi = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, 'en-US': en });

export const SUBJECT_NAMES: Record<ReportSubject, Bilingual> = {
  lots: bi('标项', 'Lots'),
  contracts: bi('合同', 'Contracts'),
  payments: bi('支付申请', 'Payment applications'),
  bids: bi('投标（已开标）', 'Bids (opened)'),
};

export const DIMENSIONS = {
  region: bi('行政区划', 'Region'),
  category: bi('采购品目类别', 'Category'),
  method: bi('采购方式', 'Method'),
  month: bi('月份', 'Month'),
  quarter: bi('季度', 'Quarter'),
  purchaser: bi('采购人', 'Purchaser'),
  supplier: bi('供应商', 'Supplier'),
  smeSize: bi('企业规模', 'Enterprise size'),
  status: bi('状态', 'Status'),
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export type MeasureUnit = 'count' | 'fen' | 'days';
export const MEASURES = {
  count: { label: bi('数量', 'Count'), unit: 'count' },
  budgetFen: { label: bi('预算金额', 'Budget'), unit: 'fen' },
  averageBidders: { label: bi('平均投标人数', 'Average bidders'), unit: 'count' },
  failed: { label: bi('流标（废标）数', 'Failed lots'), unit: 'count' },
  valueFen: { label: bi('合同金额', 'Contract value'), unit: 'fen' },
  smeValueFen: { label: bi('授予中小企业金额', 'Value to SMEs'), unit: 'fen' },
  totalFen: { label: bi('申请金额', 'Amount applied for'), unit: 'fen' },
  paidFen: { label: bi('已支付金额', 'Amount paid'), unit: 'fen' },
  overdue: { label: bi('逾期未付数', 'Overdue, unpaid'), unit: 'count' },
  averagePriceFen: { label: bi('平均报价', 'Average price'), unit: 'fen' },
  suppliers: { label: bi('供应商数', 'Suppliers'), unit: 'count' },
} as const satisfies Record<string, { label: Bilingual; unit: MeasureUnit }>;
export type Measure = keyof typeof MEASURES;

/** What each subject can be broken down by and measured with. */
export const SUBJECT_FIELDS: Record<ReportSubject, { dimensions: readonly Dimension[]; measures: readonly Measure[] }> = {
  lots: { dimensions: ['region', 'category', 'method', 'month', 'quarter', 'purchaser', 'status'], measures: ['count', 'budgetFen', 'averageBidders', 'failed'] },
  contracts: { dimensions: ['region', 'category', 'method', 'month', 'quarter', 'purchaser', 'supplier', 'smeSize', 'status'], measures: ['count', 'valueFen', 'smeValueFen'] },
  payments: { dimensions: ['region', 'month', 'quarter', 'purchaser', 'supplier', 'smeSize', 'status'], measures: ['count', 'totalFen', 'paidFen', 'overdue'] },
  bids: { dimensions: ['region', 'category', 'method', 'month', 'quarter', 'supplier', 'smeSize'], measures: ['count', 'averagePriceFen', 'suppliers'] },
};

const day = z.iso.date();
export const reportDefinition = z
  .object({
    subject: z.enum(REPORT_SUBJECTS),
    rows: z.enum(Object.keys(DIMENSIONS) as [Dimension, ...Dimension[]]),
    columns: z.enum(Object.keys(DIMENSIONS) as [Dimension, ...Dimension[]]).nullish(),
    measures: z.array(z.enum(Object.keys(MEASURES) as [Measure, ...Measure[]])).min(1).max(6),
    filters: z
      .object({
        category: z.enum(['goods', 'services', 'works']).nullish(),
        method: z.string().max(30).nullish(),
        from: day.nullish().describe('From this day (Shanghai), by the date the subject is counted on'),
        to: day.nullish(),
      })
      .default({}),
  })
  .meta({ id: 'ReportDefinition' });
export type ReportDefinition = z.infer<typeof reportDefinition>;

/** What a definition asks that its subject does not have; empty when it is sound. */
export function definitionProblems(d: ReportDefinition): { field: string; message: Bilingual }[] {
  const fields = SUBJECT_FIELDS[d.subject];
  const problems: { field: string; message: Bilingual }[] = [];
  for (const [field, dim] of [['rows', d.rows], ['columns', d.columns]] as const)
    if (dim && !fields.dimensions.includes(dim)) problems.push({ field, message: bi(`“${SUBJECT_NAMES[d.subject]['zh-CN']}”不能按“${DIMENSIONS[dim]['zh-CN']}”分组`, `${SUBJECT_NAMES[d.subject]['en-US']} cannot be grouped by ${DIMENSIONS[dim]['en-US']}`) });
  if (d.columns && d.columns === d.rows) problems.push({ field: 'columns', message: bi('行与列不能是同一维度', 'Rows and columns must differ') });
  for (const m of d.measures) if (!fields.measures.includes(m)) problems.push({ field: 'measures', message: bi(`“${SUBJECT_NAMES[d.subject]['zh-CN']}”没有“${MEASURES[m].label['zh-CN']}”指标`, `${SUBJECT_NAMES[d.subject]['en-US']} have no measure ${MEASURES[m].label['en-US']}`) });
  if (d.filters.from && d.filters.to && d.filters.from > d.filters.to) problems.push({ field: 'filters.to', message: bi('结束日期不能早于开始日期', 'The end date cannot be before the start date') });
  return problems;
}

export interface ReportRow {
  row: string;
  column: string | null;
  values: Partial<Record<Measure, number>>;
}

export interface PivotTable {
  rows: string[];
  columns: string[];
  /** cells[row][column][measure]; column '' when the report has no columns. */
  cells: Record<string, Record<string, Partial<Record<Measure, number>>>>;
  /** Per measure, over the whole report. */
  totals: Partial<Record<Measure, number>>;
}

/**
 * The grouped rows as a pivot table: row and column keys sorted, and totals per measure (sums, or
 * for averages the count-weighted average of the groups).
 */
export function pivot(d: ReportDefinition, grouped: readonly (ReportRow & { weight: number })[]): PivotTable {
  const rows = [...new Set(grouped.map((g) => g.row))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const columns = d.columns ? [...new Set(grouped.map((g) => g.column ?? ''))].sort((a, b) => a.localeCompare(b, 'zh-CN')) : [''];
  const cells: PivotTable['cells'] = {};
  for (const g of grouped) (cells[g.row] ??= {})[d.columns ? (g.column ?? '') : ''] = g.values;
  const totals: PivotTable['totals'] = {};
  const weight = grouped.reduce((n, g) => n + g.weight, 0);
  for (const m of d.measures) {
    const averaged = m === 'averageBidders' || m === 'averagePriceFen';
    const sum = grouped.reduce((n, g) => n + (g.values[m] ?? 0) * (averaged ? g.weight : 1), 0);
    // Distinct suppliers cannot be summed across groups; the total is left out rather than wrong.
    if (m !== 'suppliers') totals[m] = averaged ? (weight ? Math.round((sum / weight) * 100) / 100 : 0) : sum;
  }
  return { rows, columns, cells, totals };
}
