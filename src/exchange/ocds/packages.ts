import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { changesAfter, FEED_ORIGINS } from '../feed/feed';
import { addCalendarDays, shanghaiDate, shanghaiInstant } from '../../platform/calendar/calendar';
import type { PlatformConfig } from '../../platform/config';
import type { Context } from '../../platform/context';
import { compileRelease } from './merge';
import { ocdsRelease } from './ocds.schema';
import { mergeRules } from './publish';

/** The bids extension at the version matching OCDS 1.1.5, and our own (served by the platform). */
export const BIDS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';
export const extensionsOf = (config: PlatformConfig) => [BIDS_EXTENSION, `${config.publicUrl}/api/ocds/extension/extension.json`];
export const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

/** The metadata every package carries: the platform's operator publishes, under CC BY 4.0. */
function packageMeta(config: PlatformConfig, uri: string, publishedDate: Date) {
  return {
    uri,
    version: '1.1',
    extensions: extensionsOf(config),
    publishedDate: publishedDate.toISOString(),
    publisher: { name: config.operator.name, scheme: 'CN-USCC', uid: config.operator.creditCode, uri: config.publicUrl },
    license: LICENSE,
    publicationPolicy: `${config.publicUrl}/api/ocds`,
  };
}

export function publicationPolicy(config: PlatformConfig) {
  return {
    publisher: config.operator.name,
    license: LICENSE,
    ocidPrefix: config.ocidPrefix,
    policy: {
      'zh-CN':
        '采购项目每一个公开环节（采购意向、采购公告及更正、开标记录、结果公告、合同公告、履约验收与国库支付）在公开的同一事务中发布为 OCDS 1.1 发布（release），以项目的 ocid（前缀 + 统一交易标识码）标识；记录（record）的汇总发布按 OCDS 合并规则生成。只公开单位名称与统一社会信用代码，不公开任何个人信息（姓名、电话、邮箱）。投标明细在中标结果公告后公开。数据按 CC BY 4.0 许可使用，无需登录或验证码。',
      'en-US':
        'Every published step of a procurement (intention, tender notice and corrections, opening record, award, contract, acceptance and treasury payment) becomes an OCDS 1.1 release in the same transaction that publishes it, under the project’s ocid (prefix + unified transaction code); a record’s compiled release follows the OCDS merge rules. Organisations are named with their unified social credit code; no personal data (names, phone numbers, e-mail addresses of individuals) is published. Bid details are published after the award notice. The data are licensed CC BY 4.0; no sign-in and no captcha.',
    },
    endpoints: {
      releases: `${config.publicUrl}/api/ocds/releases?since=0&limit=100`,
      record: `${config.publicUrl}/api/ocds/records/{ocid}`,
      bulk: `${config.publicUrl}/api/ocds/bulk/{YYYY-MM-DD}.jsonl.gz`,
      extension: `${config.publicUrl}/api/ocds/extension/extension.json`,
    },
    extensions: extensionsOf(config),
  };
}

/**
 * Releases in commit order after the cursor. `links.next` is the cursor after the last release
 * returned (poll it for what comes next); an empty page returns the same cursor.
 */
export async function releasePage(ctx: Context, since: number, limit: number) {
  const { config, database, clock } = ctx.platform;
  const rows = await changesAfter(database.db, since, limit);
  const next = rows.at(-1)?.seq ?? since;
  const base = `${config.publicUrl}/api/ocds/releases`;
  return {
    ...packageMeta(config, `${base}?since=${since}&limit=${limit}`, rows.at(-1)?.date ?? clock.now()),
    releases: rows.map((r) => r.release),
    links: { next: `${base}?since=${next}&limit=${limit}` },
  };
}

export async function recordPackage(ctx: Context, ocid: string) {
  const { config, database } = ctx.platform;
  const rows = await database.db.select().from(ocdsRelease).where(and(eq(ocdsRelease.ocid, ocid), inArray(ocdsRelease.origin, [...FEED_ORIGINS]))).orderBy(asc(ocdsRelease.seq));
  if (rows.length === 0) return null;
  const releases = rows.map((r) => r.release) as Parameters<typeof compileRelease>[0];
  return {
    ...packageMeta(config, `${config.publicUrl}/api/ocds/records/${encodeURIComponent(ocid)}`, rows.at(-1)!.date),
    records: [{ ocid, releases, compiledRelease: compileRelease(releases, mergeRules()) }],
  };
}

/** The JSON lines of one Shanghai day's releases, in commit order; 'future' for a day not yet begun. */
export async function bulkOfDay(ctx: Context, day: string): Promise<string[] | 'future' | 'invalid'> {
  let from: Date;
  try {
    from = shanghaiInstant(day);
    if (shanghaiDate(from) !== day) return 'invalid';
  } catch {
    return 'invalid';
  }
  const today = shanghaiDate(ctx.platform.clock.now());
  if (day > today) return 'future';
  const until = shanghaiInstant(addCalendarDays(day, 1));
  const rows = await ctx.platform.database.db
    .select({ release: ocdsRelease.release })
    .from(ocdsRelease)
    .where(and(gte(ocdsRelease.date, from), lt(ocdsRelease.date, until), inArray(ocdsRelease.origin, [...FEED_ORIGINS])))
    .orderBy(asc(ocdsRelease.seq));
  return rows.map((r) => JSON.stringify(r.release));
}

