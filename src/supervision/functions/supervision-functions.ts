import { z } from 'zod';
import type { Actor, Context } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { bilingual, DomainError, type Bilingual } from '../../platform/errors';
import { readSetting, writeSetting } from '../../platform/settings/settings';

/**
 * 监管功能设置前台化 (seed 003): which supervision functions each supervision role sees and may use
 * is set by the security administrator in the UI, not in code. A route names its function
 * (`config.access.feature`); the server refuses a role the setting does not give it, and the menu
 * shows what `myFunctions` returns.
 */
export const SUPERVISION_FUNCTIONS = ['dashboard', 'alerts', 'investigation', 'network', 'credit', 'creditMeasures', 'screeningQueue', 'reports'] as const;
export type SupervisionFunction = (typeof SUPERVISION_FUNCTIONS)[number];

export const FUNCTION_NAMES: Record<SupervisionFunction, Bilingual> = {
  dashboard: bilingual('监管驾驶舱', 'Dashboard'),
  alerts: bilingual('查看预警', 'Read alerts'),
  investigation: bilingual('预警核查与认定、全量重算', 'Investigate and decide alerts, full runs'),
  network: bilingual('投标关系网络', 'Co-bidding network'),
  credit: bilingual('信用档案', 'Credit files'),
  creditMeasures: bilingual('信用惩戒（解除、导入失信名单）', 'Credit measures (lift, import lists)'),
  screeningQueue: bilingual('发布前筛查警示队列', 'Screening warnings queue'),
  reports: bilingual('自定义报表与导出', 'Custom reports and exports'),
};

/** The roles whose functions are set here. */
export const SUPERVISION_ROLES = ['supervisor', 'authority', 'operator'] as const;
export type SupervisionRole = (typeof SUPERVISION_ROLES)[number];
export type FunctionSettings = Record<SupervisionRole, SupervisionFunction[]>;

/** Until the security administrator says otherwise: the supervisory departments everything, the trading centre what it reads. */
export const DEFAULT_FUNCTIONS: FunctionSettings = {
  supervisor: [...SUPERVISION_FUNCTIONS],
  authority: [...SUPERVISION_FUNCTIONS],
  operator: ['dashboard', 'alerts', 'network', 'credit', 'screeningQueue', 'reports'],
};

export const FUNCTIONS_KEY = 'supervision.functions';
const functionList = z.array(z.enum(SUPERVISION_FUNCTIONS)).max(SUPERVISION_FUNCTIONS.length);
export const functionSettingsSchema = z.object({ supervisor: functionList, authority: functionList, operator: functionList });

/** Whether any of the roles has the function (pure, for the server's check and the tests). */
export const functionAllowed = (settings: FunctionSettings, roles: readonly string[], fn: string): boolean =>
  roles.some((r) => (settings[r as SupervisionRole] ?? []).includes(fn as SupervisionFunction));

export const readFunctionSettings = (db: Db) => readSetting(db, FUNCTIONS_KEY, functionSettingsSchema, DEFAULT_FUNCTIONS);

/** The server's check for a route that names a function. */
export async function actorMayUse(db: Db, actor: Actor, fn: string): Promise<boolean> {
  return functionAllowed((await readFunctionSettings(db)).value, actor.roles, fn);
}

/** The functions the caller's roles have: what its menu shows. */
export async function myFunctions(ctx: Context): Promise<SupervisionFunction[]> {
  const { value } = await readFunctionSettings(ctx.platform.database.db);
  return SUPERVISION_FUNCTIONS.filter((f) => functionAllowed(value, ctx.actor!.roles, f));
}

export async function functionSettingsView(db: Db) {
  const s = await readFunctionSettings(db);
  return { functions: SUPERVISION_FUNCTIONS.map((key) => ({ key, name: FUNCTION_NAMES[key] })), roles: s.value, revision: s.revision };
}

export const functionSettingsInput = functionSettingsSchema.extend({ revision: z.int().min(0).max(2_147_483_647) });

/** The security administrator sets the functions; a role may not be left with no way to read alerts it must act on. */
export async function setFunctionSettings(ctx: Context, input: z.infer<typeof functionSettingsInput>) {
  const { revision, ...roles } = input;
  for (const role of SUPERVISION_ROLES)
    if (roles[role].includes('investigation') && !roles[role].includes('alerts'))
      throw new DomainError('FUNCTION_NEEDS_ALERTS', bilingual('“预警核查”需要同时开放“查看预警”', '“Investigate alerts” needs “Read alerts” too'), 422, { field: role });
  const normalised = Object.fromEntries(SUPERVISION_ROLES.map((r) => [r, SUPERVISION_FUNCTIONS.filter((f) => roles[r].includes(f))])) as FunctionSettings;
  await writeSetting(ctx, FUNCTIONS_KEY, normalised, revision);
  return functionSettingsView(ctx.platform.database.db);
}
