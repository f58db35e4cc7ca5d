import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Context } from '../context';
import type { Db } from '../database/database';
import { staleRevision } from '../errors';
import { inTransaction } from '../unit-of-work';
import { setting } from './settings.schema';

export const PLATFORM_WIDE = '000000';

export interface SettingValue<T> {
  value: T;
  revision: number;
  /** False when the default applies because nobody has set a value yet. */
  stored: boolean;
}

/** A stored value as the code reads it: one that no longer passes the schema (e.g. bounds tightened) falls back to the default. */
export function settingOrDefault<T>(stored: unknown, schema: z.ZodType<T>, fallback: T): T {
  if (stored === null || stored === undefined) return fallback;
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : fallback;
}

/** A platform-wide setting's stored value as a subquery, for reading it in the same round trip as other rows. */
export const platformSettingSql = (key: string) => sql<unknown>`(SELECT ${setting.value} FROM ${setting} WHERE ${setting.key} = ${key} AND ${setting.regionCode} = ${PLATFORM_WIDE})`;

/** Reads a setting, falling back to the platform-wide value, then to the code's default. */
export async function readSetting<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T, regionCode = PLATFORM_WIDE): Promise<SettingValue<T>> {
  for (const region of regionCode === PLATFORM_WIDE ? [PLATFORM_WIDE] : [regionCode, PLATFORM_WIDE]) {
    const [row] = await db.select().from(setting).where(and(eq(setting.key, key), eq(setting.regionCode, region)));
    if (row) {
      const parsed = schema.safeParse(row.value);
      // A stored value that no longer passes the schema (e.g. bounds tightened) falls back to the default.
      if (parsed.success) return { value: parsed.data, revision: row.revision, stored: true };
    }
  }
  return { value: fallback, revision: 0, stored: false };
}

/** Writes a setting at the revision the caller read (0 when it was never stored). */
export async function writeSetting<T>(
  ctx: Context,
  key: string,
  value: T,
  expectedRevision: number,
  regionCode = PLATFORM_WIDE,
): Promise<SettingValue<T>> {
  return inTransaction(ctx, async (tx, audit) => {
    const now = ctx.platform.clock.now();
    const [before] = await tx.select().from(setting).where(and(eq(setting.key, key), eq(setting.regionCode, regionCode))).for('update');
    if ((before?.revision ?? 0) !== expectedRevision) throw staleRevision();
    const revision = expectedRevision + 1;
    if (before) {
      await tx.update(setting).set({ value, revision, updatedAt: now, updatedBy: ctx.actor?.personId ?? null }).where(and(eq(setting.key, key), eq(setting.regionCode, regionCode)));
    } else {
      await tx.insert(setting).values({ key, regionCode, value, revision, updatedAt: now, updatedBy: ctx.actor?.personId ?? null });
    }
    // A platform-wide setting belongs to no region: its entry is read by the audit administrator, like other platform-wide events.
    audit.record({ action: 'setting.update', subjectType: 'setting', subjectId: `${key}@${regionCode}`, regionCode: regionCode === PLATFORM_WIDE ? null : regionCode, before: before?.value ?? null, after: value });
    return { value, revision, stored: true };
  });
}
