import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { regionExists } from '../../catalogue';
import type { Context } from '../../platform/context';
import { DomainError, bilingual } from '../../platform/errors';
import { inTransaction } from '../../platform/unit-of-work';
import { normalizeCreditCode, validateCreditCode } from '../credit-code';
import { entity } from '../identity.schema';
import * as messages from '../identity.messages';
import { hashPassword } from '../passwords';
import { passwordProblemMessage, passwordProblems } from '../password-policy';
import { insertPerson, usernameTaken } from '../person/person.store';
import { SELF_REGISTERED_ENTITY_TYPES, SME_SIZES, type Role } from '../roles';
import { loadSecurityProfile } from '../security-profile.store';
import { creditCodeTaken, entityView } from './entity.store';

export const mobilePattern = /^1[3-9]\d{9}$/;
// Mainland landlines (area code + number, optional extension) or a mobile number.
export const phonePattern = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
export const usernamePattern = /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/;

export const accountInput = z.object({
  username: z.string().trim().regex(usernamePattern).describe('4–32 letters, digits, _ . -, starting with a letter'),
  displayName: z.string().trim().min(1).max(50),
  mobile: z.string().trim().regex(mobilePattern),
  email: z.email().nullish(),
  password: z.string().min(1).max(128),
});

export const registrationInput = z
  .object({
    entity: z.object({
      creditCode: z.string().min(1).max(40).describe('统一社会信用代码 (GB 32100-2015)'),
      name: z.string().trim().min(2).max(200),
      entityType: z.enum(SELF_REGISTERED_ENTITY_TYPES),
      regionCode: z.string().regex(/^\d{6}$/),
      smeSize: z.enum(SME_SIZES).nullish().describe('Suppliers only: medium/small/micro as declared; null for a large enterprise'),
      contactName: z.string().trim().min(1).max(50),
      contactPhone: z.string().trim().regex(phonePattern),
      contactEmail: z.email().nullish(),
      address: z.string().trim().min(2).max(300),
      legalRepresentative: z.string().trim().min(1).max(50).nullish().describe('单位负责人 (GP-90)'),
      controllerCreditCode: z.string().trim().max(40).nullish().describe('统一社会信用代码 of the entity directly controlling or managing this one (GP-90)'),
    }),
    account: accountInput,
  })
  .meta({ id: 'EntityRegistration' });

export type RegistrationInput = z.infer<typeof registrationInput>;

/**
 * A market entity registers itself with its first account, which becomes the entity's
 * administrator. The entity waits for the operator's approval before anyone can sign in.
 */
export async function registerEntity(ctx: Context, input: RegistrationInput) {
  const db = ctx.platform.database.db;
  const check = validateCreditCode(input.entity.creditCode);
  if (!check.valid) throw messages.creditCodeInvalid(check.problem);
  if (input.entity.smeSize && input.entity.entityType !== 'supplier') throw messages.smeSizeOnlyForSuppliers();
  if (input.entity.controllerCreditCode && !validateCreditCode(input.entity.controllerCreditCode).valid)
    throw new DomainError('CONTROLLER_CREDIT_CODE_INVALID', bilingual('控股或管理单位的统一社会信用代码无效', 'The controlling entity’s credit code is invalid'), 422, { field: 'entity.controllerCreditCode' });
  if (!(await regionExists(db, input.entity.regionCode))) throw messages.unknownRegion();
  const { value: profile } = await loadSecurityProfile(db);
  const problems = passwordProblems(input.account.password, profile, input.account.username);
  if (problems.length) throw new DomainError('PASSWORD_POLICY', passwordProblemMessage(problems, profile), 422, { field: 'account.password', problems });
  if (await creditCodeTaken(db, check.code)) throw messages.creditCodeTaken();
  if (await usernameTaken(db, input.account.username)) throw messages.usernameTaken();

  const passwordHash = await hashPassword(input.account.password);
  const now = ctx.platform.clock.now();
  const entityId = randomUUID();
  const personId = randomUUID();
  return inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .insert(entity)
      .values({
        id: entityId,
        creditCode: check.code,
        name: input.entity.name,
        entityType: input.entity.entityType,
        regionCode: input.entity.regionCode,
        smeSize: input.entity.entityType === 'supplier' ? (input.entity.smeSize ?? null) : null,
        contactName: input.entity.contactName,
        contactPhone: input.entity.contactPhone,
        contactEmail: input.entity.contactEmail ?? null,
        address: input.entity.address,
        legalRepresentative: input.entity.legalRepresentative ?? null,
        controllerCreditCode: input.entity.controllerCreditCode ? normalizeCreditCode(input.entity.controllerCreditCode) : null,
        status: 'pending',
        registeredAt: now,
      })
      .returning();
    const roles: Role[] = [input.entity.entityType];
    await insertPerson(
      tx,
      {
        id: personId,
        entityId,
        username: input.account.username,
        displayName: input.account.displayName,
        mobile: input.account.mobile,
        email: input.account.email ?? null,
        passwordHash,
        passwordChangedAt: now,
        isEntityAdmin: true,
        status: 'active',
        createdAt: now,
      },
      roles,
    );
    const view = entityView(row!);
    audit.record({ action: 'entity.register', subjectType: 'entity', subjectId: entityId, regionCode: view.regionCode, after: view });
    audit.record({
      action: 'person.create',
      subjectType: 'person',
      subjectId: personId,
      regionCode: view.regionCode,
      after: { username: input.account.username, displayName: input.account.displayName, entityId, roles, isEntityAdmin: true },
    });
    return view;
  });
}
