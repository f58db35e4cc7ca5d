import { eq } from 'drizzle-orm';
import { bilingual } from '../../platform/errors';
import type { SubjectGuard, SubjectGuards } from '../../platform/http/subjects';
import { challengeStanding, complaintStanding, projectRow } from './complaints';
import { challenge, complaint } from './complaints.schema';

/**
 * Row guards of the cases (platform/http/subjects.ts): a case is read by its parties and those
 * overseeing it, and nobody else learns it exists; each step is for a party of the case (the
 * transition table then says which party and when).
 */
type Loaded<Row> = { row: Row; project: NonNullable<Awaited<ReturnType<typeof projectRow>>> };

const challengeGuard: SubjectGuard<Loaded<typeof challenge.$inferSelect>> = {
  name: bilingual('质疑', 'Challenge'),
  async load(db, id) {
    const [row] = await db.select().from(challenge).where(eq(challenge.id, id));
    const p = row ? await projectRow(db, row.projectId) : undefined;
    return row && p ? { row, project: p } : null;
  },
  decide(actor, action, f, now) {
    const standing = challengeStanding(actor, f.row, f.project, now);
    if (standing.size === 0) return 'hidden';
    if (action === 'read') return 'allowed';
    if (action === 'complain') return standing.has('filer') ? 'allowed' : 'denied';
    return standing.has('filer') || standing.has('respondent') ? 'allowed' : 'denied';
  },
};

const complaintGuard: SubjectGuard<Loaded<typeof complaint.$inferSelect>> = {
  name: bilingual('投诉', 'Complaint'),
  async load(db, id) {
    const [row] = await db.select().from(complaint).where(eq(complaint.id, id));
    const p = row ? await projectRow(db, row.projectId) : undefined;
    return row && p ? { row, project: p } : null;
  },
  decide(actor, action, f, now) {
    const standing = complaintStanding(actor, f.row, f.project, now);
    if (standing.size === 0) return 'hidden';
    if (action === 'read') return 'allowed';
    return standing.has('filer') || standing.has('respondent') || standing.has('department') ? 'allowed' : 'denied';
  },
};

export const complaintGuards: SubjectGuards = { challenge: challengeGuard, complaint: complaintGuard };
