import { createRequire } from 'node:module';
import { PROCUREMENT_WORDS, procurementDictionary } from './procurement-words';

/**
 * Chinese full-text search as plain functions: jieba segments the words, the database only stores
 * and matches them. Index and query are segmented by the same code, so they always agree; the
 * database's own text parser never sees Chinese (its treatment of CJK depends on the locale, which
 * differs between PGlite and a PostgreSQL server), and the tsvector / tsquery are written as
 * literals of already-segmented words under the 'simple' configuration's rules.
 */

interface Segmenter {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
}

let jieba: Segmenter | undefined;
function segmenter(): Segmenter {
  if (!jieba) {
    // A native binding loaded on first use (CommonJS): its dictionary takes ~100 ms to load.
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const j = Jieba.withDict(dict) as Segmenter & { loadDict(dict: Uint8Array): void };
    j.loadDict(procurementDictionary());
    jieba = j;
  }
  return jieba;
}

const CJK = /\p{Script=Han}/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * A token worth indexing: letters or digits, lower-cased. Single Han characters (的, 局, 年) are
 * left out: they match almost everything and would make the index several times larger.
 */
function normaliseToken(token: string): string | null {
  const t = token.trim().toLowerCase();
  if (!t || !WORDLIKE.test(t)) return null;
  if ([...t].length === 1 && CJK.test(t)) return null;
  // A lexeme of more than 100 characters is no word (a URL, a hash); it only bloats the index.
  if (t.length > 100) return null;
  return t;
}

const OWN_WORDS = new Set(PROCUREMENT_WORDS);

/**
 * Search-mode segmentation (公路日常养护工程 → 公路/日常/养护/工程; long words also as their parts).
 * A word of our own list also yields its two-character pieces: jieba's search mode only adds the
 * parts its general dictionary knows, so 运维服务 would hide 运维 from a query for 信息系统运维.
 */
export function segment(text: string): string[] {
  const out: string[] = [];
  for (const token of segmenter().cutForSearch(text, true)) {
    const t = normaliseToken(token);
    if (!t) continue;
    out.push(t);
    if (OWN_WORDS.has(t)) {
      const chars = [...t];
      if (chars.length > 2) for (let i = 0; i + 2 <= chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    }
  }
  return out;
}

/** A tsvector lexeme or tsquery operand, quoted for the literal syntax. */
const quote = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

export type Weight = 'A' | 'B' | 'C' | 'D';

/** PostgreSQL keeps at most 256 positions per lexeme, each at most 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

/**
 * The tsvector literal of a notice: title (A), body (B), attachments (C), positions running on
 * across the parts so that ts_rank_cd sees words that stand together.
 */
export function tsvectorLiteral(parts: { text: string; weight: Weight }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const part of parts) {
    for (const word of segment(part.text)) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(word);
      if (!list) positions.set(word, (list = []));
      if (list.length < MAX_POSITIONS) list.push(`${position}${part.weight}`);
    }
  }
  return [...positions].map(([word, list]) => `${quote(word)}:${list.join(',')}`).join(' ');
}

export interface ParsedQuery {
  /** The query as typed, trimmed (fuzzy name matching uses it whole). */
  text: string;
  /** Every word the query was segmented into, for fragments. */
  terms: string[];
  /** The tsquery literal, or null when no word is indexable (e.g. one Han character). */
  tsquery: string | null;
  /** The same, matching title words only (weight A): the first tier of the ranking. */
  titleTsquery: string | null;
}

/**
 * Each word of the query (precise segmentation) must appear; a long word also matches as all of
 * its parts (公路养护 → 公路 & 养护; 交通运输 → 交通运输 | (交通 & 通运 & 运输)), since a notice was indexed in
 * search mode and its context may have split the word differently.
 */
/** One token under jieba's precise cut, of two characters or more: a word the index can hold. */
const isWord = (piece: string) => [...piece].length >= 2 && segmenter().cut(piece, false).length === 1;

/**
 * The query's words. jieba may cut a run of words typed together so that a single character is
 * left over (照明灯具 → 照明灯/具), and a lone character is not indexed: such a run is tiled instead
 * into the fewest words of two characters or more (照明/灯具), as a notice that says 照明改造灯具 was indexed.
 */
function queryWords(text: string): string[] {
  const words: string[] = [];
  for (const run of text.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    const cut = segmenter().cut(run, true);
    const leftover = cut.some((w) => [...w].length === 1 && CJK.test(w));
    words.push(...((leftover && tiling(run)) || cut));
  }
  return words;
}

/** The fewest words (isWord) that cover the run exactly, or null (dynamic programming over cut points). */
function tiling(run: string): string[] | null {
  const chars = [...run];
  if (chars.length > 32) return null;
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= chars.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 8); start <= end - 2; start++) {
      const before = best[start];
      const piece = chars.slice(start, end).join('');
      if (before && isWord(piece) && (!best[end] || before.length + 1 < best[end]!.length)) best[end] = [...before, piece];
    }
  }
  return best[chars.length] ?? null;
}

export function parseQuery(q: string): ParsedQuery {
  const text = q.trim().replace(/\s+/g, ' ');
  const clauses: string[] = [];
  const titleClauses: string[] = [];
  const terms = new Set<string>();
  const seen = new Set<string>();
  for (const raw of queryWords(text)) {
    const word = normaliseToken(raw);
    if (!word || seen.has(word)) continue;
    seen.add(word);
    terms.add(word);
    const parts = [...new Set(segment(word))].filter((p) => p !== word);
    for (const p of parts) terms.add(p);
    const clause = (operand: (w: string) => string) => (parts.length ? `(${operand(word)} | (${parts.map(operand).join(' & ')}))` : operand(word));
    clauses.push(clause(quote));
    titleClauses.push(clause((w) => `${quote(w)}:A`));
  }
  return { text, terms: [...terms], tsquery: clauses.length ? clauses.join(' & ') : null, titleTsquery: titleClauses.length ? titleClauses.join(' & ') : null };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The text of a rendered notice: tags become spaces, entities characters, runs of space one. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * Fragments of `text` around the query's terms, HTML-escaped, the terms in <mark>…</mark>; '' when
 * no term occurs. ts_headline would need the database's parser, which does not know Chinese words.
 */
export function highlight(text: string, terms: string[], options: { fragments?: number; width?: number } = {}): string {
  const maxFragments = options.fragments ?? 2;
  const width = options.width ?? 40;
  const lower = text.toLowerCase();
  // Longest terms first, so 交通运输 is marked whole rather than as 交通 + 运输.
  const sorted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  const marks: [number, number][] = [];
  for (const term of sorted) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) {
      const end = at + term.length;
      if (!marks.some(([s, e]) => at < e && end > s)) marks.push([at, end]);
    }
  }
  if (!marks.length) return '';
  marks.sort((a, b) => a[0] - b[0]);
  // Windows around the marks, merged when they touch, the first few kept.
  const windows: [number, number][] = [];
  for (const [s, e] of marks) {
    const from = Math.max(0, s - width / 2);
    const to = Math.min(text.length, e + width / 2);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else if (windows.length < maxFragments) windows.push([from, to]);
  }
  return windows
    .map(([from, to]) => {
      let out = from > 0 ? '…' : '';
      let at = from;
      for (const [s, e] of marks) {
        if (s < from || e > to) continue;
        out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
        at = e;
      }
      return out + escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
    })
    .join(' ');
}

/** 品目: the three top classes of the 政府采购品目分类目录 (A 货物, B 工程, C 服务); deeper codes add two digits per level. */
export const CATEGORY_CODES = { goods: 'A', works: 'B', services: 'C' } as const;
export const CATEGORY_NAMES: Record<string, string> = { A: '货物', B: '工程', C: '服务' };
export const categoryCodeOf = (category: string | null | undefined): string | null => (category ? (CATEGORY_CODES as Record<string, string>)[category] ?? null : null);

/** Amount of a notice, in fen: what was awarded or contracted when the notice says so, else the budget. */
export function noticeAmountFen(noticeType: string, fields: Record<string, unknown>, budgetFen: number | null): number | null {
  const f = fields as { priceFen?: unknown; lots?: { amountFen?: unknown; budgetFen?: unknown }[]; budgetFen?: unknown };
  if (noticeType === 'contract' && typeof f.priceFen === 'number') return f.priceFen;
  if (Array.isArray(f.lots)) {
    const awarded = f.lots.map((l) => l.amountFen).filter((n): n is number => typeof n === 'number');
    if (awarded.length) return awarded.reduce((a, b) => a + b, 0);
    const budgets = f.lots.map((l) => l.budgetFen).filter((n): n is number => typeof n === 'number');
    if (budgets.length) return budgets.reduce((a, b) => a + b, 0);
  }
  if (typeof f.budgetFen === 'number') return f.budgetFen;
  return budgetFen;
}
