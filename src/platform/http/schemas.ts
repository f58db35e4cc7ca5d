import { z } from 'zod';
import { errorResponse } from './errors';

/** Every route answers errors in the same shape; list the statuses it can return. */
export function withErrors<T extends Record<number, z.ZodType>, S extends number = never>(ok: T, ...statuses: S[]) {
  const errors = Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, errorResponse]));
  return { ...errors, ...ok } as T & Record<400 | 401 | 403 | S, typeof errorResponse>;
}

export const revisionInput = z.object({ revision: z.int().min(0).describe('The revision you read; a stale one gets 409') });
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
