import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TRANSITIONS } from '../../src/identity/entity/entity.states';
import { PAYMENT_ACTIONS } from '../../src/money/payments/payment.states';
import { CHALLENGE_ACTIONS, COMPLAINT_ACTIONS } from '../../src/supervision/complaints/case.states';
import { ALERT_ACTIONS } from '../../src/supervision/redflags/alert.states';
import { DECRYPTION_FAILURES } from '../../src/trading/opening/opening.states';
import { LOT_TRANSITIONS, PROJECT_TRANSITIONS } from '../../src/trading/project/project.states';
import { NOTICE_TYPES } from '../../src/trading/trading.schema';
import { workspaceZh } from '../../web/src/i18n/workspace';
import { workspaceEn } from '../../web/src/i18n/workspace-en';

/**
 * The audit log shows each action by name. Actions are strings `area.name` written in src:
 * literals, and templates whose expansions are listed here (a new template fails until it is).
 */
const TEMPLATES: Record<string, readonly string[]> = {
  'entity.': Object.keys(ENTITY_TRANSITIONS),
  'notice.publish_': NOTICE_TYPES,
  'bid.': Object.values(DECRYPTION_FAILURES).map((f) => f.status),
  'opening.': ['start', 'fail'],
  'acceptance.': ['pass', 'partial', 'fail'],
  'performance.': ['purchaserRatesSupplier', 'supplierFeedback'],
  'plan.warehouse_': ['taken', 'unsuitable'],
  'lot.': Object.keys(LOT_TRANSITIONS),
  'project.': Object.keys(PROJECT_TRANSITIONS),
  'payment.': PAYMENT_ACTIONS,
  'challenge.': CHALLENGE_ACTIONS,
  'complaint.': COMPLAINT_ACTIONS,
  'redflag.': ALERT_ACTIONS,
};
/** Dotted names in those areas that are not actions: job kinds, a refusal's attempted step, file names. */
const NOT_ACTIONS = new Set(['opening.record', 'archive.build', 'audit.verify', 'plan.review_import', 'mall.close_basket', 'listing.advance']);
const FILE_NAME = /\.(json|pdf|html|key)$/;

const SRC = path.resolve(import.meta.dirname, '../../src');
const sources = fs
  .readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(SRC, f), 'utf8') }));

function actionsInSrc(): Set<string> {
  const actions = new Set<string>();
  const areas = new Set<string>();
  for (const { text } of sources)
    for (const line of text.split('\n').filter((l) => /\baction:/.test(l)))
      for (const [, literal] of line.matchAll(/'([a-z][a-zA-Z]*\.[a-z][a-zA-Z_]*)'/g)) areas.add(literal!.split('.')[0]!);
  // Every literal of an audited area counts (constants such as LOGIN_ACTIONS hold actions too).
  for (const { text } of sources)
    for (const [, literal] of text.matchAll(/['`]([a-z][a-zA-Z]*\.[a-z][a-z_]*)['`]/g))
      if (areas.has(literal!.split('.')[0]!) && !NOT_ACTIONS.has(literal!) && !FILE_NAME.test(literal!)) actions.add(literal!);
  for (const { file, text } of sources)
    for (const [, prefix] of text.matchAll(/action: `([a-z][a-zA-Z]*\.[a-z_]*)\$\{/g)) {
      const expansions = TEMPLATES[prefix!];
      if (!expansions) throw new Error(`${file}: a new template action \`${prefix}\${…}\`: list what it expands to in TEMPLATES`);
      for (const e of expansions) actions.add(`${prefix}${e}`);
    }
  return actions;
}

const label = (messages: typeof workspaceZh | typeof workspaceEn, action: string) => {
  const [area, name] = action.split('.') as [string, string];
  return (messages.auditAction as Record<string, Record<string, string> | undefined>)[area]?.[name];
};

describe('audit action names', () => {
  it('name every action recorded in src, in Chinese and English', () => {
    const actions = actionsInSrc();
    expect(actions.size).toBeGreaterThan(80);
    expect(actions).toContain('session.login');
    expect(actions).toContain('notice.publish_intention');
    const unnamed = [...actions].filter((a) => !label(workspaceZh, a) || !label(workspaceEn, a));
    expect(unnamed, 'add these to auditAction in web/src/i18n/zh-CN.ts and en-US.ts').toEqual([]);
    for (const area of new Set([...actions].map((a) => a.split('.')[0]!))) expect(workspaceZh.auditArea, area).toHaveProperty(area);
    const named = Object.entries(workspaceZh.auditAction).flatMap(([area, names]) => Object.keys(names).map((n) => `${area}.${n}`));
    expect(named.filter((a) => !actions.has(a)), 'names of actions src no longer records').toEqual([]);
  });

  it('name every kind of subject an entry can be about', () => {
    const kinds = new Set<string>(['login']);
    for (const { text } of sources) {
      for (const [, kind] of text.matchAll(/subjectType: '([a-zA-Z_]+)'/g)) kinds.add(kind!);
      for (const [, kind] of text.matchAll(/(?:deny|hiddenRow)\('([a-zA-Z_]+)'/g)) kinds.add(kind!);
      for (const [, kind] of text.matchAll(/new RefusedError\([^;]*?\d{3}, '([a-zA-Z_]+)'/g)) kinds.add(kind!);
    }
    expect(kinds).toContain('evaluation');
    const unnamed = [...kinds].filter((k) => !(k in workspaceZh.auditSubject) || !(k in workspaceEn.auditSubject));
    expect(unnamed, 'add these to auditSubject in web/src/i18n/zh-CN.ts and en-US.ts').toEqual([]);
  });
});
