import { and, eq, or } from 'drizzle-orm';
import { entitySummaries } from '../../identity';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/database/database';
import { loadReadableProject, lotsOf } from '../project/project';
import { notice, opening, type NoticeType } from '../trading.schema';

/**
 * 项目进度: a project's story as portals show it, 意向 → 公告 → 更正 → 开标记录 → 结果 → 合同 → 验收
 * (then payment), each step linking to the notices that published it. Built from published
 * notices only, so it shows nothing the public may not see yet: before the opening there is no
 * opening record, hence no word of who or how many bid (GP-07).
 */
export const TIMELINE_STEPS = ['intention', 'tender', 'correction', 'openingRecord', 'termination', 'award', 'contract', 'acceptance', 'payment'] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

/** Notice types shown at each step (a failed lot's 废标公告 is the spec's 终止公告 for that lot). */
const STEP_NOTICES: Record<TimelineStep, readonly string[]> = {
  intention: ['intention'],
  tender: ['tender', 'prequalification', 'singleSource'],
  correction: ['correction'],
  openingRecord: ['openingRecord'],
  termination: ['failure', 'termination'],
  award: ['award'],
  contract: ['contract'],
  acceptance: ['acceptance'],
  payment: [],
};
/** Steps a project may go without: a step left empty here is simply absent, never "pending". */
const OPTIONAL: readonly TimelineStep[] = ['correction', 'termination'];

export interface TimelineNotice {
  id: string;
  noticeType: NoticeType;
  title: string;
  publishedAt: string;
  /** For an opening record: the lot, whose record PDF is public. */
  lotId: string | null;
}

/** A lot whose opening has started: its record is public live (EB-07), before any frozen notice. */
export interface TimelineRecord {
  lotId: string;
  lotNo: number;
}

export interface TimelineEntry {
  step: TimelineStep;
  /** done: published; pending: still to come; skipped: the project moved past it without it, or ended. */
  status: 'done' | 'pending' | 'skipped';
  at: string | null;
  notices: TimelineNotice[];
  /** For the opening step: the lots' live opening records. */
  records: TimelineRecord[];
}

/** The steps in order from the project's published notices (pure). */
export function buildTimeline(notices: TimelineNotice[], ended: boolean, openings: (TimelineRecord & { startedAt: string })[] = []): TimelineEntry[] {
  const sorted = [...notices].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  const opened = [...openings].sort((a, b) => a.lotNo - b.lotNo);
  const entries = TIMELINE_STEPS.map((step) => {
    const records = step === 'openingRecord' ? opened : [];
    const own = sorted.filter((n) => STEP_NOTICES[step].includes(n.noticeType));
    const first = [own[0]?.publishedAt, ...records.map((r) => r.startedAt)].filter((x): x is string => Boolean(x)).sort()[0] ?? null;
    return { step, notices: own, records: records.map(({ lotId, lotNo }) => ({ lotId, lotNo })), at: first };
  });
  const happened = (e: (typeof entries)[number]) => e.notices.length > 0 || e.records.length > 0;
  const lastDone = entries.reduce((last, e, i) => (happened(e) ? i : last), -1);
  return entries
    .filter((e) => happened(e) || !OPTIONAL.includes(e.step))
    .map((e) => {
      const i = TIMELINE_STEPS.indexOf(e.step);
      const status = happened(e) ? 'done' : i < lastDone || ended ? 'skipped' : 'pending';
      return { step: e.step, status, at: e.at, notices: e.notices, records: e.records };
    });
}

export async function projectTimeline(db: Db, actor: Actor | null, projectId: string) {
  const p = await loadReadableProject(db, actor, projectId);
  const lots = await lotsOf(db, p.id);
  const rows = await db
    .select({ id: notice.id, noticeType: notice.noticeType, title: notice.title, publishedAt: notice.publishedAt, fields: notice.fields })
    .from(notice)
    .where(or(eq(notice.projectId, p.id), p.planId ? and(eq(notice.planId, p.planId), eq(notice.noticeType, 'intention')) : undefined));
  const notices = rows.map((n) => ({
    id: n.id,
    noticeType: n.noticeType,
    title: n.title,
    publishedAt: n.publishedAt.toISOString(),
    lotId: n.noticeType === 'openingRecord' ? (lots.find((l) => l.lotNo === (n.fields.lot as { lotNo?: number } | undefined)?.lotNo)?.id ?? null) : null,
  }));
  // Openings start at the deadline; before it there is no row, so nothing about the bids shows.
  const openings = await db.select({ lotId: opening.lotId, startedAt: opening.startedAt }).from(opening).where(eq(opening.projectId, p.id));
  const lotNoOf = new Map(lots.map((l) => [l.id, l.lotNo]));
  const names = await entitySummaries(db, [p.purchaserEntityId, p.agencyEntityId].filter((x): x is string => Boolean(x)));
  const tender = notices.find((n) => n.noticeType === 'tender');
  return {
    summary: {
      projectId: p.id,
      projectNumber: p.projectNumber,
      ocid: p.ocid,
      title: p.title,
      purchaserName: names.get(p.purchaserEntityId)?.name ?? null,
      agencyName: p.agencyEntityId ? (names.get(p.agencyEntityId)?.name ?? null) : null,
      budgetFen: lots.reduce((s, l) => s + l.budgetFen, 0),
      method: p.method,
      category: p.category,
      regionCode: p.regionCode,
      status: p.status,
      publishedAt: tender?.publishedAt ?? null,
      documentsUntil: p.documentsUntil?.toISOString() ?? null,
      deadline: p.deadline?.toISOString() ?? null,
    },
    steps: buildTimeline(
      notices,
      p.status === 'failed' || p.status === 'cancelled',
      openings.map((o) => ({ lotId: o.lotId, lotNo: lotNoOf.get(o.lotId) ?? 0, startedAt: o.startedAt.toISOString() })),
    ),
  };
}
