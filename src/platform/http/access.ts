import type { FastifyRequest } from 'fastify';
import type { Actor, Context } from '../context';

/**
 * Who may call a route. Every /api route declares one; a route without it is refused at
 * start-up (and, should one slip through, denied at run time). `allowPending` lets a
 * half-finished session (password checked, second factor or password change outstanding)
 * reach the few routes that finish it.
 */
export type Access =
  | 'public'
  | {
      roles: readonly string[] | 'any';
      allowPending?: readonly ('secondFactor' | 'passwordChange')[];
      /**
       * Platform-wide settings (the catalogues, the holiday calendar) are kept by the platform's
       * own staff, of its home region; another region's trading centre holds the same role but
       * not this remit.
       */
      home?: true;
      /**
       * A function whose holders are set in the UI (supervision functions, seed 003): the roles
       * above may call the route only while the setting gives one of them this function.
       */
      feature?: string;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    ctx: Context;
  }
}

/** Finds the actor behind a request's session cookie (identity implements it). */
export type Authenticate = (request: FastifyRequest, ctx: Context) => Promise<Actor | null>;

export type AccessDecision =
  | { allowed: true; actingRole: string | null }
  | { allowed: false; status: 401 | 403; code: 'NOT_SIGNED_IN' | 'FORBIDDEN' | 'SECOND_FACTOR_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED' };

/** The access rule itself, pure so it can be tested on its own. `atHome` says whether the actor belongs to the platform's home region. */
export function decideAccess(access: Access | undefined, actor: Actor | null, atHome: (actor: Actor) => boolean = () => true): AccessDecision {
  if (access === undefined) return { allowed: false, status: 403, code: 'FORBIDDEN' };
  if (access === 'public') return { allowed: true, actingRole: null };
  if (!actor) return { allowed: false, status: 401, code: 'NOT_SIGNED_IN' };
  const pending = access.allowPending ?? [];
  if (actor.sessionStage === 'secondFactor' && !pending.includes('secondFactor'))
    return { allowed: false, status: 401, code: 'SECOND_FACTOR_REQUIRED' };
  if (actor.mustChangePassword && !pending.includes('passwordChange')) return { allowed: false, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' };
  if (access.roles === 'any') return { allowed: true, actingRole: actor.roles[0] ?? null };
  const acting = actor.roles.find((r) => access.roles.includes(r));
  if (!acting || (access.home && !atHome(actor))) return { allowed: false, status: 403, code: 'FORBIDDEN' };
  return { allowed: true, actingRole: acting };
}
