import { Readable } from 'node:stream';
import { z } from 'zod';
import { INT4_MAX } from '../database/database';
import { errorResponse, FIELD_MESSAGES } from './errors';

/** Every route answers errors in the same shape; list the statuses it can return. */
export function withErrors<T extends Record<number, z.ZodType>, S extends number = never>(ok: T, ...statuses: S[]) {
  const errors = Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, errorResponse]));
  return { ...errors, ...ok } as T & Record<400 | 401 | 403 | S, typeof errorResponse>;
}

export const revision = z.int().min(0).max(INT4_MAX).describe('The revision you read; a stale one gets 409');
export const revisionInput = z.object({ revision });
export const idParams = z.object({ id: z.uuid() });
/** A text in both languages the platform speaks, as the API returns it. */
export const bilingualText = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A raw body (a PDF, a bid chunk): bytes as they came, described as binary in the API document. */
export const binaryBody = (description: string) =>
  z
    .any()
    .refine((body) => Buffer.isBuffer(body) && body.length > 0, { params: { messages: FIELD_MESSAGES.EMPTY_BODY } })
    .meta({ type: 'string', format: 'binary', description });

/** A raw body handed over as it arrives (a bid chunk), to be streamed on and never held whole; binary in the API document. */
export const streamBody = (description: string) =>
  z
    .custom<Readable>((body) => body instanceof Readable, { params: { messages: FIELD_MESSAGES.EMPTY_BODY } })
    .meta({ type: 'string', format: 'binary', description });

/** What a route that declares no querystring, or a write that declares no body, accepts: nothing (an empty object at most). */
export const noInput = z.object({}).describe('无（或空对象）/ None (or an empty object)');
// Fastify hands a missing body to the validator as null.
export const noBody = noInput.nullable();

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls; and either half
// of a surrogate pair standing alone. None is text a person typed, and PostgreSQL refuses NUL and
// lone surrogates outright.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Path = (string | number)[];

/** An object of fields: parsed JSON, or Fastify's querystring and params (whose prototypes are bare). Not bytes, nor a body still arriving. */
function isFields(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Date) && !(value instanceof Readable);
}

/** Where a string (value or field name) that is not text sits; Buffers are bytes and not looked into. */
function notTextAt(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return NOT_TEXT.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => notTextAt(item, [...path, i]));
  if (!isFields(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => (NOT_TEXT.test(key) ? [[...path, key]] : notTextAt(item, [...path, key])));
}

/** The fields of the input that the schema dropped from its output: fields it does not know. */
function unknownFieldsAt(input: unknown, output: unknown, path: Path = []): Path[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((item, i) => unknownFieldsAt(item, output[i], [...path, i]));
  if (!isFields(input) || !isFields(output)) return [];
  return Object.keys(input).flatMap((key) => (key in output ? unknownFieldsAt(input[key], output[key], [...path, key]) : [[...path, key]]));
}

/**
 * A route's body, querystring or params schema as the server applies it: strings that are not
 * text are refused before the schema looks at them, and fields the schema does not know after
 * it (a misspelt field silently dropped would be an instruction lost).
 */
export function guardedInput(schema: z.ZodType) {
  return z.unknown().transform((input, ctx) => {
    const notText = notTextAt(input);
    for (const path of notText) ctx.addIssue({ code: 'custom', path, message: FIELD_MESSAGES.NOT_TEXT['en-US'], params: { messages: FIELD_MESSAGES.NOT_TEXT } });
    if (notText.length) return z.NEVER;
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue as never);
      return z.NEVER;
    }
    const unknown = unknownFieldsAt(input, result.data);
    for (const path of unknown) ctx.addIssue({ code: 'unrecognized_keys', keys: [String(path.at(-1))], path, message: 'Unrecognized key' });
    return unknown.length ? z.NEVER : result.data;
  });
}
