import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CITATIONS, isVerified, ruleCitation } from './rule-citations';

const SRC = path.resolve(import.meta.dirname, '..');
const RULE_ID = /\b[A-Z]{1,4}-\d{2}\b/g;

/** Every rule ID written anywhere in src (code, messages, comments), except in the catalogue itself. */
function ruleIdsUsedInSrc(): Map<string, string> {
  const used = new Map<string, string>();
  for (const f of fs.readdirSync(SRC, { recursive: true }).map(String)) {
    if (!f.endsWith('.ts') || f.startsWith(path.join('catalogue', 'rule-citations'))) continue;
    for (const id of fs.readFileSync(path.join(SRC, f), 'utf8').match(RULE_ID) ?? []) if (!used.has(id)) used.set(id, f);
  }
  return used;
}

describe('rule citations', () => {
  it('cite every rule ID the code uses, so that none reaches a user on its own', () => {
    const used = ruleIdsUsedInSrc();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([id]) => !ruleCitation(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing, 'add these to src/catalogue/rule-citations.ts').toEqual([]);
  });

  it('name the act and article in both languages, once per rule', () => {
    expect(new Set(RULE_CITATIONS.map((r) => r.id)).size).toBe(RULE_CITATIONS.length);
    for (const r of RULE_CITATIONS) {
      expect(r.citation['zh-CN'], r.id).toMatch(/^《.+》|通知/);
      expect(r.citation['en-US'], r.id).toMatch(/^[A-Z]/);
      expect(r.statement['zh-CN'].length, r.id).toBeGreaterThan(4);
      expect(r.statement['en-US'].length, r.id).toBeGreaterThan(4);
    }
  });

  it('count only rules checked against the statutory text as verified', () => {
    expect(isVerified(ruleCitation('GP-70')!)).toBe(true);
    expect(ruleCitation('GP-70')!.citation).toEqual({ 'zh-CN': '《政府采购法实施条例》第四十三条第一款', 'en-US': 'Regulations on the Implementation of the Government Procurement Law, art. 43(1)' });
    expect(isVerified(ruleCitation('GP-59')!)).toBe(false); // 87号令 seen in secondary copies only
    expect(isVerified(ruleCitation('GP-44')!)).toBe(false); // from memory
  });
});
