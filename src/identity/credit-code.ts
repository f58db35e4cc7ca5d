/**
 * 统一社会信用代码 (GB 32100-2015), RULES.md §6.2.
 * 18 characters: registration authority (1) + organisation category (1) + administrative
 * region (6 digits) + organisation code (9, with its own GB 11714 check) + check character (1).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'alphabet' | 'region' | 'checkCharacter';

export type CreditCodeResult = { valid: true; code: string } | { valid: false; code: string; problem: CreditCodeProblem };

/** Trim, upper-case and turn full-width characters into half-width ones. */
export function normalizeCreditCode(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The whole 18-character code for its first 17 (demo data, tests and benchmarks make codes up this way). */
export const completeCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { valid: false, code, problem: 'length' };
  if ([...code].some((c) => !ALPHABET.includes(c))) return { valid: false, code, problem: 'alphabet' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { valid: false, code, problem: 'region' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { valid: false, code, problem: 'checkCharacter' };
  return { valid: true, code };
}
