import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform';

let t: TestPlatform;
let doc: any;
beforeAll(async () => {
  t = await startTestPlatform();
  doc = (await t.api('GET', '/api/docs/json')).body;
});
afterAll(() => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const operations = () =>
  Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

/**
 * Two paths Redocly calls ambiguous (`/a/{kind}/versions` beside `/a/versions/{id}`) are not when,
 * wherever one has a parameter facing the other's fixed segment, that parameter is an enum
 * that does not contain the segment: no request can match both.
 */
function distinguishedByEnum(problem: NormalizedProblem): boolean {
  const paths = [...problem.message.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  if (paths.length !== 2) return false;
  const [a, b] = paths.map((p) => p.split('/'));
  if (a!.length !== b!.length) return false;
  const enumOf = (path: string, name: string): unknown[] | undefined => {
    for (const operation of Object.values<any>(doc.paths[path] ?? {})) {
      const parameter = operation.parameters?.find((p: any) => p.in === 'path' && p.name === name);
      if (parameter?.schema?.enum) return parameter.schema.enum;
    }
    return undefined;
  };
  return a!.some((segment, i) => {
    const other = b![i]!;
    const [param, fixed, path] = /^\{\w+\}$/.test(segment) && !/^\{/.test(other) ? [segment, other, paths[0]!] : /^\{\w+\}$/.test(other) && !/^\{/.test(segment) ? [other, segment, paths[1]!] : [];
    if (!param) return false;
    const values = enumOf(path!, param.slice(1, -1));
    return values !== undefined && !values.includes(fixed);
  });
}

describe('the OpenAPI document', () => {
  it('is clean under Redocly’s recommended rules', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // The project has not chosen a licence yet; the document must not claim one it does not have.
        'info-license': 'off',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const remaining = problems.filter((p) => !(p.ruleId === 'no-ambiguous-paths' && distinguishedByEnum(p)));
    const summary = remaining.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    expect(summary).toEqual([]);
  });

  it('names every operation uniquely and files it under a described area', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map(({ operation }) => operation.operationId);
    for (const { path, method, operation } of ops) {
      expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(operation.tags, `${method} ${path}: add its tag to TOPIC_AREAS in src/platform/http/openapi.ts`).toHaveLength(1);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/lots/{id}/virtual-account'].get.operationId).toBe('getLotsByIdVirtualAccount');

    const described = new Map<string, string>(doc.tags.map((tag: any) => [tag.name, tag.description]));
    for (const { path, method, operation } of ops) expect(described.get(operation.tags[0]), `${method} ${path}: tag ${operation.tags[0]} names no area; map it in TOPIC_AREAS (src/platform/http/openapi.ts)`).toMatch(/ \/ /);
    // Every area listed has operations, and they are the areas a reader expects.
    expect([...described.keys()]).toEqual(expect.arrayContaining(['platform', 'identity', 'catalogue', 'trading', 'services', 'money', 'supervision', 'exchange']));
    for (const name of described.keys()) expect(ops.some(({ operation }) => operation.tags[0] === name), name).toBe(true);
  });

  it('says what each operation needs: nothing, the session cookie, or a system’s signature', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sid' });
    for (const route of t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs'))) {
      const operation = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];
      const expected =
        route.url === '/api/sub-platform/contracts' || route.url.startsWith('/api/sync/')
          ? [{ subPlatformSignature: [] }]
          : route.url.startsWith('/api/bank/')
            ? [{ bankSignature: [] }]
            : route.access === 'public'
              ? []
              : [{ session: [] }];
      expect(operation.security, `${route.method} ${route.url}`).toEqual(expected);
    }
    expect(doc.components.securitySchemes.bankSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Bank-Key' });
    expect(doc.components.securitySchemes.subPlatformSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });

  it('writes a nullable reference with its type, as OpenAPI 3.0 reads it', () => {
    const session = doc.paths['/api/session'].get.responses['200'].content['application/json'].schema;
    expect(session).toMatchObject({ nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Session' }] });
  });
});
