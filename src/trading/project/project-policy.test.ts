import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context';
import { decideOnProject, projectActions, type ProjectFacts } from './project.policy';

const PURCHASER = 'aaaaaaaa-0000-4000-8000-000000000001';
const AGENCY = 'aaaaaaaa-0000-4000-8000-000000000002';
const SUPPLIER = 'aaaaaaaa-0000-4000-8000-000000000003';
const OTHER = 'aaaaaaaa-0000-4000-8000-000000000004';

const actor = (roles: string[], entityId = OTHER, regionCode = '310000'): Actor => ({
  personId: `p-${roles.join('-')}`,
  username: roles[0]!,
  displayName: roles[0]!,
  entityId,
  entityType: roles[0]!,
  regionCode,
  roles,
  entityAdmin: false,
  actingRole: roles[0]!,
  sessionStage: 'active',
  mustChangePassword: false,
});

const project = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  projectId: 'p1',
  purchaserEntityId: PURCHASER,
  agencyEntityId: AGENCY,
  regionCode: '310104',
  status: 'published',
  deadline: new Date('2026-03-23T02:00:00Z'),
  documentsUntil: new Date('2026-03-13T09:00:00Z'),
  openingStarted: false,
  bidderEntityIds: [SUPPLIER],
  prequalificationPublished: false,
  prequalificationDocumentsUntil: null,
  callerPrequalified: true,
  ...over,
});

const BEFORE = new Date('2026-03-10T02:00:00Z');

describe('who may do what with a project', () => {
  it('hides a draft from the treasury, the administrators, suppliers and other regions’ overseers, not from its own', () => {
    const draft = project({ status: 'draft' });
    for (const a of [actor(['treasury']), actor(['systemAdmin']), actor(['auditAdmin']), actor(['supplier'], SUPPLIER), actor(['supervisor'], OTHER, '370000'), actor(['supervisor'], OTHER, '310115')])
      expect(decideOnProject(a, 'read', draft), a.roles[0]).toBe('hidden');
    for (const a of [actor(['purchaser'], PURCHASER), actor(['agency'], AGENCY), actor(['supervisor']), actor(['supervisor'], OTHER, '310104'), actor(['operator'])])
      expect(decideOnProject(a, 'read', draft), `${a.roles[0]} ${a.regionCode}`).toBe('allowed');
  });

  it('shows a draft whose prequalification notice is out to suppliers, who obtain its documents there; it still manages nothing for them (PQ-01)', () => {
    const prequalifying = project({ status: 'draft', prequalificationPublished: true });
    expect(decideOnProject(actor(['supplier'], SUPPLIER), 'read', prequalifying)).toBe('allowed');
    expect(decideOnProject(actor(['supplier'], SUPPLIER), 'obtainDocuments', prequalifying)).toBe('allowed');
    expect(decideOnProject(actor(['supplier'], SUPPLIER), 'manage', prequalifying)).toBe('denied');
    const selling = { ...prequalifying, prequalificationDocumentsUntil: new Date('2026-03-13T09:00:00Z') };
    expect(projectActions(actor(['supplier'], SUPPLIER), selling, BEFORE)).toEqual(['downloadDocuments']);
    expect(projectActions(actor(['supplier'], SUPPLIER), selling, new Date('2026-03-13T09:00:00Z'))).toEqual([]);
  });

  it('offers the documents and the bid of a tender that prequalified to the qualified only (PQ-02)', () => {
    const supplier = actor(['supplier'], SUPPLIER);
    expect(projectActions(supplier, project(), BEFORE)).toEqual(expect.arrayContaining(['downloadDocuments', 'bid']));
    const actions = projectActions(supplier, project({ callerPrequalified: false }), BEFORE);
    expect(actions).not.toContain('bid');
    expect(actions).not.toContain('downloadDocuments');
  });

  it('tells who obtained the documents to the overseers only once the opening started (EB-08)', () => {
    expect(decideOnProject(actor(['supervisor']), 'viewDownloads', project())).toBe('denied');
    expect(decideOnProject(actor(['supervisor']), 'viewDownloads', project({ openingStarted: true }))).toBe('allowed');
    expect(decideOnProject(actor(['agency'], AGENCY), 'viewDownloads', project())).toBe('allowed');
  });

  it('lets only the purchaser confirm the winner, and only a bidder act as one; to others its bid does not exist', () => {
    expect(decideOnProject(actor(['agency'], AGENCY), 'confirmWinner', project({ status: 'evaluated' }))).toBe('denied');
    expect(decideOnProject(actor(['purchaser'], PURCHASER), 'confirmWinner', project({ status: 'evaluated' }))).toBe('allowed');
    expect(decideOnProject(actor(['supplier'], SUPPLIER), 'actAsBidder', project())).toBe('allowed');
    expect(decideOnProject(actor(['supplier'], OTHER), 'actAsBidder', project())).toBe('hidden');
    expect(decideOnProject(actor(['operator']), 'actAsBidder', project())).toBe('hidden');
  });

  it('offers a supplier bidding and questions until the deadline, and the hall after the opening starts', () => {
    const supplier = actor(['supplier'], SUPPLIER);
    expect(projectActions(supplier, project(), BEFORE)).toEqual(['downloadDocuments', 'askQuestion', 'bid']);
    expect(projectActions(supplier, project(), new Date('2026-03-23T02:00:00Z'))).toEqual([]);
    expect(projectActions(supplier, project({ status: 'opening', openingStarted: true }), new Date('2026-03-23T02:00:01Z'))).toEqual(['enterOpening']);
  });

  it('never offers a supervisor what belongs to those running the project (no 项目归档 button)', () => {
    const closed = project({ status: 'completed', openingStarted: true });
    expect(projectActions(actor(['supervisor']), closed, BEFORE)).toEqual(['viewDownloads', 'enterOpening', 'viewEvaluation', 'viewArchive', 'replayDraws']);
    expect(projectActions(actor(['purchaser'], PURCHASER), closed, BEFORE)).toContain('archive');
    expect(projectActions(actor(['treasury']), closed, BEFORE)).toEqual([]);
  });
});
