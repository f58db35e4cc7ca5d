import { z } from 'zod';
import type { App } from '../http/server';
import { revision, withErrors } from '../http/schemas';
import { isLocalDate, shanghaiDate } from './calendar';
import { loadCalendar, loadSchedules, saveSchedule } from './calendar.store';

const localDate = z.string().refine(isLocalDate, 'YYYY-MM-DD').describe('A date in Asia/Shanghai, YYYY-MM-DD');
const scheduleBody = z.object({
  source: z.string().min(1).max(500),
  holidays: z.array(z.object({ name: z.string().min(1).max(50), from: localDate, to: localDate })).max(20),
  makeupWorkdays: z.array(localDate).max(20),
});
const scheduleSchema = scheduleBody.extend({ year: z.int(), revision: z.int(), enteredAt: z.string() }).meta({ id: 'HolidaySchedule' });

export function calendarRoutes(app: App) {
  app.get(
    '/api/public/calendar',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: '工作日日历 / The official holiday schedules the platform counts with',
        response: withErrors({ 200: z.object({ coveredThrough: z.int().nullable(), today: z.string(), schedules: z.array(scheduleSchema) }) }),
      },
    },
    async (request) => {
      const db = request.ctx.platform.database.db;
      const schedules = await loadSchedules(db);
      const calendar = await loadCalendar(db);
      return {
        coveredThrough: calendar.coveredThrough,
        today: shanghaiDate(request.ctx.platform.clock.now()),
        schedules: schedules.map((s) => ({ ...s, enteredAt: s.enteredAt.toISOString() })),
      };
    },
  );

  app.get(
    '/api/public/calendar/count',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: '期限计算 / Count days or working days from a date (the start day is not counted)',
        querystring: z.object({ from: localDate, days: z.coerce.number().int().min(0).max(400), unit: z.enum(['days', 'workingDays']).default('workingDays') }),
        response: withErrors(
          {
            200: z.object({
              from: z.string(),
              unit: z.enum(['days', 'workingDays']),
              days: z.int(),
              /** The plain count: the n-th day, or the n-th working day, after `from`. */
              end: z.string(),
              /** For calendar days: the period's last day moved past rest days (T-02). */
              periodEnd: z.string(),
              endIsWorkingDay: z.boolean(),
            }),
          },
          422,
        ),
      },
    },
    async (request) => {
      const { from, days, unit } = request.query;
      const calendar = await loadCalendar(request.ctx.platform.database.db);
      const end = unit === 'workingDays' ? calendar.addWorkingDays(from, days) : calendar.earliestDeadlineDate(from, days, 'days', 'strictCalendar');
      const periodEnd = unit === 'workingDays' ? end : calendar.calendarPeriodEnd(from, days);
      return { from, unit, days, end, periodEnd, endIsWorkingDay: calendar.isWorkingDay(end) };
    },
  );

  app.put(
    '/api/calendar/schedules/:year',
    {
      config: { access: { roles: ['operator'], home: true } },
      schema: {
        tags: ['calendar'],
        summary: '录入节假日安排 / Add or correct a year’s holiday schedule (operator)',
        params: z.object({ year: z.coerce.number().int().min(2020).max(2100) }),
        body: scheduleBody.extend({ revision }),
        response: withErrors({ 200: scheduleSchema }, 409, 422),
      },
    },
    async (request) => {
      const { revision, ...schedule } = request.body;
      const saved = await saveSchedule(request.ctx, { year: request.params.year, ...schedule }, revision);
      return { ...saved, enteredAt: saved.enteredAt.toISOString() };
    },
  );
}
