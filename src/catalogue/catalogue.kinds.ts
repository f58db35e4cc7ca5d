import { z } from 'zod';

/** The six catalogues and lists of the "1+6+N" framework (seed 002, 二(四)). */
export const CATALOGUE_KINDS = ['tradingCatalogue', 'rulesCatalogue', 'platformCatalogue', 'disclosureCatalogue', 'serviceList', 'dutyList'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** Trading types of the trading catalogue (GLOSSARY.md, Other trading types). */
export const TRADING_TYPES = [
  'governmentProcurement',
  'construction',
  'land',
  'propertyRights',
  'carbon',
  'judicialAuction',
  'data',
  'ip',
  'rural',
  'equipment',
  'medical',
  'other',
] as const;

/** Notice types a disclosure-catalogue entry may name (the trading area's NOTICE_TYPES; a test keeps them equal). */
export const DISCLOSED_NOTICE_TYPES = ['intention', 'tender', 'correction', 'openingRecord', 'failure', 'award', 'contract', 'prequalification', 'singleSource', 'termination', 'acceptance', 'complaintDecision', 'candidates'] as const;
/** Facts of the trading chain after which a notice is due: the platform measures the disclosure rate on them. */
export const DISCLOSURE_TRIGGERS = ['openingClosed', 'lotFailed', 'awardConfirmed', 'contractSigned', 'acceptanceRecorded', 'projectCancelled'] as const;
export type DisclosureTrigger = (typeof DISCLOSURE_TRIGGERS)[number];

export type FieldType = 'text' | 'longText' | 'select' | 'multiSelect' | 'date' | 'boolean' | 'url';

export interface FieldDef {
  name: string;
  type: FieldType;
  required: boolean;
  options?: readonly string[];
  /** A regular expression the value must match (e.g. the unified sub-platform name). */
  pattern?: string;
  /** Shown in the list table (the rest appear in the detail form). */
  inTable?: boolean;
}

const text = (name: string, required = true, inTable = false): FieldDef => ({ name, type: 'text', required, inTable });
const longText = (name: string, required = true): FieldDef => ({ name, type: 'longText', required });
const select = (name: string, options: readonly string[], required = true, inTable = false): FieldDef => ({ name, type: 'select', options, required, inTable });

export const CATALOGUE_FIELDS: Record<CatalogueKind, FieldDef[]> = {
  // 交易目录: what must (应进必进) or may (能进则进) be traded on the platform, by trading type.
  tradingCatalogue: [
    text('name', true, true),
    select('tradingType', TRADING_TYPES, true, true),
    select('entryLevel', ['mandatory', 'voluntary'], true, true),
    longText('scope'),
    text('platformCode', false, true),
    text('authority', true, true),
    longText('legalBasis', false),
  ],
  // 规则目录: the rules in force; a rule not listed may not be the basis of supervision.
  rulesCatalogue: [
    text('title', true, true),
    text('documentNumber', false, true),
    text('issuer', true, true),
    select('level', ['law', 'administrativeRegulation', 'departmentalRule', 'localRegulation', 'normativeDocument', 'technicalStandard'], true, true),
    select('tradingType', TRADING_TYPES, true, true),
    { name: 'effectiveDate', type: 'date', required: false, inTable: true },
    select('status', ['inForce', 'amended', 'repealed'], true, true),
    { name: 'url', type: 'url', required: false },
  ],
  // 平台目录: the main platform and its sub-platforms under their unified names (seed 001, 四.1).
  platformCatalogue: [
    { name: 'unifiedName', type: 'text', required: true, inTable: true, pattern: '^上海市公共资源交易平台(（.+分平台）)?$' },
    { name: 'centreName', type: 'text', required: false, inTable: true, pattern: '^上海市公共资源交易中心(（.+分中心）)?$' },
    text('operatorName'),
    { name: 'tradingTypes', type: 'multiSelect', options: TRADING_TYPES, required: true, inTable: true },
    select('integration', ['integrated', 'connected', 'planned'], true, true),
    { name: 'marketBased', type: 'boolean', required: true },
    { name: 'url', type: 'url', required: false },
  ],
  // 公开目录: what must be published, by whom, when.
  disclosureCatalogue: [
    text('item', true, true),
    select('tradingType', TRADING_TYPES, true, true),
    longText('content'),
    text('responsible', true, true),
    text('timeLimit', true, true),
    text('ruleId', false, true),
    text('channel', false),
    // Machine-readable: which notice the entry is, after which fact it is due, within how many working days.
    // Entries with a trigger are published automatically at that step and counted in the disclosure rate.
    { name: 'noticeType', type: 'multiSelect', options: DISCLOSED_NOTICE_TYPES, required: false },
    select('trigger', DISCLOSURE_TRIGGERS, false),
    { name: 'dueWorkingDays', type: 'text', required: false, pattern: '^\\d{1,2}$' },
  ],
  // 服务清单: the services the centre offers (information, venues, expert sampling, witnessing, archives, finance).
  serviceList: [
    text('name', true, true),
    select('category', ['information', 'venue', 'expertSampling', 'witness', 'archive', 'finance', 'other'], true, true),
    text('provider', true, true),
    { name: 'online', type: 'boolean', required: true, inTable: true },
    text('charge', true, true),
    text('timeLimit', false),
    longText('basis', false),
  ],
  // 权责清单: powers and duties of the comprehensive and sector supervisors.
  dutyList: [
    text('department', true, true),
    select('powerType', ['licensing', 'inspection', 'penalty', 'adjudication', 'enforcement', 'confirmation', 'other'], true, true),
    text('item', true, true),
    longText('legalBasis'),
    longText('responsibility'),
    longText('accountability', false),
  ],
};

const dateString = z.iso.date();

function fieldSchema(field: FieldDef): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case 'text':
    case 'longText': {
      let s = z.string().trim().max(field.type === 'text' ? 200 : 4000);
      if (field.required) s = s.min(1);
      if (field.pattern) s = s.regex(new RegExp(field.pattern));
      schema = s;
      break;
    }
    case 'url':
      schema = z.url().max(500);
      break;
    case 'date':
      schema = dateString;
      break;
    case 'boolean':
      schema = z.boolean();
      break;
    case 'select':
      schema = z.enum(field.options as [string, ...string[]]);
      break;
    case 'multiSelect':
      schema = z.array(z.enum(field.options as [string, ...string[]])).min(field.required ? 1 : 0);
      break;
  }
  return field.required ? schema : schema.nullish();
}

const itemSchemas = Object.fromEntries(
  CATALOGUE_KINDS.map((kind) => [
    kind,
    z.object({
      code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
      data: z.object(Object.fromEntries(CATALOGUE_FIELDS[kind].map((f) => [f.name, fieldSchema(f)]))).strict(),
    }),
  ]),
) as unknown as Record<CatalogueKind, z.ZodType<{ code: string; data: Record<string, unknown> }>>;

export type ItemProblem = { index: number; path: string; message: string };

/** Checks a list of items against its kind's fields; codes must be unique within a version. */
export function checkItems(kind: CatalogueKind, items: unknown[]): { items: { code: string; data: Record<string, unknown> }[]; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [];
  const valid: { code: string; data: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = itemSchemas[kind].safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ index, path: issue.path.join('.'), message: issue.message });
      return;
    }
    if (seen.has(parsed.data.code)) problems.push({ index, path: 'code', message: `duplicate code ${parsed.data.code}` });
    seen.add(parsed.data.code);
    valid.push(parsed.data);
  });
  return { items: valid, problems };
}
