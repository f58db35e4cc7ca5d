import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Context } from '../platform/context';
import { inTransaction } from '../platform/unit-of-work';
import { entity } from './identity.schema';
import { hashPassword } from './passwords';
import { insertPerson } from './person/person.store';
import type { EntityType, Role } from './roles';

export interface NewEntity {
  creditCode: string;
  name: string;
  entityType: EntityType;
  regionCode: string;
  smeSize?: 'medium' | 'small' | 'micro' | null;
  contactName: string;
  contactPhone: string;
  address: string;
  status?: 'active' | 'pending';
}

export interface NewAccount {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
  mustChangePassword?: boolean;
  isEntityAdmin?: boolean;
  mobile?: string;
  /** Demo only: a known TOTP secret, already confirmed. */
  totpSecret?: string;
}

/**
 * Sets up an organisation with its accounts outside the registration flow: the platform
 * operator at installation, government bodies, and the demo data. Recorded in the audit
 * trail like any other change.
 */
export async function createEntityWithAccounts(ctx: Context, input: NewEntity, accounts: NewAccount[]): Promise<string> {
  const now = ctx.platform.clock.now();
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  return inTransaction(ctx, async (tx, audit) => {
    const id = randomUUID();
    await tx.insert(entity).values({
      id,
      creditCode: input.creditCode,
      name: input.name,
      entityType: input.entityType,
      regionCode: input.regionCode,
      smeSize: input.smeSize ?? null,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      address: input.address,
      status: input.status ?? 'active',
      registeredAt: now,
    });
    audit.record({ action: 'entity.create', subjectType: 'entity', subjectId: id, regionCode: input.regionCode, after: { ...input, id } });
    for (const [i, account] of accounts.entries()) {
      const personId = randomUUID();
      await insertPerson(
        tx,
        {
          id: personId,
          entityId: id,
          username: account.username,
          displayName: account.displayName,
          mobile: account.mobile ?? null,
          passwordHash: hashes[i]!,
          passwordChangedAt: now,
          mustChangePassword: account.mustChangePassword ?? false,
          isEntityAdmin: account.isEntityAdmin ?? false,
          totpSecretSealed: account.totpSecret ? ctx.platform.sealer.seal(account.totpSecret) : null,
          totpEnabled: Boolean(account.totpSecret),
          status: 'active',
          createdAt: now,
        },
        account.roles,
      );
      audit.record({
        action: 'person.create',
        subjectType: 'person',
        subjectId: personId,
        regionCode: input.regionCode,
        after: { username: account.username, displayName: account.displayName, entityId: id, roles: account.roles },
      });
    }
    return id;
  });
}

export async function operatorExists(ctx: Context): Promise<boolean> {
  const [row] = await ctx.platform.database.db.select({ id: entity.id }).from(entity).where(eq(entity.entityType, 'operator')).limit(1);
  return Boolean(row);
}

/**
 * A fresh installation without demo data gets the operator and its three administrators,
 * each with a one-time password that must be changed at first sign-in.
 */
export async function bootstrapOperator(ctx: Context, operator: { name: string; creditCode: string; regionCode: string }) {
  const oneTime = () => `${randomBytes(9).toString('base64url')}#9a`;
  const accounts: NewAccount[] = [
    { username: 'sysadmin', displayName: '系统管理员', roles: ['systemAdmin'], password: oneTime(), mustChangePassword: true },
    { username: 'secadmin', displayName: '安全管理员', roles: ['securityAdmin'], password: oneTime(), mustChangePassword: true },
    { username: 'auditadmin', displayName: '审计管理员', roles: ['auditAdmin'], password: oneTime(), mustChangePassword: true },
  ];
  await createEntityWithAccounts(ctx, { ...operator, entityType: 'operator', contactName: '平台运营', contactPhone: '021-00000000', address: '上海市' }, accounts);
  return accounts.map((a) => ({ username: a.username, password: a.password, roles: a.roles }));
}
