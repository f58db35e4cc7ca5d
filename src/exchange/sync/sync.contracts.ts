import { createHash } from 'node:crypto';
import { shanghaiDate } from '../../platform/calendar/calendar';
import { DEFAULT_PAYMENT_TERM_DAYS } from '../../money/payments/payment.rules';
import type { RegistrationInput } from '../../trading/contract/registration';
import { fenOf } from '../external/external.facts';
import type { FieldProblem } from '../ocds/validate';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== null) : []);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const day = (v: unknown) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? shanghaiDate(new Date(v)) : null);

/** The registration reference of a synced contract: stable for its ocid and contract id, within the registration's alphabet. */
export const contractReference = (ocid: string, contractId: string) => `S${createHash('sha256').update(`${ocid}\n${contractId}`).digest('hex').slice(0, 40)}`;

/** A signed contract in a compiled release, as the payment module registers it, or why it cannot be. */
export type ContractRegistration = { contractId: string; input: RegistrationInput } | { contractId: string; problems: FieldProblem[] };

/**
 * SYNC-09: each active, signed contract of a synced procurement becomes a registered contract, so that
 * its acceptance and payment go through the payment module (seed 000). Read from the compiled
 * release: the supplier comes from the award the contract refers to, which may have come earlier.
 * `path` is where the contract sits in the release that brought it.
 */
export function contractRegistrations(compiled: Json, path: (contractId: string) => string): ContractRegistration[] {
  const parties = arr(compiled.parties);
  const creditCodeOf = (partyId: unknown) => {
    const identifier = obj(parties.find((p) => p.id === partyId)?.identifier);
    return identifier?.scheme === 'CN-USCC' ? str(identifier.id) : null;
  };
  const awards = arr(compiled.awards);
  const out: ContractRegistration[] = [];
  for (const c of arr(compiled.contracts)) {
    if (c.status !== 'active' || !str(c.dateSigned)) continue;
    const id = String(c.id);
    const at = path(id);
    const problems: FieldProblem[] = [];
    const need = (field: string, zh: string, en: string) => problems.push({ path: `${at}/${field}`, ruleId: 'SYNC-09', message: { 'zh-CN': zh, 'en-US': en } });
    const award = awards.find((a) => String(a.id) === String(c.awardID));
    const supplier = creditCodeOf(arr(award?.suppliers)[0]?.id);
    const purchaser = creditCodeOf(obj(compiled.buyer)?.id);
    const priceFen = fenOf(c.value);
    const period = obj(c.period);
    const milestones = arr(c.milestones).map((m) => ({ name: str(m.title), amountFen: fenOf(m.value), acceptanceCriteria: str(m.description), dueDate: day(m.dueDate) }));
    if (!supplier) need('awardID', '合同应指向一个供应商以统一社会信用代码标识的授标', 'The contract must refer to an award whose supplier is identified by its unified social credit code');
    if (!purchaser) need('buyer', '应注明采购人的统一社会信用代码', 'The buyer’s unified social credit code must be given');
    if (priceFen === null || priceFen < 1) need('value', '合同金额应以人民币计', 'The contract value must be given in CNY');
    if (!str(c.description)) need('description', '应给出合同主要条款（description）', 'The contract’s terms (description) must be given');
    if (!str(c.performancePlace)) need('performancePlace', '应注明履约地点', 'The place of performance must be given');
    if (!period || !day(period.startDate) || !day(period.endDate)) need('period', '应注明履约期限（起止日期）', 'The period of performance (start and end) must be given');
    if (milestones.length === 0) need('milestones', '应列出付款节点（名称、验收标准、到期日、金额）', 'The payment milestones (title, acceptance criteria, due date, value) must be listed');
    milestones.forEach((m, i) => {
      if (!m.name || !m.acceptanceCriteria || !m.dueDate || m.amountFen === null)
        need(`milestones/${i}`, '付款节点应有名称、验收标准（description）、到期日和金额（value）', 'A milestone needs a title, acceptance criteria (description), a due date and a value');
    });
    if (problems.length) {
      out.push({ contractId: id, problems });
      continue;
    }
    out.push({
      contractId: id,
      input: {
        reference: contractReference(String(compiled.ocid), id),
        contractNumber: id,
        title: str(c.title) ?? str(obj(compiled.tender)?.title) ?? id,
        purchaserCreditCode: purchaser!,
        supplierCreditCode: supplier!,
        priceFen: priceFen!,
        items: arr(c.items).map((it) => {
          const quantity = typeof it.quantity === 'number' && Number.isInteger(it.quantity) && it.quantity > 0 ? it.quantity : 1;
          const unitPriceFen = fenOf(obj(it.unit)?.value) ?? 0;
          return { name: str(it.description) ?? '—', brand: null, model: null, quantity, unitPriceFen, totalFen: unitPriceFen * quantity };
        }),
        milestones: milestones.map((m) => ({ name: m.name!, amountFen: m.amountFen!, acceptanceCriteria: m.acceptanceCriteria!, dueDate: m.dueDate! })),
        performancePeriod: `${day(period!.startDate)} 至 ${day(period!.endDate)}`,
        performancePlace: str(c.performancePlace)!,
        paymentTermDays: typeof c.paymentTermDays === 'number' ? c.paymentTermDays : DEFAULT_PAYMENT_TERM_DAYS,
        terms: str(c.description)!,
        signedOn: day(c.dateSigned)!,
      },
    });
  }
  return out;
}
