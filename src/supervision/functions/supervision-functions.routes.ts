import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { withErrors, bilingualText } from '../../platform/http/schemas';
import { SUPERVISION_FUNCTIONS, functionSettingsInput, functionSettingsView, myFunctions, setFunctionSettings } from './supervision-functions';

const settingsSchema = z
  .object({
    functions: z.array(z.object({ key: z.enum(SUPERVISION_FUNCTIONS), name: bilingualText })),
    roles: z.object({ supervisor: z.array(z.enum(SUPERVISION_FUNCTIONS)), authority: z.array(z.enum(SUPERVISION_FUNCTIONS)), operator: z.array(z.enum(SUPERVISION_FUNCTIONS)) }),
    revision: z.int(),
  })
  .meta({ id: 'SupervisionFunctionSettings' });

/** 监管功能设置 (seed 003): set in the UI by the security administrator. */
export function supervisionFunctionRoutes(app: App) {
  app.get(
    '/api/supervision/my-functions',
    { config: { access: { roles: ['supervisor', 'authority', 'operator'] } }, schema: { tags: ['supervision'], summary: '我的监管功能 / The supervision functions my roles have (what my menu shows)', response: withErrors({ 200: z.array(z.enum(SUPERVISION_FUNCTIONS)) }) } },
    async (request) => myFunctions(request.ctx),
  );
  app.get(
    '/api/settings/supervision-functions',
    { config: { access: { roles: ['securityAdmin'] } }, schema: { tags: ['supervision'], summary: '监管功能设置 / Which supervision functions each supervision role has', response: withErrors({ 200: settingsSchema }) } },
    async (request) => functionSettingsView(request.ctx.platform.database.db),
  );
  app.put(
    '/api/settings/supervision-functions',
    { config: { access: { roles: ['securityAdmin'] } }, schema: { tags: ['supervision'], summary: '设置监管功能 / Set the functions of each supervision role (at the revision read)', body: functionSettingsInput, response: withErrors({ 200: settingsSchema }, 409, 422) } },
    async (request) => setFunctionSettings(request.ctx, request.body),
  );
}
