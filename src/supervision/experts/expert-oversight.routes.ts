import { z } from 'zod';
import type { App } from '../../platform/http/server';
import { idParams, withErrors } from '../../platform/http/schemas';
import { evaluationOversight, expertAssessments } from './expert-oversight';

const OVERSEERS = { roles: ['supervisor', 'authority', 'operator'] } as const;
const assessment = {
  personId: z.uuid(),
  timely: z.boolean().nullable().describe('Submitted by the end of the evaluation period; null when not submitted'),
  submittedAt: z.string().nullable(),
  scoresGiven: z.int(),
  deviations: z.int(),
  largestDeviation: z.number(),
  complaintsUpheld: z.int(),
};

/** 评审过程监督 and 专家评价 (issue 13). */
export function expertOversightRoutes(app: App) {
  app.get(
    '/api/projects/:id/evaluation-oversight',
    {
      config: { access: OVERSEERS, subject: { type: 'project', action: 'replayDraws' } },
      schema: {
        tags: ['supervision'],
        summary: '评审过程监督 / Each member’s scores beside the others’ median, large deviations flagged (GP-61), and each member’s assessment; from the start of the evaluation',
        params: idParams,
        response: withErrors({
          200: z.object({
            evaluationStartsAt: z.string(),
            evaluationEndsAt: z.string(),
            threshold: z.number().describe('A deviation beyond this share of the criterion’s weight is flagged'),
            members: z.array(z.object({ personId: z.uuid(), name: z.string(), kind: z.string() })),
            lots: z.array(
              z.object({
                lotId: z.uuid(),
                lotNo: z.int(),
                title: z.string(),
                criteria: z.array(z.object({ name: z.string(), weight: z.number() })),
                bids: z.array(z.object({ bidId: z.uuid(), supplierName: z.string() })),
                cells: z.array(z.object({ bidId: z.uuid(), personId: z.uuid(), criterion: z.string(), points: z.number(), othersMedian: z.number().nullable(), deviation: z.number().nullable(), flagged: z.boolean() })),
                assessments: z.array(z.object(assessment)),
              }),
            ),
          }),
        }, 404, 409),
      },
    },
    async (request) => evaluationOversight(request.ctx, request.params.id),
  );
  app.get(
    '/api/experts/:id/assessments',
    {
      config: { access: OVERSEERS },
      schema: {
        tags: ['supervision'],
        summary: '专家评价记录 / An expert’s assessment in every evaluation it sat on: timeliness, deviations, upheld complaints (what the operator reads before suspending or debarring)',
        params: idParams,
        response: withErrors({ 200: z.array(z.object({ projectId: z.uuid(), projectNumber: z.string(), title: z.string(), lotNo: z.int(), ...assessment })) }, 404),
      },
    },
    async (request) => expertAssessments(request.ctx, request.params.id),
  );
}
