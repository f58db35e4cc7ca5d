import type { SwaggerTransform } from '@fastify/swagger';
import type { Access } from './access';

/**
 * The OpenAPI document as others build on it (lint clean under Redocly's recommended rules):
 * every operation gets an operationId, one tag naming its area, and the security it needs,
 * here in one place rather than in each of the route files.
 */

/** The areas of the API, in the order the documentation lists them. */
export const OPENAPI_AREAS = [
  { name: 'platform', description: '平台：健康检查、节假日日历、站内消息 / Platform: health, the holiday calendar, messages' },
  { name: 'identity', description: '身份：登录会话、人员、市场主体、角色与安全设置 / Identity: sessions, people, market entities, roles and security settings' },
  { name: 'catalogue', description: '目录：交易目录、服务清单、行政区划、规则 / Catalogues: the trading catalogue, the service list, regions, rules' },
  { name: 'portal', description: '门户：无需登录的公告、检索与公开信息 / Portal: notices, search and public information, no sign-in' },
  { name: 'open-data', description: '开放数据：OCDS 发布与批量下载 / Open data: OCDS releases, records and bulk files' },
  { name: 'trading', description: '交易：采购计划、项目、公告、投标、开标、评标、定标与合同 / Trading: plans, projects, notices, bids, opening, evaluation, award and contracts' },
  { name: 'services', description: '综合服务：专家库与抽取、电子档案 / Integrated services: the expert library and sampling, the e-archive' },
  { name: 'money', description: '资金：保证金、保函、支付与融资 / Money: bid deposits, guarantees, payments and financing' },
  { name: 'supervision', description: '监管：监管驾驶舱、围标串标预警与核查、信用惩戒、发布前合规筛查、审计追溯、质疑投诉 / Supervision: the dashboard, red flags and their investigation, credit measures, screening before publication, the audit trail, challenges and complaints' },
  {
    name: 'exchange',
    description:
      '数据交换：与预算、资产管理系统、银行与分平台的对接（银行与分平台以 API 密钥签名） / Exchange with other systems: budget and asset management, banks and sub-platforms (banks and sub-platforms sign with an API key)',
  },
] as const;

export type OpenApiArea = (typeof OPENAPI_AREAS)[number]['name'];

/**
 * The topic a route file tags its operations with, and the area it belongs to. A route may also
 * tag itself with an area directly. A topic missing here fails the OpenAPI lint test: add it.
 */
export const TOPIC_AREAS: Record<string, OpenApiArea> = {
  test: 'platform',
  calendar: 'platform',
  notifications: 'platform',
  public: 'portal',
  search: 'portal',
  notices: 'portal',
  ocds: 'open-data',
  bids: 'trading',
  opening: 'trading',
  evaluation: 'trading',
  award: 'trading',
  contract: 'trading',
  experts: 'services',
  archive: 'services',
  venues: 'services',
  deposits: 'money',
  guarantees: 'money',
  payments: 'money',
  financing: 'money',
  refunds: 'money',
  complaints: 'supervision',
  redflags: 'supervision',
  credit: 'supervision',
  screening: 'supervision',
  reports: 'supervision',
};

/** Systems that sign their requests with an API key (src/identity/api-keys) instead of a person's session. */
export type SignedBy = 'bank' | 'subPlatform';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is called by a registered system that signs each request (documented as its security scheme). */
    signedBy?: SignedBy;
  }
}

const SIGNED_SCHEMES: Record<SignedBy, string> = { bank: 'bankSignature', subPlatform: 'subPlatformSignature' };

const signingNote = (prefix: string) =>
  `签名请求：${prefix}-Key（登记的密钥编号）、${prefix}-Timestamp（带时区的 ISO 8601，与平台时间相差不超过5分钟）、${prefix}-Signature = 十六进制 HMAC-SHA256(密钥, 方法 + "\\n" + 路径 + "\\n" + 时间 + "\\n" + 请求体原始字节)。 / ` +
  `Signed request: ${prefix}-Key (the registered key id), ${prefix}-Timestamp (ISO 8601 with offset, within 5 minutes of the platform clock), ${prefix}-Signature = hex HMAC-SHA256(secret, method + "\\n" + path + "\\n" + timestamp + "\\n" + the body's exact bytes).`;

export const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'sid', description: '登录后平台设置的会话 Cookie / The session cookie the platform sets at sign-in (POST /api/session)' },
  bankSignature: { type: 'apiKey', in: 'header', name: 'X-Bank-Key', description: signingNote('X-Bank') },
  subPlatformSignature: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: signingNote('X-Api') },
} as const;

/**
 * A stable, readable operationId from method and path: GET /api/lots/:id/virtual-account is
 * getLotsByIdVirtualAccount. A route can set its own `schema.operationId` instead.
 */
export function operationIdFor(method: string, url: string): string {
  const words = [method.toLowerCase()];
  for (const segment of url.replace(/^\/api(?=\/|$)/, '').split('/').filter(Boolean)) {
    // A parameter (`:id`, or `:date.jsonl.gz`): "By" and its name; a regular expression after it is left out.
    const param = /^:(\w+)(?:\([^)]*\))?(.*)$/.exec(segment);
    if (param) words.push('By', param[1]!, ...param[2]!.split(/[^A-Za-z0-9]+/));
    else words.push(...segment.split(/[^A-Za-z0-9]+/));
  }
  return words
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
}

/** The area tag for a route's own tags (its first one that names an area or a known topic). */
export function areaOf(tags: readonly string[] | undefined): string | undefined {
  const areas = new Set<string>(OPENAPI_AREAS.map((a) => a.name));
  for (const tag of tags ?? []) {
    if (areas.has(tag)) return tag;
    if (TOPIC_AREAS[tag]) return TOPIC_AREAS[tag];
  }
  return tags?.[0];
}

/** Who may call the route, as OpenAPI security: none for public routes, the signature for systems, else the session. */
export function securityFor(access: Access | undefined, signedBy: SignedBy | undefined): Record<string, string[]>[] {
  if (signedBy) return [{ [SIGNED_SCHEMES[signedBy]]: [] }];
  if (access === 'public') return [];
  return [{ session: [] }];
}

/** Wraps the zod transform: adds operationId, the area tag and security to each operation. */
export function describeOperations(inner: SwaggerTransform): SwaggerTransform {
  return (document) => {
    const result = inner(document) as { schema: any; url: string };
    const { route } = document;
    if (!result.schema || result.schema.hide) return result;
    const method = [route.method].flat()[0]!;
    const config = route.config as { access?: Access; signedBy?: SignedBy } | undefined;
    const area = areaOf(result.schema.tags);
    return {
      ...result,
      schema: {
        ...result.schema,
        operationId: result.schema.operationId ?? operationIdFor(method, route.url),
        ...(area ? { tags: [area] } : {}),
        security: securityFor(config?.access, config?.signedBy),
      },
    };
  };
}

type Json = Record<string, any>;

function walk(node: unknown, visit: (node: Json) => void) {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;

/** The JSON type a schema stands for, looking through a $ref, allOf and unions of one type. */
function typeOf(schema: Json | undefined, components: Json, seen = new Set<string>()): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.type === 'string') return schema.type;
  const ref = typeof schema.$ref === 'string' ? COMPONENT_REF.exec(schema.$ref)?.[1] : undefined;
  if (ref !== undefined) {
    if (seen.has(ref)) return undefined;
    seen.add(ref);
    return typeOf(components[ref], components, seen);
  }
  for (const branch of schema.allOf ?? []) {
    const type = typeOf(branch, components, seen);
    if (type) return type;
  }
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union) && union.length) {
    const types = new Set(union.map((branch: Json) => typeOf(branch, components, seen)));
    if (types.size === 1 && !types.has(undefined)) return [...types][0] as string;
  }
  return undefined;
}

/**
 * The document as a whole: tags (the areas in use, with descriptions), nullable references written the way OpenAPI 3.0 reads them, and no unused components.
 */
export function finishDocument(openapiObject: Json): Json {
  const doc: Json = { ...openapiObject };
  const components: Json = { ...doc.components, schemas: { ...doc.components?.schemas } };
  doc.components = components;

  // zod writes a nullable reference as { nullable: true, allOf: [{ $ref }] }: OpenAPI 3.0 wants `type` beside `nullable`.
  walk([doc.paths, components.schemas], (node) => {
    if (node.nullable === true && node.type === undefined) {
      const type = typeOf(node, components.schemas);
      if (type) node.type = type;
    }
  });

  // zod registers an input and an output form of every named schema; keep those the operations use.
  const used = new Set<string>();
  const pending: unknown[] = [doc.paths];
  while (pending.length) {
    walk(pending.pop(), (node) => {
      const name = typeof node.$ref === 'string' ? COMPONENT_REF.exec(node.$ref)?.[1] : undefined;
      if (name !== undefined && !used.has(name)) {
        used.add(name);
        pending.push(components.schemas[name]);
      }
    });
  }
  components.schemas = Object.fromEntries(Object.entries(components.schemas).filter(([name]) => used.has(name)));

  const tagsInUse = new Set<string>();
  for (const operations of Object.values<Json>(doc.paths ?? {})) for (const operation of Object.values<Json>(operations)) for (const tag of operation.tags ?? []) tagsInUse.add(tag);
  doc.tags = OPENAPI_AREAS.filter((area) => tagsInUse.has(area.name)).map((area) => ({ name: area.name, description: area.description }));
  return doc;
}
