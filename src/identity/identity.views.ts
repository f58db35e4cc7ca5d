import { z } from 'zod';
import { ENTITY_TYPES, ROLES, SME_SIZES } from './roles';
import { ENTITY_STATUSES } from './entity/entity.states';

export const entitySchema = z
  .object({
    id: z.uuid(),
    creditCode: z.string(),
    name: z.string(),
    entityType: z.enum(ENTITY_TYPES),
    regionCode: z.string(),
    smeSize: z.enum(SME_SIZES).nullable(),
    contactName: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string().nullable(),
    address: z.string(),
    legalRepresentative: z.string().nullable(),
    controllerCreditCode: z.string().nullable(),
    status: z.enum(ENTITY_STATUSES),
    statusReason: z.string().nullable(),
    registeredAt: z.string(),
    revision: z.int(),
  })
  .meta({ id: 'Entity' });

export const personSchema = z
  .object({
    id: z.uuid(),
    entityId: z.uuid(),
    entityName: z.string(),
    username: z.string(),
    displayName: z.string(),
    mobile: z.string().nullable(),
    email: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    isEntityAdmin: z.boolean(),
    status: z.enum(['active', 'disabled']),
    secondFactorEnrolled: z.boolean(),
    mustChangePassword: z.boolean(),
    passwordChangedAt: z.string(),
    /** Locked after failed sign-ins, until then (null: not locked). Given in the list and on status changes. */
    lockedUntil: z.string().nullable().optional(),
    revision: z.int(),
  })
  .meta({ id: 'Person' });

export const sessionSchema = z
  .object({
    stage: z.enum(['secondFactor', 'active']),
    mustChangePassword: z.boolean(),
    secondFactorEnrolled: z.boolean(),
    person: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), isEntityAdmin: z.boolean() }),
    entity: z.object({ id: z.uuid(), name: z.string(), entityType: z.enum(ENTITY_TYPES), regionCode: z.string() }),
  })
  .meta({ id: 'Session' });
