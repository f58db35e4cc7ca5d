import type { Actor } from '../context';
import type { Db } from '../database/database';
import type { Bilingual } from '../errors';

/**
 * Row-level authorization declared on the route: `config.subject = { type, action }` names the
 * object the route acts on (its id in the path) and what the caller wants to do with it. The
 * area that owns the object registers a guard; the server asks it before the body is even
 * validated, so an object one may not see answers 404 whatever the request carries, and the
 * answer is the same as for an object that does not exist.
 */
export interface SubjectRoute {
  type: string;
  action: string;
  /** The path parameter holding the object's id (default 'id'). */
  param?: string;
}

export type SubjectDecision = 'allowed' | 'hidden' | 'denied';

export interface SubjectGuard<Facts = any> {
  /** What the object is called in a refusal ("采购项目 / Project"). */
  name: Bilingual;
  /** Reads what the policy needs to know about the object (as it concerns the caller); null when there is none. */
  load(db: Db, id: string, actor: Actor | null): Promise<Facts | null>;
  /**
   * The policy: 'allowed'; 'hidden' when the caller may not know the object exists (404); or
   * 'denied' when it may see the object but not do this (403).
   */
  decide(actor: Actor | null, action: string, facts: Facts, now: Date): SubjectDecision;
}

export type SubjectGuards = Record<string, SubjectGuard>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const looksLikeId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

declare module 'fastify' {
  interface FastifyContextConfig {
    subject?: SubjectRoute;
  }
}
