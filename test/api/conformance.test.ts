import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/exchange/conformance/conformance';
import { outboxHandler } from '../../src/demo/subplatform/outbox';
import { worksTenderReleases } from '../../src/demo/subplatform/works-releases';
import { completeCreditCode } from '../../src/identity';

/**
 * `npm run conformance -- URL`: the admission checks of a candidate sub-platform against its
 * outbox. A conforming candidate (the demo sub-platform's outbox) passes all four; each way of
 * getting it wrong fails its own check with the reason.
 */
const code = completeCreditCode;
const buyer = { name: '上海市公路事务中心', creditCode: code('12310000MA1HWY001') };
const key = { keyId: 'sp-candidate', secret: 'c'.repeat(64) };
const releases = [0, 1, 2].flatMap((n) =>
  worksTenderReleases({
    prefix: 'ocds-shjs01',
    number: `CF-${n}`,
    title: `公路养护工程（第${n}标段）`,
    buyer,
    bidders: [0, 1].map((k) => ({ name: `养护公司${n}${k}`, creditCode: code(`9131010${n}0MA1CF00${k}`), priceFen: 5_000_000 + k * 1000 })),
    winner: code(`9131010${n}0MA1CF000`),
    budgetFen: 6_000_000,
    publishedAt: '2026-05-01T02:00:00.000Z',
  }),
);

/** A candidate on a free port, serving what `serve` gives on each request. */
async function candidate(serve: (call: number) => Record<string, unknown>[], signWith = key) {
  let calls = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const current = serve(calls++);
    if (!outboxHandler(() => current, signWith)(req, res)) res.writeHead(404).end();
  };
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const verdicts = async (url: string) => Object.fromEntries((await runConformance({ url, ...key })).map((r) => [r.check, r.passed]));

describe('conformance of a candidate sub-platform', () => {
  let good = '';
  beforeAll(async () => {
    good = await candidate(() => releases);
  });

  it('passes a candidate that signs, validates, repeats itself exactly and keeps order', async () => {
    expect(await verdicts(good)).toEqual({ signatures: true, schema: true, idempotency: true, ordering: true });
  });

  it('fails each check on its own fault, with the reason', async () => {
    expect(await verdicts(await candidate(() => releases, { keyId: 'sp-candidate', secret: 'd'.repeat(64) }))).toMatchObject({ signatures: false, schema: true });
    const invalid = structuredClone(releases);
    (invalid[1] as Record<string, any>).tender.value.currency = 'USD';
    const schema = await runConformance({ url: await candidate(() => invalid), ...key });
    expect(schema.find((r) => r.check === 'schema')).toMatchObject({ passed: false, detail: { 'en-US': expect.stringContaining('/tender/value/currency') } });
    // A release that changes between reads: the same ocid and id with another content.
    const changing = await candidate((call) => (call === 0 ? releases : releases.map((r, i) => (i === 0 ? { ...r, tender: { ...(r.tender as object), title: '又改了' } } : r))));
    expect(await verdicts(changing)).toMatchObject({ idempotency: false, signatures: true });
    // The contract's release before the tender's.
    const reordered = [releases[2]!, releases[0]!, releases[1]!, ...releases.slice(3)];
    expect(await verdicts(await candidate(() => reordered))).toMatchObject({ ordering: false, schema: true });
    expect(await verdicts('http://127.0.0.1:9')).toEqual({ signatures: false, schema: false, idempotency: false, ordering: false });
    // Nothing published yet: nothing to judge the candidate by.
    expect((await verdicts(await candidate(() => []))).schema).toBe(false);
  });

  it('runs as `npm run conformance -- URL`, one line per check and the verdict, exit code 0', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/exchange/conformance/conformance-cli.ts', good, '--key-id', key.keyId, '--secret', key.secret]);
    expect(stdout).toContain('✓ 通过 passed  signatures');
    expect(stdout).toContain('全部通过，可接入平台目录');
  }, 60_000);
});
