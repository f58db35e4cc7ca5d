import { bilingual, type Bilingual } from '../platform/errors';
import type { SecurityProfile } from './security-profile';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooFewClasses' | 'containsUsername';

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

export function passwordProblems(password: string, profile: SecurityProfile, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < profile.passwordMinLength) problems.push('tooShort');
  if (password.length > 128) problems.push('tooLong');
  if (CLASSES.filter((c) => c.test(password)).length < profile.passwordMinClasses) problems.push('tooFewClasses');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('containsUsername');
  return problems;
}

export function passwordProblemMessage(problems: PasswordProblem[], profile: SecurityProfile): Bilingual {
  const zh: Record<PasswordProblem, string> = {
    tooShort: `长度至少${profile.passwordMinLength}位`,
    tooLong: '长度不超过128位',
    tooFewClasses: `至少包含大写字母、小写字母、数字、特殊字符中的${profile.passwordMinClasses}类`,
    containsUsername: '不得包含用户名',
  };
  const en: Record<PasswordProblem, string> = {
    tooShort: `at least ${profile.passwordMinLength} characters`,
    tooLong: 'at most 128 characters',
    tooFewClasses: `at least ${profile.passwordMinClasses} of: upper case, lower case, digits, symbols`,
    containsUsername: 'must not contain the user name',
  };
  return bilingual(`密码不符合要求：${problems.map((p) => zh[p]).join('；')}`, `The password does not meet the policy: ${problems.map((p) => en[p]).join('; ')}`);
}
