import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/audit-chain';
import type { Bilingual } from '../../platform/errors';
import { signatureProblem } from '../../identity/api-keys/signed-request.rules';
import { schemaProblems } from '../ocds/validate';
import { releaseProblems } from '../sync/sync.rules';

/**
 * The checks a new sub-platform passes before it is admitted to the platform catalogue (issue 15,
 * docs/SYNC.md §Conformance): it serves its outbox (what it will sync, in send order, by cursor),
 * and the checks read it as the main platform will receive it.
 */
export type CheckName = 'signatures' | 'schema' | 'idempotency' | 'ordering';
export interface CheckResult {
  check: CheckName;
  passed: boolean;
  /** Why it failed (the first few problems), or what was checked. */
  detail: Bilingual;
}

export interface Candidate {
  /** The sub-platform's base URL: its outbox is `${url}/ocds/outbox?after=CURSOR&limit=N`. */
  url: string;
  /** The key the main platform issued it (the candidate signs with it). */
  keyId: string;
  secret: string;
}

interface Page {
  path: string;
  body: string;
  headers: { key: string | null; timestamp: string | null; signature: string | null };
  releases: Record<string, unknown>[];
  next: number;
}

const PAGE = 100;
/** Enough to see the candidate's ordering and retries without reading a whole year's trades. */
const MAX_RELEASES = 5000;

async function fetchPage(c: Candidate, after: number): Promise<Page> {
  const path = `/ocds/outbox?after=${after}&limit=${PAGE}`;
  const res = await fetch(`${c.url.replace(/\/$/, '')}${path}`);
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  const parsed = JSON.parse(body) as { releases?: unknown; next?: unknown };
  if (!Array.isArray(parsed.releases) || typeof parsed.next !== 'number') throw new Error(`GET ${path}: not an outbox page ({ releases: [...], next: number })`);
  return { path, body, headers: { key: res.headers.get('x-api-key'), timestamp: res.headers.get('x-api-timestamp'), signature: res.headers.get('x-api-signature') }, releases: parsed.releases as Record<string, unknown>[], next: parsed.next };
}

const result = (check: CheckName, problems: string[], passedZh: string, passedEn: string): CheckResult => ({
  check,
  passed: problems.length === 0,
  detail: problems.length ? { 'zh-CN': problems.slice(0, 5).join('；'), 'en-US': problems.slice(0, 5).join('; ') } : { 'zh-CN': passedZh, 'en-US': passedEn },
});

/** Runs the four checks; a candidate that cannot be read at all fails each with the reason. */
export async function runConformance(c: Candidate, now: () => Date = () => new Date()): Promise<CheckResult[]> {
  const pages: Page[] = [];
  try {
    for (let after = 0, n = 0; n < MAX_RELEASES; ) {
      const page = await fetchPage(c, after);
      pages.push(page);
      if (page.releases.length === 0 || page.next === after) break;
      n += page.releases.length;
      after = page.next;
    }
  } catch (error) {
    const reason = (error as Error).message;
    return (['signatures', 'schema', 'idempotency', 'ordering'] as const).map((check) => ({ check, passed: false, detail: { 'zh-CN': `无法读取发件箱：${reason}`, 'en-US': `The outbox cannot be read: ${reason}` } }));
  }
  const releases = pages.flatMap((p) => p.releases);

  // Signatures: each page signed with the registered key, over exactly the bytes served.
  const signatures = pages.flatMap((p) => {
    if (p.headers.key !== c.keyId) return [`${p.path}: X-Api-Key ${p.headers.key ?? '(none)'} ≠ ${c.keyId}`];
    const problem = signatureProblem({ secret: c.secret, method: 'GET', path: p.path, timestamp: p.headers.timestamp ?? undefined, signature: p.headers.signature ?? undefined, body: Buffer.from(p.body, 'utf8'), now: now() });
    return problem ? [`${p.path}: ${problem}`] : [];
  });

  // Schema: the OCDS schema and the platform's rules (SYNC-01..06), as the sync API applies them.
  const schema = releases.flatMap((r, i) => [...schemaProblems(r), ...releaseProblems(r, now())].map((p) => `#${i} ${String(r.ocid)}/${String(r.id)} ${p.path}: ${p.message['en-US']} (${p.ruleId})`));
  // An empty outbox shows nothing of how the candidate writes releases: it cannot pass.
  if (releases.length === 0) schema.push('the outbox is empty: publish at least one release, then run the checks again');

  // Idempotency: the same page read again is the same, and no (ocid, id) carries two contents.
  const idempotency: string[] = [];
  const again = await fetchPage(c, 0).catch((e: Error) => e);
  if (again instanceof Error) idempotency.push(`re-read: ${again.message}`);
  else if (pages[0] && canonicalJson(again.releases) !== canonicalJson(pages[0].releases)) idempotency.push('the first page read twice differs');
  const hashes = new Map<string, string>();
  for (const r of releases) {
    const key = `${String(r.ocid)}/${String(r.id)}`;
    const hash = createHash('sha256').update(canonicalJson(r)).digest('hex');
    if (hashes.has(key) && hashes.get(key) !== hash) idempotency.push(`${key}: two different releases under one ocid and id (SYNC-07)`);
    hashes.set(key, hash);
  }

  // Ordering: the cursor only moves forward by what was read, and each ocid's releases come in date order (SYNC-08).
  const ordering: string[] = [];
  let cursor = 0;
  for (const p of pages) {
    const expected = cursor + p.releases.length;
    if (p.next !== expected && p.releases.length > 0) ordering.push(`${p.path}: next ${p.next}, expected ${expected}`);
    cursor = p.next;
  }
  const newest = new Map<string, number>();
  for (const r of releases) {
    const at = Date.parse(String(r.date));
    const ocid = String(r.ocid);
    if (newest.has(ocid) && at < newest.get(ocid)!) ordering.push(`${ocid}/${String(r.id)}: dated before an earlier release of its ocid (SYNC-08)`);
    newest.set(ocid, Math.max(at, newest.get(ocid) ?? at));
  }

  return [
    result('signatures', signatures, `${pages.length} 页均以登记密钥签名`, `${pages.length} page(s), each signed with the registered key`),
    result('schema', schema, `${releases.length} 条发布均符合 OCDS 模式与平台规则`, `${releases.length} release(s) valid against the OCDS schema and the platform’s rules`),
    result('idempotency', idempotency, '重读一致，同一 ocid 与编号内容唯一', 'Re-reading gives the same; one content per ocid and id'),
    result('ordering', ordering, '游标连续，各项目发布按时间顺序', 'The cursor is contiguous and each ocid’s releases are in date order'),
  ];
}
