import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/**
 * 资格预审 (PQ-01, PQ-02): before a works tender is published, the tenderer publishes a 资格预审公告
 * with the project's documents, takes sealed applications until the application deadline, reviews
 * each and issues every applicant its result. One per project.
 */
export const prequalification = pgTable('prequalification', {
  id: uuid().primaryKey(),
  projectId: uuid().notNull().unique(),
  regionCode: text().notNull(),
  noticeId: uuid().notNull(),
  /** The documents are on sale (obtained on the platform) from publication until then (WK-02). */
  documentsFrom: ts().notNull(),
  documentsUntil: ts().notNull(),
  /** Applications are sealed until then (WK-03). */
  applicationDeadline: ts().notNull(),
  reviewDate: ts().notNull(),
  /** 拟邀请参加投标的供应商数量; null: every qualified applicant. */
  invitedSuppliers: integer(),
  applicationContents: text().notNull(),
  reviewStandard: text().notNull(),
  publishedBy: uuid().notNull(),
  /** PQ-02: when the results went to the applicants; the tender may follow with at least 3 qualified. */
  resultsIssuedAt: ts(),
  resultsIssuedBy: uuid(),
});

/** A supplier's application (资格预审申请文件), replaceable until the deadline, and its review. */
export const prequalificationApplication = pgTable(
  'prequalification_application',
  {
    id: uuid().primaryKey(),
    prequalificationId: uuid().notNull(),
    projectId: uuid().notNull(),
    supplierEntityId: uuid().notNull(),
    submittedBy: uuid().notNull(),
    statement: text().notNull(),
    submittedAt: ts().notNull(),
    /** PQ-01: the review, after the deadline: qualified, or not with a reason. */
    outcome: text().$type<'qualified' | 'notQualified'>(),
    reason: text(),
    reviewedAt: ts(),
    reviewedBy: uuid(),
  },
  (t) => [unique().on(t.prequalificationId, t.supplierEntityId), index().on(t.projectId)],
);
