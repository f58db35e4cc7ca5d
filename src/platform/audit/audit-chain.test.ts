import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, asStoredJson, canonicalJson, hashEntry, verifyRun, type AuditEntry, type UnhashedEntry } from './audit-chain';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: UnhashedEntry = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 10, 22, 8, 0, seq)),
      actorPersonId: null,
      actorLabel: 'operator',
      actorRole: 'operator',
      actorEntityId: null,
      ip: '127.0.0.1',
      action: 'entity.approve',
      subjectType: 'entity',
      subjectId: `e${seq}`,
      regionCode: '310000',
      result: 'success',
      before: asStoredJson({ status: 'pending' }),
      after: asStoredJson({ status: 'active', amountFen: 10n }),
      detail: null,
      prevHash: prev,
    };
    const hash = hashEntry(e);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('sorts keys so the same data gives the same text', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":1,"f":2}]},"b":1}');
    expect(canonicalJson({ amountFen: 123n })).toBe('{"amountFen":"123"}');
  });

  it('accepts an untouched chain and returns its head', () => {
    const entries = chain(5);
    expect(verifyRun(entries, { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, head: { seq: 5, hash: entries[4]!.hash } });
  });

  it('names the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { status: 'rejected' } };
    expect(verifyRun(entries, { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: false, break: { seq: 3, reason: 'hashMismatch' } });
  });

  it('catches a removed entry and a re-hashed forgery', () => {
    const entries = chain(5);
    expect(verifyRun([...entries.slice(0, 2), ...entries.slice(3)], { seq: 0, hash: GENESIS_HASH })).toEqual({
      ok: false,
      break: { seq: 3, reason: 'gap' },
    });
    // A forger who rewrites entry 2 and recomputes its hash still breaks entry 3's link.
    const forged = { ...entries[1]!, actorLabel: 'someone else' };
    forged.hash = hashEntry(forged);
    expect(verifyRun([entries[0]!, forged, ...entries.slice(2)], { seq: 0, hash: GENESIS_HASH })).toEqual({
      ok: false,
      break: { seq: 3, reason: 'prevHashMismatch' },
    });
  });
});
