/**
 * Reading OCDS data published by others (plain data in, plain data out): which of the usual shapes a
 * file is, the releases it holds, each with where it was found, and why one is not imported.
 *
 * Accepted: a release package ({releases: [...]}), a record package ({records: [...]}: each record's
 * `releases` when they are full releases, else its `compiledRelease`), a single release, and JSON
 * Lines whose lines are releases (compiled or not), release packages or record packages.
 */

export type JsonObject = Record<string, unknown>;
export type ImportFormat = 'releasePackage' | 'recordPackage' | 'release' | 'jsonLines';

/** Why a release (or a line) is not imported; each reason is counted in the summary with a few examples. */
export const SKIP_REASONS = ['invalidJson', 'notRelease', 'missingFields', 'schemaInvalid', 'duplicate', 'changed', 'otherOrigin'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_LABELS: Record<SkipReason, { zh: string; en: string }> = {
  invalidJson: { zh: '不是有效的 JSON', en: 'invalid JSON' },
  notRelease: { zh: '不是发布（release）、发布包或记录包', en: 'not a release, release package or record package' },
  missingFields: { zh: '缺少 ocid、id 或 date', en: 'missing ocid, id or date' },
  schemaInvalid: { zh: '不符合 OCDS 1.1 模式', en: 'fails the OCDS 1.1 schema' },
  duplicate: { zh: '重复的发布（已导入过或文件内重复）', en: 'duplicate release (imported before, or repeated in the file)' },
  changed: { zh: '同一 ocid 与 id 的发布内容不同', en: 'same ocid and id as a stored release, other content' },
  otherOrigin: { zh: 'ocid 属于本平台、交易子平台或其他发布者', en: 'ocid owned by another origin (this platform, a sub-platform or another publisher)' },
};

/** A release found in the file, and where: `line 3`, `releases[4]`, `line 2 records[0].compiledRelease`. */
export interface Candidate {
  at: string;
  release: JsonObject;
}

export interface Skip {
  reason: SkipReason;
  /** Where and what, e.g. `line 7: Unexpected token` or `releases[5] ocds-x/r1: /tender/value/amount must be of type number`. */
  example: string;
}

export interface ParsedFile {
  format: ImportFormat;
  candidates: Candidate[];
  /** Lines that are not JSON: the file is damaged, and nothing of it is imported. */
  invalidLines: Skip[];
  /** Lines or entries that are JSON but hold no release. */
  skipped: Skip[];
  /** The publisher named by the (first) package, if any. */
  publisherName: string | null;
}

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));

/** A full release (not a linked release of a record, which has only url, date and tag). */
export const isFullRelease = (v: unknown): v is JsonObject => isObject(v) && 'ocid' in v && 'id' in v;

/** The 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where JSON.parse found the fault: the offset its message names ("position 123", newer Node), or
 * where the excerpt it quotes (`..."excerpt"...`, Node 20) is found in the text.
 */
function errorOffset(text: string, message: string): number | null {
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const token = /^Unexpected token '(.)'/.exec(message)?.[1];
  const excerpt = /(?:^|\.\.\.|, )"([\s\S]+)"(?:\.\.\.)? is not valid JSON$/.exec(message)?.[1];
  if (!excerpt) return null;
  const at = text.indexOf(excerpt);
  if (at < 0) return null;
  const inside = token ? excerpt.indexOf(token) : 0;
  return at + Math.max(inside, 0);
}

/** The releases of one parsed JSON value (a package, a record package or a release), each with its place. */
export function releasesOf(value: unknown, prefix: string): { kind: ImportFormat | null; candidates: Candidate[]; skipped: Skip[]; publisherName: string | null } {
  const at = (s: string) => (prefix ? `${prefix} ${s}` : s);
  const candidates: Candidate[] = [];
  const skipped: Skip[] = [];
  if (!isObject(value)) return { kind: null, candidates, skipped: [{ reason: 'notRelease', example: `${prefix || 'file'}: ${Array.isArray(value) ? 'an array' : typeof value}` }], publisherName: null };
  const publisherName = isObject(value.publisher) && typeof value.publisher.name === 'string' && value.publisher.name.trim() ? value.publisher.name.trim() : null;
  if (Array.isArray(value.releases) && !('ocid' in value)) {
    value.releases.forEach((r, i) => (isObject(r) ? candidates.push({ at: at(`releases[${i}]`), release: r }) : skipped.push({ reason: 'notRelease', example: at(`releases[${i}]`) })));
    return { kind: 'releasePackage', candidates, skipped, publisherName };
  }
  if (Array.isArray(value.records)) {
    value.records.forEach((record, i) => {
      if (!isObject(record)) return skipped.push({ reason: 'notRelease', example: at(`records[${i}]`) });
      const releases = Array.isArray(record.releases) ? record.releases : [];
      if (releases.length > 0 && releases.every(isFullRelease)) releases.forEach((r, j) => candidates.push({ at: at(`records[${i}].releases[${j}]`), release: r as JsonObject }));
      else if (isObject(record.compiledRelease)) candidates.push({ at: at(`records[${i}].compiledRelease`), release: record.compiledRelease });
      else skipped.push({ reason: 'notRelease', example: at(`records[${i}]: linked releases and no compiledRelease`) });
    });
    return { kind: 'recordPackage', candidates, skipped, publisherName };
  }
  return { kind: 'release', candidates: [{ at: prefix || 'file', release: value }], skipped, publisherName };
}

/**
 * The releases of a file. A file that is one JSON document is a package (or a release); otherwise
 * each non-blank line is one JSON document. A line that is not JSON is reported with its number.
 */
export function parseOcdsFile(text: string): ParsedFile {
  const body = text.replace(/^\uFEFF/, '');
  let whole: unknown;
  let wholeError: string | null = null;
  try {
    whole = JSON.parse(body);
  } catch (error) {
    wholeError = error instanceof Error ? error.message : String(error);
  }
  if (wholeError === null) {
    const { kind, candidates, skipped, publisherName } = releasesOf(whole, '');
    return { format: kind ?? 'release', candidates, invalidLines: [], skipped, publisherName };
  }
  const lines = body.split('\n');
  const firstLine = lines.findIndex((l) => l.trim() !== '');
  // One JSON document spread over lines (a pretty-printed package) that is broken: name the line of the fault.
  if (firstLine >= 0 && !parsesAlone(lines[firstLine]!)) {
    const offset = errorOffset(body, wholeError);
    const where = offset === null ? 'file' : `line ${lineOf(body, offset)}`;
    return { format: 'releasePackage', candidates: [], invalidLines: [{ reason: 'invalidJson', example: `${where}: ${wholeError.split('\n')[0]}` }], skipped: [], publisherName: null };
  }
  const candidates: Candidate[] = [];
  const invalidLines: Skip[] = [];
  const skipped: Skip[] = [];
  let publisherName: string | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line, i + 1);
    if ('error' in parsed) return invalidLines.push(parsed.error);
    const found = releasesOf(parsed.value, `line ${i + 1}`);
    candidates.push(...found.candidates);
    skipped.push(...found.skipped);
    publisherName ??= found.publisherName;
  });
  return { format: 'jsonLines', candidates, invalidLines, skipped, publisherName };
}

function parsesAlone(line: string) {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** One line of JSON Lines: its value, or why it is not JSON. */
export function parseLine(line: string, lineNo: number): { value: unknown } | { error: Skip } {
  try {
    return { value: JSON.parse(line) };
  } catch (error) {
    return { error: { reason: 'invalidJson', example: `line ${lineNo}: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** The identifying fields a release must have to be stored at all (OCDS requires them; the store keys on them). */
export function missingFields(release: JsonObject): string[] {
  const missing: string[] = [];
  if (!nonEmpty(release.ocid)) missing.push('ocid');
  if (!nonEmpty(release.id)) missing.push('id');
  if (typeof release.date !== 'string' || Number.isNaN(Date.parse(release.date))) missing.push('date');
  return missing;
}

/** Who holds an ocid already: the platform, a sub-platform, or an import under some publisher's name. */
export interface Owner {
  origin: 'platform' | 'subPlatform' | 'import';
  platformName: string | null;
}

/**
 * What becomes of one release, in file order: `stored` is the hash already stored for its (ocid, id),
 * `seen` the hashes of this file's earlier releases, `owner` who holds its ocid. Schema problems are
 * checked by the caller (they need the validator) and passed as the first one's text, or null.
 */
export function classify(
  c: Candidate,
  hash: string,
  facts: { schemaProblem: string | null; stored: string | undefined; seen: string | undefined; owner: Owner | undefined; publisherName: string },
): { ok: true } | { ok: false; skip: Skip } {
  const r = c.release;
  const name = `${c.at} ${String(r.ocid ?? '?')}/${String(r.id ?? '?')}`;
  const missing = missingFields(r);
  if (missing.length) return { ok: false, skip: { reason: 'missingFields', example: `${c.at}: ${missing.join(', ')}` } };
  if (facts.owner && (facts.owner.origin !== 'import' || facts.owner.platformName !== facts.publisherName))
    return { ok: false, skip: { reason: 'otherOrigin', example: `${name}: ${facts.owner.origin === 'import' ? (facts.owner.platformName ?? 'import') : facts.owner.origin}` } };
  const before = facts.stored ?? facts.seen;
  if (before !== undefined) return { ok: false, skip: { reason: before === hash ? 'duplicate' : 'changed', example: name } };
  if (facts.schemaProblem) return { ok: false, skip: { reason: 'schemaInvalid', example: `${name}: ${facts.schemaProblem}` } };
  return { ok: true };
}

/** Skips grouped by reason, in SKIP_REASONS order, with the count and the first few examples. */
export function summariseSkips(skips: readonly Skip[], examples = 3): { reason: SkipReason; count: number; examples: string[] }[] {
  return SKIP_REASONS.flatMap((reason) => {
    const of = skips.filter((s) => s.reason === reason);
    return of.length ? [{ reason, count: of.length, examples: of.slice(0, examples).map((s) => s.example) }] : [];
  });
}

/** A progress line: a bar, n/total and the percentage. */
export function progressLine(done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${(share * 100).toFixed(1)}%`;
}
