import { z } from 'zod';
import { DEPOSIT_STATUSES } from './deposit.rules';

/** A bid's deposit status as the opening record and the supplier's sub-account show it (GP-21). */
export const depositStatusSchema = z
  .object({
    status: z.enum(DEPOSIT_STATUSES),
    ruleId: z.string().nullable().describe('GP-21 when the security does not conform'),
    requiredFen: z.int(),
    receivedInTimeFen: z.int().describe('Received before the deadline'),
    receivedLateFen: z.int().describe('Received at or after the deadline'),
  })
  .meta({ id: 'DepositStatus' });
