import { describe, expect, it } from 'vitest';
import { mergePatch, publishedSteps, tagOfNotice } from './publish';

describe('which steps a transaction published', () => {
  it('reads them from the audit records: notices, acceptances and treasury payments', () => {
    const steps = publishedSteps([
      { action: 'notice.publish_intention', subjectType: 'notice', projectId: null, after: { planId: 'plan1' } },
      { action: 'notice.publish_award', subjectType: 'notice', projectId: 'p1', after: { planId: 'plan1' } },
      { action: 'acceptance.partial', subjectType: 'contract', projectId: 'p1' },
      { action: 'payment.treasuryPay', subjectType: 'paymentApplication', projectId: 'p1', after: { status: 'paid' } },
      { action: 'payment.purchaserApprove', subjectType: 'paymentApplication', projectId: 'p1', after: { status: 'purchaserApproved' } },
      { action: 'bid.submit', subjectType: 'bid', projectId: 'p1' },
    ]);
    expect(steps).toEqual([
      { projectId: null, planId: 'plan1', tag: 'planning' },
      { projectId: 'p1', planId: 'plan1', tag: 'award' },
      { projectId: 'p1', planId: null, tag: 'implementation' },
      { projectId: 'p1', planId: null, tag: 'implementation' },
    ]);
  });

  it('places notice types it does not know by their names', () => {
    expect(['correction', 'acceptanceResult', 'termination', 'singleSourcePublicity'].map(tagOfNotice)).toEqual(['tenderUpdate', 'implementation', 'tenderCancellation', 'tenderUpdate']);
  });
});

describe('mergePatch (RFC 7396, how an extension patches the release schema)', () => {
  it('adds and replaces members recursively, removes a member patched with null, and replaces arrays whole', () => {
    expect(mergePatch({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3], e: 2 }, d: null })).toEqual({ a: { b: 1, c: [3], e: 2 } });
  });
});
