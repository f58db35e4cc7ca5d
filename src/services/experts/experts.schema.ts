import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** 评审专家库: one row per expert account, kept by the expert and governed by the operator. */
export const expert = pgTable(
  'expert',
  {
    personId: uuid().primaryKey(),
    regionCode: text().notNull(),
    /** The organisation the expert works for (a university, hospital, firm…); recusal compares it with the parties. */
    employerEntityId: uuid(),
    employerName: text().notNull(),
    title: text().notNull(),
    /** Codes from the speciality tree (expert-specialities.ts), e.g. "A02.01". */
    specialities: jsonb().$type<string[]>().notNull(),
    status: text().$type<'active' | 'suspended' | 'debarred'>().notNull(),
    statusReason: text(),
    /** Shanghai dates (YYYY-MM-DD) the expert cannot evaluate. */
    unavailableDates: jsonb().$type<string[]>().notNull(),
    /** Entities the expert declared a conflict of interest with (former employers, relatives' firms…). */
    declaredConflicts: jsonb().$type<string[]>().notNull(),
    updatedAt: ts().notNull(),
    revision: integer().notNull().default(1),
  },
  (t) => [index().on(t.regionCode, t.status)],
);

/** 专家抽取申请: a committee for one project, requested by the agency (or the purchaser). */
export const committee = pgTable('committee', {
  projectId: uuid().primaryKey(),
  size: integer().notNull(),
  experts: integer().notNull(),
  purchaserRepresentatives: integer().notNull(),
  specialities: jsonb().$type<string[]>().notNull(),
  complex: boolean().notNull(),
  evaluationStartsAt: ts().notNull(),
  evaluationEndsAt: ts().notNull(),
  /** The region whose library and look-back setting the draw used. */
  regionCode: text().notNull(),
  status: text().$type<'sampling' | 'formed' | 'evaluating' | 'reported'>().notNull(),
  requestedBy: uuid().notNull(),
  requestedAt: ts().notNull(),
  revision: integer().notNull().default(1),
});

/**
 * One random draw (the first, or a redraw after a refusal): the seed and the whole pool with
 * each expert's recusal reason, so that a supervisor can replay it exactly (GP-43).
 */
export const samplingDraw = pgTable(
  'sampling_draw',
  {
    id: uuid().primaryKey(),
    projectId: uuid().notNull(),
    round: integer().notNull(),
    count: integer().notNull(),
    seed: text().notNull(),
    pool: jsonb().$type<{ id: string; reason: string | null }[]>().notNull(),
    drawn: jsonb().$type<string[]>().notNull(),
    drawnAt: ts().notNull(),
    drawnBy: uuid(),
    /** Why this round was needed: "initial" or the refusal it replaces. */
    cause: text().notNull(),
  },
  (t) => [unique().on(t.projectId, t.round)],
);

/** 评标委员会成员: a drawn expert (confirming or refusing) or a purchaser representative. */
export const committeeMember = pgTable(
  'committee_member',
  {
    projectId: uuid().notNull(),
    personId: uuid().notNull(),
    kind: text().$type<'expert' | 'purchaserRepresentative'>().notNull(),
    round: integer().notNull(),
    status: text().$type<'drawn' | 'confirmed' | 'refused'>().notNull(),
    respondedAt: ts(),
    refusalReason: text(),
    /** 评标委员会组长: the first expert to confirm chairs until the committee elects one (chair_vote). */
    isChair: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.personId] }), index().on(t.personId)],
);

/** 推选组长: each member's vote for the chair; a candidate with more than half of the members' votes chairs. */
export const chairVote = pgTable(
  'chair_vote',
  {
    projectId: uuid().notNull(),
    voterId: uuid().notNull(),
    candidateId: uuid().notNull(),
    votedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.voterId] })],
);
