import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Bilingual } from '../../platform/errors';
import { extendedReleaseSchema } from './publish';

/** A field of a release that is wrong, addressed by its JSON pointer, with what is wrong in both languages. */
export interface FieldProblem {
  /** JSON pointer into the release, e.g. `/tender/value/amount`. */
  path: string;
  message: Bilingual;
  ruleId?: string;
}

let validateRelease: ValidateFunction | undefined;

/** The OCDS 1.1.5 release schema with the bids extension and ours, compiled once (draft-04, as OCDS 1.1 is written). */
function releaseValidator(): ValidateFunction {
  if (validateRelease) return validateRelease;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  validateRelease = ajv.compile({ ...extendedReleaseSchema(), id: 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json' });
  return validateRelease;
}

const list = (v: unknown, separator: string) => (Array.isArray(v) ? v.map(String).join(separator) : String(v));

/** Ajv's error as a reader's message: what the field should be, in Chinese and English. */
function message(e: ErrorObject): Bilingual {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { 'zh-CN': `缺少必填字段 ${String(p.missingProperty)}`, 'en-US': `${String(p.missingProperty)} is required` };
    case 'type':
      return { 'zh-CN': `类型应为 ${list(p.type, '、')}`, 'en-US': `must be of type ${list(p.type, ' or ')}` };
    case 'enum':
      return { 'zh-CN': `取值应为以下之一：${list(p.allowedValues, '、')}`, 'en-US': `must be one of: ${list(p.allowedValues, ', ')}` };
    case 'pattern':
      return { 'zh-CN': `格式不符合要求（${String(p.pattern)}）`, 'en-US': `must match ${String(p.pattern)}` };
    case 'format':
      return { 'zh-CN': `格式应为 ${String(p.format)}`, 'en-US': `must be a valid ${String(p.format)}` };
    case 'minimum':
    case 'maximum':
      return { 'zh-CN': `${e.keyword === 'minimum' ? '不能小于' : '不能大于'} ${String(p.limit)}`, 'en-US': `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'minItems':
    case 'minLength':
      return { 'zh-CN': `至少应有 ${String(p.limit)} 项（字符）`, 'en-US': `must have at least ${String(p.limit)} items (characters)` };
    case 'uniqueItems':
      return { 'zh-CN': '不能有重复项', 'en-US': 'must not contain duplicates' };
    default:
      return { 'zh-CN': `不符合 OCDS 模式（${e.keyword}）`, 'en-US': e.message ?? `fails ${e.keyword}` };
  }
}

/** What is wrong with a release against the extended OCDS release schema; empty when it is valid. */
export function schemaProblems(release: unknown): FieldProblem[] {
  const validate = releaseValidator();
  if (validate(release)) return [];
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of validate.errors ?? []) {
    const path = e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath || '/';
    const m = message(e);
    const key = `${path}|${m['en-US']}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message: m, ruleId: 'SYNC-01' });
  }
  return problems;
}
