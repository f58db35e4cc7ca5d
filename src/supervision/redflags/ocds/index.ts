/**
 * Open-contracting red flags over OCDS compiled releases, with the meaning of the reference
 * implementation cardinal-rs (https://github.com/open-contracting/cardinal-rs), written afresh.
 * R044 is not in cardinal; it is our own rule (tenderers of one process sharing an address or contact).
 */
import { R003 } from './r003';
import { R018 } from './r018';
import { R024 } from './r024';
import { R025 } from './r025';
import { R028 } from './r028';
import { R030 } from './r030';
import { R035 } from './r035';
import { R036 } from './r036';
import { R038 } from './r038';
import { R044 } from './r044';
import { R048 } from './r048';
import { R058 } from './r058';
import { mergeResults, orderedResults } from './results';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type CompiledRelease, type IndicatorCode, type IndicatorParameters, type OcdsIndicator, type ParameterValue, type Results, type RunContext } from './types';

export type { CompiledRelease, Group, IndicatorCode, OcdsIndicator, Results, RunContext } from './types';
export { FROM_QUARTILES, INDICATOR_CODES } from './types';

/** Every indicator, in code order. */
export const OCDS_INDICATORS: readonly OcdsIndicator[] = [R003, R018, R024, R025, R028, R030, R035, R036, R038, R044, R048, R058];

/**
 * What may be set (e.g. from a JSON file): the global options of RunContext, and per indicator code either
 * parameter overrides or `false` to switch it off. Unknown keys are refused, as cardinal refuses them,
 * so a misspelt setting does not silently leave a default in force.
 */
export type IndicatorSettings = Partial<RunContext> & Partial<Record<IndicatorCode, Record<string, ParameterValue> | false>>;

export class SettingsError extends Error {}

const CONTEXT_KEYS = ['currency', 'noPriceComparisonProcurementMethods', 'priceComparisonProcurementMethods', 'excludedProcurementMethodDetails'] as const;

export function contextFromSettings(settings: IndicatorSettings = {}): RunContext {
  const context: RunContext = { ...DEFAULT_CONTEXT };
  for (const key of CONTEXT_KEYS) {
    const value = settings[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new SettingsError(`${key} must be a string`);
    context[key] = value;
  }
  return context;
}

/** The indicator's defaults with the overrides applied, each checked against its default's type. */
export function resolveParameters(indicator: OcdsIndicator, overrides: Record<string, unknown> = {}): IndicatorParameters {
  const parameters: IndicatorParameters = { ...indicator.parameters };
  for (const [key, value] of Object.entries(overrides)) {
    const fallback = indicator.parameters[key];
    if (fallback === undefined) throw new SettingsError(`${indicator.code} has no parameter "${key}" (it has: ${Object.keys(indicator.parameters).join(', ') || 'none'})`);
    // A quartile-based default may be replaced by a fixed number, or named again.
    const acceptsNumber = typeof fallback === 'number' || fallback === FROM_QUARTILES;
    if (typeof value === 'number' && acceptsNumber && Number.isFinite(value)) parameters[key] = value;
    else if (typeof value === 'string' && typeof fallback === 'string' && (fallback !== FROM_QUARTILES || value === FROM_QUARTILES)) parameters[key] = value;
    else throw new SettingsError(`${indicator.code}.${key} must be ${acceptsNumber ? 'a number' : 'a string'}${fallback === FROM_QUARTILES ? ` or "${FROM_QUARTILES}"` : ''}`);
  }
  return parameters;
}

/** Checks a settings object's keys and types (throws SettingsError), so a bad file fails before any work is done. */
export function validateSettings(settings: Record<string, unknown>): IndicatorSettings {
  for (const [key, value] of Object.entries(settings)) {
    if ((CONTEXT_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'string') throw new SettingsError(`${key} must be a string`);
      continue;
    }
    const indicator = OCDS_INDICATORS.find((candidate) => candidate.code === key);
    if (indicator === undefined) throw new SettingsError(`unknown setting "${key}"`);
    if (value === false) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SettingsError(`${key} must be an object of parameters or false`);
    resolveParameters(indicator, value as Record<string, unknown>);
  }
  return settings as IndicatorSettings;
}

/** Runs every indicator not switched off and returns cardinal's results shape (empty groups left out). */
export function runIndicators(releases: readonly CompiledRelease[], settings: IndicatorSettings = {}): Results {
  const context = contextFromSettings(settings);
  const results: Results = {};
  for (const indicator of OCDS_INDICATORS) {
    const override = settings[indicator.code];
    if (override === false) continue;
    mergeResults(results, indicator.run(releases, resolveParameters(indicator, override), context));
  }
  return orderedResults(results);
}

export { R003, R018, R024, R025, R028, R030, R035, R036, R038, R044, R048, R058 };
