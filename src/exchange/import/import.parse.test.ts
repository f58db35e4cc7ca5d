import { describe, expect, it } from 'vitest';
import { classify, isFullRelease, lineOf, missingFields, parseLine, parseOcdsFile, progressLine, summariseSkips, type Candidate } from './import.parse';

const release = (ocid: string, id: string, extra: Record<string, unknown> = {}) => ({ ocid, id, date: '2025-03-03T12:00:00Z', tag: ['tender'], initiationType: 'tender', ...extra });

describe('which shape a file is', () => {
  it('reads a release package, naming each release by its place and taking the publisher’s name', () => {
    const text = JSON.stringify({ publisher: { name: 'DNCP' }, releases: [release('o-1', 'a'), release('o-2', 'b')] }, null, 2);
    const parsed = parseOcdsFile(text);
    expect(parsed.format).toBe('releasePackage');
    expect(parsed.publisherName).toBe('DNCP');
    expect(parsed.candidates.map((c) => c.at)).toEqual(['releases[0]', 'releases[1]']);
    expect(parsed.invalidLines).toEqual([]);
  });

  it('reads a record package: its full releases when it has them, else its compiled release', () => {
    const text = JSON.stringify({
      records: [
        { ocid: 'o-1', releases: [release('o-1', 'a'), release('o-1', 'b')], compiledRelease: release('o-1', 'compiled') },
        { ocid: 'o-2', releases: [{ url: 'https://x/o-2/a', date: '2025-01-01T00:00:00Z', tag: ['tender'] }], compiledRelease: release('o-2', 'c') },
        { ocid: 'o-3', releases: [{ url: 'https://x/o-3/a', date: '2025-01-01T00:00:00Z', tag: ['tender'] }] },
      ],
    });
    const parsed = parseOcdsFile(text);
    expect(parsed.format).toBe('recordPackage');
    expect(parsed.candidates.map((c) => [c.at, c.release.id])).toEqual([
      ['records[0].releases[0]', 'a'],
      ['records[0].releases[1]', 'b'],
      ['records[1].compiledRelease', 'c'],
    ]);
    expect(parsed.skipped).toEqual([{ reason: 'notRelease', example: 'records[2]: linked releases and no compiledRelease' }]);
  });

  it('reads JSON Lines of compiled releases, and of release packages, line by line', () => {
    const lines = [JSON.stringify(release('o-1', 'a')), '', JSON.stringify({ publisher: { name: 'P' }, releases: [release('o-2', 'b'), release('o-3', 'c')] })].join('\n');
    const parsed = parseOcdsFile(lines);
    expect(parsed.format).toBe('jsonLines');
    expect(parsed.candidates.map((c) => c.at)).toEqual(['line 1', 'line 3 releases[0]', 'line 3 releases[1]']);
    expect(parsed.publisherName).toBe('P');
  });

  it('names the line that is not JSON, midway through JSON Lines', () => {
    const lines = [JSON.stringify(release('o-1', 'a')), '{"ocid": "o-2", "id": ', JSON.stringify(release('o-3', 'c'))].join('\n');
    const parsed = parseOcdsFile(lines);
    expect(parsed.invalidLines).toHaveLength(1);
    expect(parsed.invalidLines[0]!.example).toMatch(/^line 2: /);
  });

  it('names the line of the fault in a broken pretty-printed package', () => {
    const text = JSON.stringify({ releases: [release('o-1', 'a')] }, null, 2).replace('"tender"', '"tender",,');
    const parsed = parseOcdsFile(text);
    const line = text.split('\n').findIndex((l) => l.includes(',,')) + 1;
    expect(parsed.candidates).toEqual([]);
    expect(parsed.invalidLines[0]!.example).toMatch(new RegExp(`^line ${line}: `));
  });

  it('takes a single release as a one-release file', () => {
    expect(parseOcdsFile(JSON.stringify(release('o-1', 'a'))).candidates).toHaveLength(1);
  });
});

describe('lines and fields', () => {
  it('counts lines to an offset', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(1);
    expect(lineOf('a\nb\nc', 4)).toBe(3);
  });
  it('parses a line or says which line is broken', () => {
    expect(parseLine('{"a":1}', 4)).toEqual({ value: { a: 1 } });
    expect(parseLine('{"a":', 4)).toMatchObject({ error: { reason: 'invalidJson', example: expect.stringMatching(/^line 4: /) } });
  });
  it('tells a full release from a linked one', () => {
    expect(isFullRelease(release('o', 'a'))).toBe(true);
    expect(isFullRelease({ url: 'u', date: 'd', tag: ['tender'] })).toBe(false);
  });
  it('lists the identifying fields that are missing or unreadable', () => {
    expect(missingFields(release('o', 'a'))).toEqual([]);
    expect(missingFields({ ocid: 'o', id: '', date: 'yesterday' })).toEqual(['id', 'date']);
    expect(missingFields({})).toEqual(['ocid', 'id', 'date']);
  });
});

describe('what becomes of a release', () => {
  const c: Candidate = { at: 'releases[3]', release: release('o-1', 'a') };
  const facts = { schemaProblem: null, stored: undefined, seen: undefined, owner: undefined, publisherName: 'DNCP' };
  it('imports a new valid release', () => {
    expect(classify(c, 'h', facts)).toEqual({ ok: true });
  });
  it('skips a release without its identifiers', () => {
    expect(classify({ at: 'line 2', release: { ocid: 'o-1' } }, 'h', facts)).toEqual({ ok: false, skip: { reason: 'missingFields', example: 'line 2: id, date' } });
  });
  it('skips a release stored before (same content) or seen earlier in the file, and a changed one', () => {
    expect(classify(c, 'h', { ...facts, stored: 'h' })).toMatchObject({ skip: { reason: 'duplicate', example: 'releases[3] o-1/a' } });
    expect(classify(c, 'h', { ...facts, seen: 'h' })).toMatchObject({ skip: { reason: 'duplicate' } });
    expect(classify(c, 'h', { ...facts, stored: 'other' })).toMatchObject({ skip: { reason: 'changed' } });
  });
  it('skips an ocid that is the platform’s, a sub-platform’s or another publisher’s, and keeps adding to its own', () => {
    expect(classify(c, 'h', { ...facts, owner: { origin: 'platform', platformName: null } })).toMatchObject({ skip: { reason: 'otherOrigin', example: 'releases[3] o-1/a: platform' } });
    expect(classify(c, 'h', { ...facts, owner: { origin: 'subPlatform', platformName: 'X' } })).toMatchObject({ skip: { reason: 'otherOrigin' } });
    expect(classify(c, 'h', { ...facts, owner: { origin: 'import', platformName: 'Prozorro' } })).toMatchObject({ skip: { reason: 'otherOrigin', example: 'releases[3] o-1/a: Prozorro' } });
    expect(classify(c, 'h', { ...facts, owner: { origin: 'import', platformName: 'DNCP' } })).toEqual({ ok: true });
  });
  it('skips a release that fails the schema, with its first problem', () => {
    expect(classify(c, 'h', { ...facts, schemaProblem: '/tender/value/amount must be of type number' })).toEqual({ ok: false, skip: { reason: 'schemaInvalid', example: 'releases[3] o-1/a: /tender/value/amount must be of type number' } });
  });
});

describe('the summary', () => {
  it('counts skips by reason with the first examples', () => {
    const skips = [1, 2, 3, 4].map((n) => ({ reason: 'duplicate' as const, example: `d${n}` }));
    expect(summariseSkips([...skips, { reason: 'invalidJson', example: 'line 9' }])).toEqual([
      { reason: 'invalidJson', count: 1, examples: ['line 9'] },
      { reason: 'duplicate', count: 4, examples: ['d1', 'd2', 'd3'] },
    ]);
  });
  it('draws the progress line', () => {
    expect(progressLine(5, 10, 10)).toBe('[#####.....] 5/10 50.0%');
    expect(progressLine(0, 0, 4)).toBe('[####] 0/0 100.0%');
  });
});
