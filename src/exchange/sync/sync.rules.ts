import { validateCreditCode } from '../../identity';
import type { FieldProblem } from '../ocds/validate';

/**
 * The platform's own rules for a release a sub-platform syncs, beyond the OCDS schema (docs/SYNC.md).
 * Plain functions over plain data: the caller supplies what is already stored.
 */

type Release = Record<string, unknown> & { ocid?: unknown; id?: unknown; date?: unknown };
const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const arr = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
const problem = (path: string, ruleId: string, zh: string, en: string): FieldProblem => ({ path, ruleId, message: { 'zh-CN': zh, 'en-US': en } });

/** How far a release's date may run ahead of the platform's clock (clocks differ a little). */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** An ocid is a registered OCDS prefix and the publisher's own identifier. */
export const OCID_PATTERN = /^ocds-[a-z0-9]{6}-[A-Za-z0-9._/-]{1,100}$/;
export const PARTY_SCHEME = 'CN-USCC';

/** Every amount in a release, with its path: a value is an object with `amount` and `currency`. */
function amounts(value: unknown, path: string, out: { path: string; amount: unknown; currency: unknown }[] = []) {
  const o = obj(value);
  if (o) {
    if ('amount' in o && 'currency' in o) out.push({ path, amount: o.amount, currency: o.currency });
    for (const [k, v] of Object.entries(o)) amounts(v, `${path}/${k}`, out);
  } else if (Array.isArray(value)) value.forEach((v, i) => amounts(v, `${path}/${i}`, out));
  return out;
}

/**
 * SYNC-02..06 on one release: its ocid, its date against the clock, the buyer as a party named by
 * its unified social credit code, the region code, and money in yuan exact to the fen.
 */
export function releaseProblems(release: Release, now: Date): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (typeof release.ocid === 'string' && !OCID_PATTERN.test(release.ocid))
    out.push(problem('/ocid', 'SYNC-02', 'ocid 应为“ocds-”加6位登记前缀再加本平台的标识', 'The ocid must be "ocds-", a registered 6-character prefix, and the publisher’s own identifier'));
  if (typeof release.date === 'string') {
    const at = Date.parse(release.date);
    if (Number.isFinite(at) && at > now.getTime() + CLOCK_SKEW_MS) out.push(problem('/date', 'SYNC-03', '发布时间晚于平台时间，不接受未来的发布', 'The release is dated in the future by the platform clock'));
  }
  const buyer = obj(release.buyer);
  const parties = arr(release.parties).map(obj);
  if (!buyer || typeof buyer.id !== 'string') out.push(problem('/buyer', 'SYNC-04', '应注明采购人（招标人）', 'The buyer (purchaser or tenderer) must be given'));
  else {
    const index = parties.findIndex((p) => p?.id === buyer.id);
    const identifier = index >= 0 ? obj(parties[index]!.identifier) : null;
    if (index < 0) out.push(problem('/buyer/id', 'SYNC-04', '采购人应列于 parties 中', 'The buyer must be one of the parties'));
    else if (identifier?.scheme !== PARTY_SCHEME || typeof identifier.id !== 'string')
      out.push(problem(`/parties/${index}/identifier`, 'SYNC-04', '采购人应以统一社会信用代码标识（scheme 为 CN-USCC）', 'The buyer must be identified by its unified social credit code (scheme CN-USCC)'));
    else if (!validateCreditCode(identifier.id).valid) out.push(problem(`/parties/${index}/identifier/id`, 'SYNC-04', '统一社会信用代码校验不通过', 'The unified social credit code fails its check'));
  }
  if (typeof release.regionCode !== 'string') out.push(problem('/regionCode', 'SYNC-05', '应注明行政区划代码（6位）', 'The region code (six digits) must be given'));
  for (const a of amounts(release, '')) {
    if (a.currency !== 'CNY') out.push(problem(`${a.path}/currency`, 'SYNC-06', '币种应为人民币（CNY）', 'The currency must be CNY'));
    if (typeof a.amount === 'number' && (a.amount < 0 || Math.abs(Math.round(a.amount * 100) - a.amount * 100) > 1e-6))
      out.push(problem(`${a.path}/amount`, 'SYNC-06', '金额应为非负数，以元计并精确到分', 'The amount must be non-negative, in yuan, exact to the fen'));
  }
  return out;
}

/** What the platform already holds for one (ocid, id): nothing, the same release, or another one. */
export type Stored = { hash: string } | undefined;

export type Disposition = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'conflict'; problem: FieldProblem };

/**
 * SYNC-07: a release's ocid and id are its idempotency key. The same release again is a retry and
 * changes nothing; another release under the same key is refused, never overwritten.
 */
export function dispositionOf(hash: string, stored: Stored): Disposition {
  if (!stored) return { kind: 'new' };
  if (stored.hash === hash) return { kind: 'duplicate' };
  return { kind: 'conflict', problem: problem('/id', 'SYNC-07', '该 ocid 下已收到同一发布编号但内容不同的发布；发布不可修改，请以新的发布编号发送更新', 'A different release with this ocid and id was already received; releases are immutable: send the change as a new release') };
}

/**
 * SYNC-08: a procurement belongs to the platform that first sent it, and its releases come in date
 * order (the order the compiled record is merged in): a release dated before the newest already
 * received for its ocid is refused.
 */
export function orderProblems(date: string, owner: { sourceEntityId: string | null; lastDate: Date } | undefined, sourceEntityId: string): FieldProblem[] {
  if (!owner) return [];
  if (owner.sourceEntityId !== sourceEntityId) return [problem('/ocid', 'SYNC-08', '该 ocid 属于其他平台，不能由本平台发送', 'This ocid belongs to another platform and cannot be sent by this one')];
  if (Date.parse(date) < owner.lastDate.getTime())
    return [problem('/date', 'SYNC-08', `发布时间早于该项目已收到的最新发布（${owner.lastDate.toISOString()}），发布应按时间顺序发送`, `The release is dated before the newest one already received for this ocid (${owner.lastDate.toISOString()}); send releases in date order`)];
  return [];
}
