import { DomainError, bilingual } from '../platform/errors';
import type { CreditCodeProblem } from './credit-code';

export const creditCodeInvalid = (problem: CreditCodeProblem) => {
  const zh: Record<CreditCodeProblem, string> = {
    length: '统一社会信用代码应为18位',
    alphabet: '统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）',
    region: '统一社会信用代码第3至8位应为行政区划代码（数字）',
    checkCharacter: '统一社会信用代码校验位错误，请核对后重新输入',
  };
  const en: Record<CreditCodeProblem, string> = {
    length: 'A unified social credit code has 18 characters',
    alphabet: 'The unified social credit code contains a character that is not allowed (I, O, S, V and Z are never used)',
    region: 'Characters 3 to 8 of a unified social credit code are the region code (digits)',
    checkCharacter: 'The check character of the unified social credit code is wrong; please check the code',
  };
  return new DomainError('CREDIT_CODE_INVALID', bilingual(zh[problem], en[problem]), 422, { field: 'entity.creditCode', problem });
};

export const creditCodeTaken = () =>
  new DomainError('CREDIT_CODE_TAKEN', bilingual('该统一社会信用代码已注册', 'An entity with this unified social credit code is already registered'), 409, {
    field: 'entity.creditCode',
  });

export const usernameTaken = () =>
  new DomainError('USERNAME_TAKEN', bilingual('该用户名已被使用', 'This user name is already taken'), 409, { field: 'account.username' });

export const unknownRegion = () =>
  new DomainError('REGION_UNKNOWN', bilingual('所选行政区划不存在', 'Unknown region'), 422, { field: 'entity.regionCode' });

export const smeSizeOnlyForSuppliers = () =>
  new DomainError('SME_SIZE_ONLY_FOR_SUPPLIERS', bilingual('只有供应商需要声明企业规模', 'Only suppliers declare an SME size'), 422, { field: 'entity.smeSize' });

/** The same answer for a wrong user name, a wrong password and a locked account. */
export const invalidCredentials = (lockoutThreshold: number, lockoutMinutes: number) =>
  new DomainError(
    'INVALID_CREDENTIALS',
    bilingual(
      `用户名或密码错误。连续失败${lockoutThreshold}次后账户将锁定${lockoutMinutes}分钟`,
      `Wrong user name or password. After ${lockoutThreshold} failures the account is locked for ${lockoutMinutes} minutes`,
    ),
    401,
  );

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

/** A locked account name (the same for names that do not exist) or a blocked source; nothing was checked. */
export const tooManyAttempts = (scope: 'account' | 'source', retryAfterSeconds: number) => {
  const wait = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    'TOO_MANY_ATTEMPTS',
    scope === 'account'
      ? bilingual(
          `登录失败次数过多，该账户已被锁定，请${wait}分钟后再试，或联系安全管理员解锁`,
          `Too many failed sign-ins: this account is locked. Try again in ${minutes(wait)}, or ask the security administrator to unlock it`,
        )
      : bilingual(`您所在网络地址的登录失败次数过多，请${wait}分钟后再试`, `Too many failed sign-ins from your network address. Try again in ${minutes(wait)}`),
    429,
    { scope, retryAfterSeconds },
  );
};

const beijingTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

/** The inbox message to the holder of an account that was just locked. */
export const accountLockedNotice = (username: string, lockedUntil: Date, failures: number, windowMinutes: number) => ({
  title: bilingual('账户已锁定', 'Your account was locked'),
  body: bilingual(
    `您的账户 ${username} 在${windowMinutes}分钟内连续${failures}次登录失败，已锁定至北京时间${beijingTime.format(lockedUntil)}。如非本人操作，请联系安全管理员解锁，并及时修改密码。`,
    `Your account ${username} was locked until ${beijingTime.format(lockedUntil)} Beijing time after ${failures} failed sign-ins within ${minutes(windowMinutes)}. If this was not you, ask the security administrator to unlock it, and change your password.`,
  ),
});

export const accountNotActive = (reason: 'personDisabled' | 'entityPending' | 'entityRejected' | 'entitySuspended') => {
  const zh = {
    personDisabled: '账户已停用，请联系本单位管理员',
    entityPending: '单位注册信息正在审核中，审核通过后即可登录',
    entityRejected: '单位注册未通过审核',
    entitySuspended: '单位已被暂停使用平台',
  };
  const en = {
    personDisabled: 'This account is disabled; contact your entity administrator',
    entityPending: "Your entity's registration is awaiting approval",
    entityRejected: "Your entity's registration was rejected",
    entitySuspended: 'Your entity is suspended from the platform',
  };
  return new DomainError('ACCOUNT_NOT_ACTIVE', bilingual(zh[reason], en[reason]), 403, { reason });
};

export const invalidSecondFactor = () =>
  new DomainError('INVALID_SECOND_FACTOR', bilingual('动态口令错误或已使用', 'The one-time code is wrong or was already used'), 401);

export const wrongCurrentPassword = () =>
  new DomainError('WRONG_CURRENT_PASSWORD', bilingual('当前密码错误', 'The current password is wrong'), 422, { field: 'currentPassword' });

export const passwordReused = () =>
  new DomainError('PASSWORD_REUSED', bilingual('新密码不能与当前密码相同', 'The new password must differ from the current one'), 422, { field: 'newPassword' });
