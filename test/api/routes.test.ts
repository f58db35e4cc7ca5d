import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('every route', () => {
  it('declares who may call it, and refuses anonymous callers where it is not public', async () => {
    const protectedRoutes = t.app.routeTable.filter((r) => r.access !== 'public');
    expect(protectedRoutes.length).toBeGreaterThan(15);
    for (const route of protectedRoutes) {
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':kind', 'serviceList').replace(':year', '2027');
      const res = await t.api(route.method, url, route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} });
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.body.messages['zh-CN']).toBe('请先登录');
    }
  });

  it('is described in the OpenAPI document with its schemas', async () => {
    const doc = (await t.api('GET', '/api/docs/json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs') && !r.url.startsWith('/api/test'))) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(operation.responses).length, `${route.method} ${route.url}`).toBeGreaterThan(1);
    }
  });

  it('answers health with the database kind', async () => {
    expect((await t.api('GET', '/api/health')).body).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('answers an unknown API path with a bilingual 404 and a body that is not JSON with 400', async () => {
    const missing = await t.api('GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.messages['en-US']).toBe('Not found');
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).messages['zh-CN']).toBe('请求格式错误');
  });

  it('refuses a write from another site’s page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost:3000' }, payload: '{}' });
    expect(res.statusCode).toBe(403);
  });
});
