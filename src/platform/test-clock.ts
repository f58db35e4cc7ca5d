import { and, eq, sql } from 'drizzle-orm';
import { ManualClock } from './clock';
import type { Db } from './database/database';
import { PLATFORM_WIDE } from './settings/settings';
import { setting } from './settings/settings.schema';

const KEY = 'test.clock';
const thisRow = and(eq(setting.key, KEY), eq(setting.regionCode, PLATFORM_WIDE));

/**
 * TEST_CLOCK's clock when the platform runs as a process of its own: the time is a settings
 * row, so a test or benchmark that moves it through one API process moves it for all of them.
 * Each process reads it before every API request and every round of jobs. The row's revision
 * keeps a read that raced a move from putting the clock back.
 */
export class SharedTestClock extends ManualClock {
  private revision = 0;

  private constructor(
    private readonly db: Db,
    start: Date,
  ) {
    super(start);
  }

  /** Joins the time already set on this database (a restarted or further process), or starts it at `start`. */
  static async open(db: Db, start: Date): Promise<SharedTestClock> {
    await db.insert(setting).values({ key: KEY, regionCode: PLATFORM_WIDE, value: { now: start.toISOString() }, updatedAt: start }).onConflictDoNothing();
    const clock = new SharedTestClock(db, start);
    await clock.refresh();
    return clock;
  }

  async refresh(): Promise<void> {
    const [row] = await this.db.select({ value: setting.value, revision: setting.revision }).from(setting).where(thisRow);
    if (row) this.adopt((row.value as { now: string }).now, row.revision);
  }

  /** Moves the time for every process on the database. */
  async store(to: Date | string): Promise<void> {
    const now = new Date(to).toISOString();
    const [row] = await this.db
      .update(setting)
      .set({ value: { now }, revision: sql`${setting.revision} + 1`, updatedAt: new Date(now) })
      .where(thisRow)
      .returning({ revision: setting.revision });
    this.adopt(now, row!.revision);
  }

  private adopt(now: string, revision: number): void {
    if (revision < this.revision) return;
    this.revision = revision;
    this.set(now);
  }
}
