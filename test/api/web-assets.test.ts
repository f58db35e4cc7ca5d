import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/app';
import { startTestPlatform, type TestPlatform } from '../support/platform';

/** A public page's first visit may download at most this much compressed JavaScript, its own page's included (issue 11). */
const FIRST_LOAD_BUDGET = 250 * 1000;

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ demo: true });
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** What the page's HTML makes the browser download before the app runs: the module script and its preloads. */
function firstLoadScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script\b[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...entry, ...preloads];
}

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;
const manifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(WEB_ROOT, '.vite/manifest.json'), 'utf8'));

/** A chunk and every chunk it imports statically (which the browser fetches with it). */
function closure(m: Manifest, key: string, files = new Set<string>()): Set<string> {
  const chunk = m[key];
  if (!chunk || files.has(`/${chunk.file}`)) return files;
  files.add(`/${chunk.file}`);
  for (const imported of chunk.imports ?? []) closure(m, imported, files);
  return files;
}

async function compressedBytes(urls: Iterable<string>, encoding: 'br' | 'gzip') {
  let total = 0;
  for (const url of urls) {
    const res = await get(url, { 'accept-encoding': encoding });
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-encoding'], url).toBe(encoding);
    total += res.rawPayload.length;
  }
  return total;
}

describe('the web app as a visitor downloads it', () => {
  it(`starts a public page with at most ${FIRST_LOAD_BUDGET / 1000} KB of compressed JavaScript, and none of the workspace`, async () => {
    const html = (await get('/notices')).body;
    const scripts = firstLoadScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const brotli = await compressedBytes(scripts, 'br');
    const gzip = await compressedBytes(scripts, 'gzip');
    let raw = 0;
    for (const url of scripts) raw += (await get(url)).rawPayload.length;
    expect(brotli).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
    expect(gzip).toBeLessThan(raw / 2.5);

    // The workspace's pages are chunks of their own, fetched only once someone opens them.
    const m = manifest();
    const workspacePages = Object.keys(m).filter((k) => /^src\/pages\/(?!public\/)/.test(k) && !/LoginPage|RegisterPage/.test(k));
    expect(workspacePages.length).toBeGreaterThan(10);
    for (const page of workspacePages) expect(scripts, page).not.toContain(`/${m[page]!.file}`);

    console.info(`first load (index.html script + modulepreload): ${scripts.length} scripts, ${raw} B, br ${brotli} B, gzip ${gzip} B`);
  });

  // The shell and the page's chunk with everything it imports (fetched as soon as the route is known):
  // what the home page and the notice list, a visitor's usual first pages, cost. docs/BENCHMARKS.md "Web first load".
  for (const page of ['src/pages/public/HomePage.tsx', 'src/pages/public/NoticesPage.tsx']) {
    it(`starts ${page} with at most ${FIRST_LOAD_BUDGET / 1000} KB of compressed JavaScript, the page's own included`, async () => {
      const m = manifest();
      const entryKey = Object.keys(m).find((k) => m[k]!.isEntry)!;
      expect(m[page], page).toBeDefined();
      const files = closure(m, page, closure(m, entryKey));
      const brotli = await compressedBytes(files, 'br');
      console.info(`first load with ${page}: ${files.size} scripts, br ${brotli} B, gzip ${await compressedBytes(files, 'gzip')} B`);
      expect(brotli).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
    });
  }

  it('serves scripts compressed, byte for byte what the build wrote, and keeps hashed assets a year', async () => {
    const [script] = firstLoadScripts((await get('/')).body);
    const plain = await get(script!);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get(script!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gzip = await get(script!, { 'accept-encoding': 'gzip' });
    expect(zlib.gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
    for (const res of [plain, br, gzip]) {
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type']).toMatch(/javascript/);
    }
  });

  it('has the page itself checked on every visit, compressed, with its security headers', async () => {
    for (const url of ['/', '/notices', '/workspace/projects']) {
      const res = await get(url, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });
});

describe('API answers', () => {
  it('are compressed for clients that accept it, and the same JSON once decoded', async () => {
    const plain = await get('/api/docs/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/api/docs/json', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(JSON.parse(plain.body));
    const gzip = await get('/api/docs/json', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.rawPayload).toString())).toEqual(JSON.parse(plain.body));
  });

  it('stay private when signed in, compressed or not', async () => {
    const cookie = await t.signIn('supplier1');
    const res = await get('/api/docs/json', { cookie, 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBe('br');
    const plain = await get('/api/docs/json', { cookie });
    expect(JSON.parse(zlib.brotliDecompressSync(res.rawPayload).toString())).toEqual(JSON.parse(plain.body));
  });

  it('take request bodies as sent: a gzip-encoded body is not unpacked behind the signature', async () => {
    // The bank signs the bytes it sends; the platform must not decode them first and check something else.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/bank/deposit-notices',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: zlib.gzipSync(JSON.stringify({ hello: 'world' })),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).code).toBe('BAD_REQUEST'); // the bytes as sent are not JSON (unpacked, they would be a 400 VALIDATION)
  });
});
