/** Shapes shared by the OCDS red-flag indicators: the JSON they read and the results they report. */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * An OCDS compiled release (one contracting process), as parsed from one JSONL line. Typed loosely on
 * purpose: published data is often incomplete or mistyped, and an indicator skips a field of the wrong
 * type instead of failing, as cardinal does.
 */
export type CompiledRelease = JsonObject;

export interface Bilingual {
  'zh-CN': string;
  'en-US': string;
}

/** Whom a result is about, keyed by: /ocid, /buyer/id, /tender/procuringEntity/id, /bids/details[]/tenderers[]/id. */
export type Group = 'OCID' | 'Buyer' | 'ProcuringEntity' | 'Tenderer';
export const GROUPS: readonly Group[] = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'];

export const INDICATOR_CODES = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R044', 'R048', 'R058'] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/**
 * Cardinal's `indicators` output: group → identifier → code → value. A group with no result is left
 * out, and so is an identifier with none. Codes are strings so the bid screens (S-CV …) fit in too.
 */
export type Results = Partial<Record<Group, Record<string, Record<string, number>>>>;

export type ParameterValue = number | string;
export type IndicatorParameters = Record<string, ParameterValue>;

/** A threshold whose default is computed from the data (a Tukey fence on the quartiles), as cardinal does when none is set. */
export const FROM_QUARTILES = 'quartiles';

/** Settings that apply to every indicator (cardinal's top-level settings and [exclusions]). */
export interface RunContext {
  /** Only amounts in this currency are compared; unset: the first currency seen (see mainCurrency). */
  currency?: string;
  /** Pipe-separated /tender/procurementMethodDetails values whose prices are fixed by the buyer, so comparing them means nothing. */
  noPriceComparisonProcurementMethods: string;
  /** Pipe-separated allow list; when set, only these /tender/procurementMethodDetails values have their prices compared. */
  priceComparisonProcurementMethods: string;
  /** Pipe-separated /tender/procurementMethodDetails values left out of every indicator. */
  excludedProcurementMethodDetails: string;
}

export const DEFAULT_CONTEXT: RunContext = {
  noPriceComparisonProcurementMethods: '',
  priceComparisonProcurementMethods: '',
  excludedProcurementMethodDetails: '',
};

/** A red-flag rule: what it means for a supervisor, its settings with their defaults, and how it is computed. */
export interface OcdsIndicator<P extends IndicatorParameters = IndicatorParameters> {
  code: IndicatorCode;
  name: Bilingual;
  /** For the supervisor who reads a result: a match is a reason for a person to look, never a verdict. */
  explanation: Bilingual;
  /** The groups this indicator can report into. */
  groups: readonly Group[];
  parameters: Readonly<P>;
  run(releases: readonly CompiledRelease[], parameters: P, context?: RunContext): Results;
}
