import { z } from 'zod';
import type { Db } from '../../platform/database/database';
import { PLATFORM_WIDE, readSetting } from '../../platform/settings/settings';
import type { Category, Method } from '../../trading/methods/methods';

/**
 * What a jurisdiction fills in before its daily report to the national platform
 * (docs/NATIONAL-DATA.md, "Settings"). Stored as the setting `national.export`, platform-wide
 * ('000000') or per region (a region's value wins); `npm run export:national -- … --settings
 * FILE.json` overrides both for one run. Identifier codes default to empty: they are assigned to
 * the platform (技术规范 附录B.3.1), never invented here. Code lists marked [MEM] in the
 * document are unverified defaults, to be checked against the specification's code tables.
 */
export const NATIONAL_SETTING_KEY = 'national.export';

const code = z.string().trim().max(64);
const methodCodes = z.object({
  openTender: code,
  consultation: code,
  negotiation: code,
  rfq: code,
  singleSource: code,
  framework: code,
}) satisfies z.ZodType<Record<Method, string>>;

export const nationalSettingsSchema = z.object({
  /** PLATFORM_CODE: 交易平台（交易系统）标识码 (技术规范 附录B.3.1). Required. */
  platformCode: code,
  /** PLATFORM_CODE of each 交易子平台 whose trades the platform reports, by its platform-catalogue code (e.g. P02). */
  subPlatformCodes: z.record(z.string(), code),
  /** PUB_SERVICE_PLAT_CODE: 公共服务平台标识码 of the jurisdiction's public service platform. Required. */
  pubServicePlatCode: code,
  /** SUPERVISE_DEPT_*: the supervising department, one for works (行业主管部门) and one for procurement (财政部门). */
  worksSuperviseDept: z.object({ name: code, code, type: code }),
  procurementSuperviseDept: z.object({ name: code, code, type: code }),
  /** APPROVE_DEPT_*: the department that approved the works project (项目审批/核准部门). */
  approveDept: z.object({ name: code, code }),
  /** The unit of every amount, and the PRICE_UNIT code written for it. */
  amountUnit: z.enum(['yuan', 'wanYuan']),
  priceUnitCodes: z.object({ yuan: code, wanYuan: code }),
  /** CURRENCY_CODE / PRICE_CURRENCY: renminbi (ISO 4217 numeric 156) [MEM]. */
  currencyCode: code,
  /** *_CODE_TYPE of a unified social credit code (主体机构代码类型, 技术规范 §3.19) [MEM]. */
  creditCodeType: code,
  /** REGION_CODE as recorded (county/district) or at city level. */
  regionLevel: z.enum(['asRecorded', 'city']),
  /** TENDER_MODE (招标方式, §3.8) of a works tender, and PURCHASER_MODE (采购方式) of each procurement method [MEM]. */
  tenderModeCodes: methodCodes,
  purchaseModeCodes: methodCodes,
  /** TENDER_ORGANIZE_FORM / PURCHASER_ORGANIZE_FORM: run by the purchaser itself, or entrusted to an agency [MEM]. */
  organizeFormCodes: z.object({ self: code, entrusted: code }),
  /** TENDER_PROJECT_TYPE / TENDER_PROJECT_CLASSIFY_CODE by category (技术规范 §3.6, left-padded to 7): to be filled. */
  projectTypeCodes: z.object({ goods: code, services: code, works: code }) satisfies z.ZodType<Record<Category, string>>,
  /** TENDERER_ROLE / TENDER_AGENCY_ROLE (主体角色) [MEM]. */
  roleCodes: z.object({ tenderer: code, agency: code, bidder: code }),
  /** BULLETIN_TYPE of a tender notice and a prequalification notice; NOTICE_NATURE of a first notice and a correction [MEM]. */
  bulletinTypeCodes: z.object({ tender: code, prequalification: code }),
  noticeNatureCodes: z.object({ original: code, correction: code }),
  /** BID_OPENING_ADDRESS of an online opening. */
  openingAddress: code,
});
export type NationalSettings = z.infer<typeof nationalSettingsSchema>;

export const DEFAULT_NATIONAL_SETTINGS: NationalSettings = {
  platformCode: '',
  subPlatformCodes: {},
  pubServicePlatCode: '',
  worksSuperviseDept: { name: '', code: '', type: '' },
  procurementSuperviseDept: { name: '', code: '', type: '' },
  approveDept: { name: '', code: '' },
  amountUnit: 'yuan',
  priceUnitCodes: { yuan: '元', wanYuan: '万元' },
  currencyCode: '156',
  creditCodeType: '97',
  regionLevel: 'asRecorded',
  tenderModeCodes: { openTender: '1', consultation: '', negotiation: '', rfq: '', singleSource: '', framework: '' },
  purchaseModeCodes: { openTender: '1', consultation: '6', negotiation: '3', rfq: '5', singleSource: '4', framework: '9' },
  organizeFormCodes: { self: '1', entrusted: '2' },
  projectTypeCodes: { goods: '', services: '', works: '' },
  roleCodes: { tenderer: '1', agency: '2', bidder: '3' },
  bulletinTypeCodes: { tender: '1', prequalification: '2' },
  noticeNatureCodes: { original: '1', correction: '2' },
  openingAddress: '网上开标（电子交易系统）',
};

/** Settings as a partial override (a file, or a stored value), down to single fields of the nested groups, merged over a base. */
export const nationalSettingsOverride = z.object(
  Object.fromEntries(Object.entries(nationalSettingsSchema.shape).map(([key, field]) => [key, (field instanceof z.ZodObject ? field.partial() : field).optional()])),
) as unknown as z.ZodType<NationalSettingsOverride>;
export type NationalSettingsOverride = { [K in keyof NationalSettings]?: NationalSettings[K] extends string ? NationalSettings[K] : Partial<NationalSettings[K]> };

export function mergeNationalSettings(base: NationalSettings, override: NationalSettingsOverride | undefined): NationalSettings {
  if (!override) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = current && typeof current === 'object' && value && typeof value === 'object' ? { ...current, ...value } : value;
  }
  return nationalSettingsSchema.parse(merged);
}

/** The settings that apply to one region: the region's stored value over the platform-wide one over the defaults, then the run's override. */
export async function settingsForRegion(db: Db, regionCode: string, override?: NationalSettingsOverride): Promise<NationalSettings> {
  const partial = nationalSettingsOverride;
  const platformWide = await readSetting(db, NATIONAL_SETTING_KEY, partial, {}, PLATFORM_WIDE);
  let settings = mergeNationalSettings(DEFAULT_NATIONAL_SETTINGS, platformWide.value);
  if (regionCode !== PLATFORM_WIDE) {
    const own = await readSetting(db, NATIONAL_SETTING_KEY, partial, {}, regionCode);
    // readSetting falls back to the platform-wide value: merging it twice changes nothing.
    settings = mergeNationalSettings(settings, own.value);
  }
  return mergeNationalSettings(settings, override);
}

/** Required identifiers still empty: the export writes them empty and names them in its summary. */
export function missingSettings(s: NationalSettings): string[] {
  const missing: string[] = [];
  if (!s.platformCode) missing.push('platformCode (PLATFORM_CODE)');
  if (!s.pubServicePlatCode) missing.push('pubServicePlatCode (PUB_SERVICE_PLAT_CODE)');
  if (!s.worksSuperviseDept.code) missing.push('worksSuperviseDept.code (SUPERVISE_DEPT_CODE)');
  if (!s.procurementSuperviseDept.code) missing.push('procurementSuperviseDept.code (SUPERVISE_DEPT_CODE)');
  if (!s.projectTypeCodes.works || !s.projectTypeCodes.goods || !s.projectTypeCodes.services) missing.push('projectTypeCodes (TENDER_PROJECT_TYPE)');
  return missing;
}
