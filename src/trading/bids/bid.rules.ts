import { DomainError, bilingual } from '../../platform/errors';
import { shanghaiDateTime } from '../notice/render';

/**
 * EB-02 / EB-12: a bid counts only if it has fully entered the platform before the deadline,
 * by the server's clock, to the millisecond.
 */
export function submissionOpen(deadline: Date | null, now: Date): boolean {
  return deadline !== null && now.getTime() < deadline.getTime();
}

export function deadlinePassed(deadline: Date) {
  return new DomainError(
    'BID_DEADLINE_PASSED',
    bilingual(
      `投标截止时间（${shanghaiDateTime(deadline.toISOString())}）已过，平台拒收；截止前未完成传输的投标文件视为撤回`,
      `The submission deadline (${deadline.toISOString()}) has passed; the platform refuses the bid, and a transmission not completed by the deadline counts as withdrawn`,
    ),
    409,
    { deadline: deadline.toISOString() },
    'EB-02',
  );
}

/** The parts of a sealed bid: the price schedule and the response documents. */
export const PRICE_SCHEDULE_PART = 'priceSchedule';
export const MAX_PART_BYTES = 200 * 1024 * 1024;
/** One chunk of a part; the browser sends 4 MB. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
export const MAX_PARTS = 21;
/**
 * A part this small (the price schedule is a few kilobytes) travels inside the request that
 * starts the upload, so a bid of a schedule and one file takes two requests, not four.
 */
export const INLINE_PART_BYTES = 64 * 1024;

/**
 * RQ-02: where each supplier quotes once (询价), a price it may not change, a second submission to
 * the lot is refused, even after a withdrawal. `ruleId` is the method's (null: a later bid supersedes).
 */
export function secondQuotationRefused(ruleId: string | null, earlierBids: number): DomainError | null {
  if (!ruleId || earlierBids === 0) return null;
  return new DomainError('QUOTATION_FINAL', bilingual('询价采购中供应商只能一次报出不得更改的价格，不能再次递交', 'In a request for quotations each supplier quotes once, a price it may not change: it cannot submit again'), 409, {}, ruleId);
}
