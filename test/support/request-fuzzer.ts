import fc from 'fast-check';

/**
 * Invalid requests generated from the served OpenAPI document: each starts from a request that
 * fits the operation's schemas and breaks it in one way, so a route that lets the break through
 * goes on to do something (and the fuzz test notices).
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI form: /api/projects/{id} */
  path: string;
  parameters: Parameter[];
  /** The media type and schema of the body, when the operation takes one. */
  body?: { mediaType: string; schema: JsonSchema };
}

export interface FuzzRequest {
  /** What was broken, for the failure report. */
  breaks: string;
  method: string;
  url: string;
  contentType?: string;
  payload?: string | Buffer;
}

interface Parts {
  path: Record<string, string>;
  query: Record<string, string>;
  /** JSON body; undefined sends none. */
  body?: unknown;
  /** A body sent as is (raw routes, malformed JSON, wrong media types). */
  raw?: { contentType: string; payload: string | Buffer };
}

export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const [mediaType, content] = Object.entries<{ schema: JsonSchema }>(op.requestBody?.content ?? {})[0] ?? [];
      return { method: method.toUpperCase(), path, parameters: op.parameters ?? [], ...(mediaType ? { body: { mediaType, schema: content!.schema } } : {}) };
    }),
  );
}

const CONTROL = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13), 0x7f, 0x85].map((c) => String.fromCharCode(c));
/** Set a field to this to remove it. */
const ABSENT = Symbol('absent');
const MEGABYTE = 'a'.repeat(1024 * 1024);
const HUGE_NUMBERS = [-1, -(2 ** 31) - 1, 2 ** 31, 2 ** 53, 2 ** 63, 1e300, -1e300, 0.5];
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-00-00', '2026-02-30T10:00:00.000Z', '2026-04-31T25:61:00Z', '2026-02-30 10:00', '99999-01-01'];
const WRONG_MEDIA_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/pdf', 'application/json-patch+json', 'image/png'];
const MALFORMED_JSON = ['{', '{"a":', '{bad json}', '[1,2', '{"a":1,}', "{'a':1}", 'undefined', '\u0000', '{"a":"\\u12"}', '"unterminated'];

export class RequestFuzzer {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    /** A real value for a path parameter (ids of objects in the database), or undefined for a made-up one. */
    private readonly pathValue: (operation: Operation, name: string) => string | undefined,
  ) {}

  /** Every way this operation's request can be broken that applies to it, each an arbitrary of requests. */
  invalidRequests(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const valid = this.validParts(operation);
    const variants: [string, (parts: Parts) => fc.Arbitrary<Parts> | undefined][] = [
      ['unknown query parameter', (p) => unknownName(Object.keys(p.query)).chain((name) => fc.string().map((v) => ({ ...p, query: { ...p.query, [name]: v } })))],
      ['control character in the query', (p) => this.querySlot(operation, p).chain((name) => controlString(p.query[name] ?? '').map((v) => ({ ...p, query: { ...p.query, [name]: v } })))],
      ['1 MB query value', (p) => this.querySlot(operation, p).map((name) => ({ ...p, query: { ...p.query, [name]: MEGABYTE } }))],
      ['query value of the wrong kind', (p) => this.badQuery(operation, p)],
      ['path parameter of the wrong kind', (p) => this.badPath(operation, p)],
    ];
    const body = operation.body;
    if (body?.mediaType === 'application/json') {
      const schema = this.resolve(body.schema);
      variants.push(
        ['body of the wrong type', (p) => wrongType(this.types(schema), schema).map((b) => ({ ...p, body: b }))],
        ['required field missing', (p) => this.mutateSlot(schema, p, (s) => s.required, () => fc.constant(ABSENT))],
        ['field of the wrong type', (p) => this.mutateSlot(schema, p, (s) => this.types(s.schema).length > 0, (s) => wrongType(this.types(s.schema), s.schema))],
        ['unknown field', (p) => this.unknownField(schema, p)],
        ['control character in a field', (p) => this.mutateSlot(schema, p, (s) => this.types(s.schema).includes('string'), (s, v) => controlString(typeof v === 'string' ? v : ''))],
        ['1 MB string', (p) => this.mutateSlot(schema, p, (s) => this.types(s.schema).includes('string') && !s.schema.enum, () => fc.constant(MEGABYTE))],
        ['number out of range', (p) => this.mutateSlot(schema, p, (s) => this.types(s.schema).some((t) => t === 'integer' || t === 'number'), (s) => outOfRange(s.schema))],
        ['impossible date', (p) => this.mutateSlot(schema, p, (s) => isDate(s.name, s.schema), () => fc.constantFrom(...IMPOSSIBLE_DATES))],
        ['malformed JSON', (p) => fc.constantFrom(...MALFORMED_JSON).map((payload) => ({ ...p, raw: { contentType: 'application/json', payload } }))],
        ['wrong media type', (p) => fc.constantFrom(...WRONG_MEDIA_TYPES).map((contentType) => ({ ...p, raw: { contentType, payload: JSON.stringify(p.body ?? {}) } }))],
      );
    } else if (body) {
      // A raw body (PDF, bid chunk): anything but its own media type is refused.
      const other = ['application/json', ...WRONG_MEDIA_TYPES].filter((t) => t !== body.mediaType);
      variants.push(['wrong media type', (p) => fc.tuple(fc.constantFrom(...other), fc.constantFrom('{}', '{"a":1}', 'plain text', '%PDF-1.7')).map(([contentType, payload]) => ({ ...p, raw: { contentType, payload } }))]);
    }
    const applicable = variants.flatMap(([breaks, mutate]) => {
      // A variant applies when it can break the valid request at all (e.g. there is a string field to put NUL in).
      const probe = fc.sample(valid.chain((p) => mutate(p) ?? fc.constant(null)), { numRuns: 5, seed: 1 });
      return probe.some((x) => x !== null) ? [valid.chain((p) => (mutate(p) ?? fc.constant(null)).map((broken) => broken && this.request(operation, breaks, broken))).filter((r): r is FuzzRequest => r !== null)] : [];
    });
    return fc.oneof(...applicable);
  }

  private request(operation: Operation, breaks: string, parts: Parts): FuzzRequest {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name]!));
    const query = new URLSearchParams(parts.query).toString();
    const url = query ? `${path}?${query}` : path;
    if (parts.raw) return { breaks, method: operation.method, url, contentType: parts.raw.contentType, payload: parts.raw.payload };
    if (parts.body === undefined && operation.body && operation.body.mediaType !== 'application/json')
      return { breaks, method: operation.method, url, contentType: operation.body.mediaType, payload: Buffer.from('%PDF-1.7\n') };
    return parts.body === undefined ? { breaks, method: operation.method, url } : { breaks, method: operation.method, url, contentType: 'application/json', payload: JSON.stringify(parts.body) };
  }

  /** A request that fits the schemas (it may still be refused by the domain). */
  private validParts(operation: Operation): fc.Arbitrary<Parts> {
    const path = Object.fromEntries(
      operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, this.pathValue(operation, p.name) !== undefined ? fc.constant(this.pathValue(operation, p.name)!) : this.valid(p.schema, p.name).map(String)]),
    );
    const queryParams = operation.parameters.filter((p) => p.in === 'query');
    const query = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, this.valid(p.schema, p.name).map(String)])), { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) });
    const body = operation.body?.mediaType === 'application/json' ? this.valid(operation.body.schema) : fc.constant(undefined);
    return fc.record({ path: fc.record(path), query, body }) as fc.Arbitrary<Parts>;
  }

  private resolve(schema: JsonSchema): JsonSchema {
    if (schema.$ref) return this.resolve(this.components[schema.$ref.replace('#/components/schemas/', '')]!);
    if (schema.allOf?.length === 1) return this.resolve({ ...schema.allOf[0], ...schema, allOf: undefined });
    return schema;
  }

  private types(schema: JsonSchema): string[] {
    const s = this.resolve(schema);
    if (s.anyOf ?? s.oneOf) return (s.anyOf ?? s.oneOf)!.flatMap((o) => this.types(o));
    return [s.type ?? []].flat();
  }

  /** A value that fits the schema. */
  valid(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const options = s.anyOf ?? s.oneOf;
    if (options) return fc.oneof(...options.map((o) => this.valid(o, name)));
    const type = [s.type ?? []].flat().find((t) => t !== 'null');
    switch (type) {
      case 'string':
        return validString(s, name);
      case 'integer':
      case 'number': {
        const [min, max] = bounds(s);
        return fc.integer({ min: Math.max(min, -1000), max: Math.max(Math.max(min, -1000), Math.min(max, 1_000_000)) });
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const minLength = s.minItems ?? 0;
        return fc.array(this.valid(s.items ?? {}, name), { minLength, maxLength: Math.min(s.maxItems ?? minLength + 2, minLength + 2) });
      }
      case 'object': {
        const properties = s.properties ?? {};
        if (!Object.keys(properties).length && s.additionalProperties && s.additionalProperties !== true)
          return fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), this.valid(s.additionalProperties), { maxKeys: 2 });
        return fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, this.valid(v, k)])), { requiredKeys: s.required ?? [] });
      }
      default:
        return fc.constant('x');
    }
  }

  /** The fields present in a value, with their schemas. */
  private slotsIn(schema: JsonSchema, value: unknown, keep: (slot: Slot) => boolean, path: (string | number)[] = []): Slot[] {
    const s = this.resolve(schema);
    const options = s.anyOf ?? s.oneOf;
    if (options) {
      const fitting = options.find((o) => this.types(o).includes(Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' ? 'integer' : typeof value));
      return fitting ? this.slotsIn(fitting, value, keep, path) : [];
    }
    const slots: Slot[] = [];
    if (Array.isArray(value) && s.items) value.forEach((v, i) => slots.push(...this.slotsIn(s.items!, v, keep, [...path, i])));
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) {
        const property = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        if (!property) continue;
        const slot = { path: [...path, key], name: key, schema: this.resolve(property), required: s.required?.includes(key) ?? false };
        if (keep(slot)) slots.push(slot);
        slots.push(...this.slotsIn(property, v, keep, slot.path));
      }
    return slots;
  }

  private mutateSlot(schema: JsonSchema, parts: Parts, keep: (slot: Slot) => boolean, value: (slot: Slot, current: unknown) => fc.Arbitrary<unknown>) {
    const slots = this.slotsIn(schema, parts.body, keep);
    if (!slots.length) return undefined;
    return fc.constantFrom(...slots).chain((slot) => value(slot, get(parts.body, slot.path)).map((v) => ({ ...parts, body: set(parts.body, slot.path, v) })));
  }

  private unknownField(schema: JsonSchema, parts: Parts) {
    const objects = [
      { path: [] as (string | number)[], schema },
      ...this.slotsIn(schema, parts.body, (s) => this.types(s.schema).includes('object') && !!s.schema.properties),
    ].filter((o) => o.path.length === 0 ? typeof parts.body === 'object' && parts.body !== null && !Array.isArray(parts.body) : get(parts.body, o.path) !== null);
    if (!objects.length || !this.resolve(schema).properties) return undefined;
    return fc.constantFrom(...objects).chain((o) => {
      const known = Object.keys(this.resolve(o.schema).properties ?? {});
      return fc.tuple(unknownName(known), fc.jsonValue()).map(([name, v]) => ({ ...parts, body: set(parts.body, [...o.path, name], v) }));
    });
  }

  private querySlot(operation: Operation, parts: Parts): fc.Arbitrary<string> {
    const strings = operation.parameters.filter((p) => p.in === 'query' && this.types(p.schema).includes('string')).map((p) => p.name);
    return strings.length ? fc.constantFrom(...strings) : unknownName(Object.keys(parts.query));
  }

  private badQuery(operation: Operation, parts: Parts) {
    const params = operation.parameters.filter((p) => p.in === 'query' && !(this.types(p.schema).includes('string') && !this.resolve(p.schema).enum && !this.resolve(p.schema).format && !isDate(p.name, p.schema)));
    if (!params.length) return undefined;
    return fc.constantFrom(...params).chain((p) => badText(this.resolve(p.schema), p.name).map((v) => ({ ...parts, query: { ...parts.query, [p.name]: v } })));
  }

  private badPath(operation: Operation, parts: Parts) {
    const params = operation.parameters.filter((p) => p.in === 'path');
    if (!params.length) return undefined;
    return fc.constantFrom(...params).chain((p) => fc.oneof(badText(this.resolve(p.schema), p.name), controlString(parts.path[p.name]!)).map((v) => ({ ...parts, path: { ...parts.path, [p.name]: v } })));
  }
}

interface Slot {
  path: (string | number)[];
  name: string;
  schema: JsonSchema;
  required: boolean;
}

function bounds(s: JsonSchema): [number, number] {
  let min = s.minimum ?? -Infinity;
  let max = s.maximum ?? Infinity;
  if (s.exclusiveMinimum === true) min += 1;
  else if (typeof s.exclusiveMinimum === 'number') min = s.exclusiveMinimum + 1;
  if (s.exclusiveMaximum === true) max -= 1;
  else if (typeof s.exclusiveMaximum === 'number') max = s.exclusiveMaximum - 1;
  return [min, max];
}

function validString(s: JsonSchema, name: string): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.min(s.maxLength ?? 40, minLength + 40);
  if (s.format === 'uuid') return fc.uuid({ version: 4 });
  if (s.format === 'date-time') return fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (!s.pattern && isDate(name, s)) return fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.constant('someone@example.com');
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= minLength && v.length <= (s.maxLength ?? Infinity));
  // Letters and digits: valid whatever trimming or trimming-then-min(1) the schema does.
  return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789采购项目'), minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, Math.max(minLength, 1)) });
}

/** A value of none of the schema's types. */
function wrongType(types: string[], schema: JsonSchema): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (!types.includes('string')) candidates.push(fc.string());
  if (!types.includes('integer') && !types.includes('number')) candidates.push(fc.integer());
  if (types.includes('integer')) candidates.push(fc.constantFrom(1.5, '12'));
  if (types.includes('number')) candidates.push(fc.constant('12'));
  if (!types.includes('boolean')) candidates.push(fc.boolean());
  if (!types.includes('object')) candidates.push(fc.constant({ a: 1 }));
  if (!types.includes('array')) candidates.push(fc.constant([1, 'a']));
  if (!types.includes('null') && !schema.nullable) candidates.push(fc.constant(null));
  if (schema.enum) candidates.push(fc.constantFrom('not-one-of-them', 'VALUE'));
  return fc.oneof(...candidates);
}

function outOfRange(schema: JsonSchema): fc.Arbitrary<number> {
  const [min, max] = bounds(schema);
  // A bound the schema does not declare counts as int4's: nothing beyond it should reach the database unchecked.
  const low = Number.isFinite(min) ? min : -(2 ** 31);
  const high = Number.isFinite(max) ? max : 2 ** 31 - 1;
  const wrong = HUGE_NUMBERS.filter((n) => n < low || n > high || (schema.type === 'integer' && !Number.isInteger(n)));
  return fc.constantFrom(...wrong);
}

/** Text that cannot be read as the parameter's type (for path and query values). */
function badText(schema: JsonSchema, name: string): fc.Arbitrary<string> {
  const common = ['', ' ', 'abc', '../etc/passwd', "1' OR '1'='1", 'x'.repeat(300), '%', '中文'];
  const [min, max] = bounds(schema);
  if (schema.enum) return fc.constantFrom(...common, 'NOT_A_VALUE');
  if (schema.format === 'uuid') return fc.constantFrom(...common, '00000000-0000-0000-0000-00000000000g', '12345', '00000000000000000000000000000000');
  if (schema.type === 'integer' || schema.type === 'number')
    return fc.constantFrom(...common.filter((c) => c.trim() !== ''), '1.5', '1e400', 'NaN', 'Infinity', ...HUGE_NUMBERS.filter((n) => n < min || n > max).map(String));
  if (schema.type === 'boolean') return fc.constantFrom('yes', '2', 'maybe');
  if (isDate(name, schema) || schema.format === 'date-time') return fc.constantFrom(...IMPOSSIBLE_DATES, 'tomorrow');
  return fc.constantFrom(...common);
}

function isDate(name: string, schema: JsonSchema) {
  return schema.format === 'date' || schema.format === 'date-time' || /YYYY-MM/.test(schema.description ?? '') || /(Date|At|Until|deadline|Month|^from|^to|^date)$/.test(name);
}

function controlString(around: string): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...CONTROL), fc.nat({ max: around.length })).map(([c, at]) => around.slice(0, at) + c + around.slice(at));
}

function unknownName(known: string[]): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z][a-zA-Z]{2,11}$/).filter((n) => !known.includes(n) && !['__proto__', 'constructor', 'prototype'].includes(n));
}

function get(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<any>((v, k) => v?.[k], value);
}

function set(value: unknown, path: (string | number)[], to: unknown): unknown {
  if (!path.length) return to;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && to === ABSENT) delete copy[head!];
  else copy[head!] = set(copy[head!], rest, to);
  return copy;
}
