import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/database/database';
import type { Method } from './methods/methods';

/**
 * Identifiers every project carries from creation (ARCHITECTURE.md, Identifiers).
 * The 统一交易标识码 layout follows one public implementation (RULES.md §6.1, a hypothesis
 * until the specification is at hand): operator's credit code (18) + yyyyMMdd (8) + daily
 * serial (6) + ISO 7064 MOD 37-2 check character.
 */
const MOD37_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

export function mod37CheckCharacter(input: string): string {
  let p = 0;
  for (const c of input.toUpperCase()) {
    const v = MOD37_ALPHABET.indexOf(c);
    if (v < 0 || v > 35) throw new RangeError(`not alphanumeric: ${c}`);
    p = ((p + v) * 2) % 37;
  }
  return MOD37_ALPHABET[(38 - p) % 37]!;
}

export function isValidTransactionCode(code: string): boolean {
  return /^[0-9A-Z]{18}\d{14}[0-9A-Z*]$/.test(code) && mod37CheckCharacter(code.slice(0, -1)) === code.slice(-1);
}

const METHOD_ABBREVIATIONS: Record<Method, string> = { openTender: 'GK', consultation: 'CS', negotiation: 'TP', rfq: 'XJ', singleSource: 'DY', framework: 'KJ' };

/** Next value of a named counter, inside the caller's transaction (gapless per scope). */
export async function nextSerial(tx: Db, scope: string): Promise<number> {
  const [row] = await queryRows<{ value: number }>(
    tx,
    sql`INSERT INTO code_counter (scope, value) VALUES (${scope}, 1) ON CONFLICT (scope) DO UPDATE SET value = code_counter.value + 1 RETURNING value`,
  );
  return row!.value;
}

export async function newProjectIdentifiers(tx: Db, input: { regionCode: string; method: Method; localDate: string; operatorCreditCode: string; ocidPrefix: string }) {
  const day = input.localDate.replaceAll('-', '');
  const year = day.slice(0, 4);
  const projectSerial = await nextSerial(tx, `project:${input.regionCode}:${year}`);
  const dealSerial = await nextSerial(tx, `deal:${day}`);
  const body = `${input.operatorCreditCode}${day}${String(dealSerial).padStart(6, '0')}`;
  const transactionCode = body + mod37CheckCharacter(body);
  return {
    projectNumber: `${input.regionCode}-${year}-${METHOD_ABBREVIATIONS[input.method]}-${String(projectSerial).padStart(4, '0')}`,
    transactionCode,
    ocid: `${input.ocidPrefix}-${transactionCode}`,
  };
}
