import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, validateCreditCode } from './credit-code';

describe('统一社会信用代码 validation (GB 32100-2015, RULES.md §6.2)', () => {
  it('accepts the published test vectors', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ valid: true, code: '91350100M000100Y43' });
    expect(validateCreditCode('91000000000000000K').valid).toBe(true);
    expect(validateCreditCode('12100000000000000F').valid).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(validateCreditCode('91350100M000100Y44')).toMatchObject({ valid: false, problem: 'checkCharacter' });
  });

  it('rejects letters outside the 31-character alphabet (I, O, S, V, Z)', () => {
    expect(validateCreditCode('91350100I000100Y43')).toMatchObject({ valid: false, problem: 'alphabet' });
    expect(validateCreditCode('91350100O000100Y43')).toMatchObject({ valid: false, problem: 'alphabet' });
  });

  it('rejects wrong lengths and a non-numeric region code', () => {
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({ valid: false, problem: 'length' });
    expect(validateCreditCode('91350100M000100Y433')).toMatchObject({ valid: false, problem: 'length' });
    expect(validateCreditCode('913A0100M000100Y43')).toMatchObject({ valid: false, problem: 'region' });
  });

  it('normalises spaces, lower case and full-width characters before checking', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toEqual({ valid: true, code: '91350100M000100Y43' });
    expect(validateCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ valid: true, code: '91350100M000100Y43' });
  });

  it('computes the check character that makes a code valid', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});
