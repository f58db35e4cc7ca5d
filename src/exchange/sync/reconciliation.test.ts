import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayDigest, differences } from './reconciliation';

const line = (ocid: string, id: string, sha256 = 'a'.repeat(64)) => ({ ocid, id, sha256 });

describe('reconciliation', () => {
  it('digests a day the same whatever order its releases are listed in, and as the documented lines', () => {
    const a = [line('ocds-x-2', '1'), line('ocds-x-1', '2'), line('ocds-x-1', '1')];
    expect(dayDigest(a)).toBe(dayDigest([...a].reverse()));
    const expected = createHash('sha256').update(`ocds-x-1\t1\t${'a'.repeat(64)}\nocds-x-1\t2\t${'a'.repeat(64)}\nocds-x-2\t1\t${'a'.repeat(64)}\n`).digest('hex');
    expect(dayDigest(a)).toBe(expected);
    expect(dayDigest([])).toBe(createHash('sha256').digest('hex'));
  });

  it('tells a changed release from a missing one', () => {
    const ours = [line('o-1', '1'), line('o-1', '2'), line('o-2', '1', 'b'.repeat(64))];
    const theirs = [line('o-1', '1'), line('o-2', '1', 'c'.repeat(64)), line('o-3', '1')];
    expect(dayDigest(ours)).not.toBe(dayDigest(theirs));
    expect(differences(ours, theirs)).toEqual({ missingHere: [line('o-3', '1')], notSentThere: [line('o-1', '2')], different: [line('o-2', '1', 'c'.repeat(64))] });
  });
});
