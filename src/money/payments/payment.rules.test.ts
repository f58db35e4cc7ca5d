import { describe, expect, it } from 'vitest';
import { availableFen, invoiceFileKind, invoiceProblems, lateInterestFen, paymentDueOn, paymentTermProblem, type InvoiceContext, type InvoiceDraft } from './payment.rules';
import { actionsFor, DESK_OF, PAYMENT_ACTIONS, PAYMENT_STATUSES, PAYMENT_TRANSITIONS, paymentTransition } from './payment.states';

const SUPPLIER = '91310115MA1H00001X';
const PURCHASER = '11310104002420001X';
const invoice = (o: Partial<InvoiceDraft> = {}): InvoiceDraft => ({
  invoiceNumber: '26312000000012345678',
  invoiceDate: '2026-11-20',
  sellerCreditCode: SUPPLIER,
  buyerCreditCode: PURCHASER,
  amountBeforeTaxFen: 100_000_00,
  taxFen: 13_000_00,
  totalFen: 113_000_00,
  ...o,
});
const context = (o: Partial<InvoiceContext> = {}): InvoiceContext => ({ supplierCreditCode: SUPPLIER, purchaserCreditCode: PURCHASER, signedOn: '2026-11-01', today: '2026-11-23', availableFen: 113_000_00, ...o });
const fields = (inv: InvoiceDraft, c: InvoiceContext = context()) => invoiceProblems(inv, c).map((p) => p.field);

describe('the e-invoice of a payment application (seed 000, step 3)', () => {
  it('accepts an invoice of the contract’s parties that adds up to the fen and fits what is payable', () => {
    expect(invoiceProblems(invoice(), context())).toEqual([]);
    expect(fields(invoice({ invoiceNumber: '01234567' }))).toEqual([]);
  });

  it('refuses a total that is not before-tax plus tax, by one fen either way', () => {
    expect(fields(invoice({ totalFen: 113_000_01 }), context({ availableFen: 200_000_00 }))).toEqual(['totalFen']);
    expect(fields(invoice({ totalFen: 112_999_99 }))).toEqual(['totalFen']);
  });

  it('refuses more than the acceptance made payable and is not yet claimed, from one fen over', () => {
    expect(fields(invoice(), context({ availableFen: 113_000_00 }))).toEqual([]);
    expect(fields(invoice(), context({ availableFen: 112_999_99 }))).toEqual(['totalFen']);
    const [p] = invoiceProblems(invoice(), context({ availableFen: 50_000_00 }));
    expect(p!.messages['zh-CN']).toContain('50,000.00');
  });

  it('checks the seller and buyer against the contract’s parties', () => {
    expect(fields(invoice({ sellerCreditCode: '91310112MA1H00002X' }))).toEqual(['sellerCreditCode']);
    expect(fields(invoice({ buyerCreditCode: SUPPLIER }))).toEqual(['buyerCreditCode']);
  });

  it('takes 20-digit or 8-digit invoice numbers, dated between the signing and today', () => {
    expect(fields(invoice({ invoiceNumber: '2631200000001234567' }))).toEqual(['invoiceNumber']);
    expect(fields(invoice({ invoiceNumber: '2631200000001234567A' }))).toEqual(['invoiceNumber']);
    expect(fields(invoice({ invoiceDate: '2026-11-23' }))).toEqual([]);
    expect(fields(invoice({ invoiceDate: '2026-11-24' }))).toEqual(['invoiceDate']);
    expect(fields(invoice({ invoiceDate: '2026-11-01' }))).toEqual([]);
    expect(fields(invoice({ invoiceDate: '2026-10-31' }))).toEqual(['invoiceDate']);
  });

  it('knows a PDF and an OFD (a ZIP container) by their first bytes, and nothing else', () => {
    expect(invoiceFileKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(invoiceFileKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('ofd');
    expect(invoiceFileKind(Buffer.from('<html>'))).toBeNull();
  });

  it('counts what a milestone has left after the applications that claim it', () => {
    expect(availableFen(700_00, [{ totalFen: 300_00 }, { totalFen: 100_00 }])).toBe(300_00);
    expect(availableFen(700_00, [])).toBe(700_00);
  });
});

describe('paying SMEs on time (PAY-01, PAY-02, PAY-04)', () => {
  it('refuses a contract term over 60 days with an SME, and allows exactly 60 (PAY-01)', () => {
    expect(paymentTermProblem(60, true)).toBeNull();
    expect(paymentTermProblem(61, true)?.field).toBe('paymentTermDays');
    expect(paymentTermProblem(61, false)).toBeNull();
  });

  it('runs the period from the acceptance, over month and year ends (PAY-02)', () => {
    expect(paymentDueOn('2026-11-18', 30)).toBe('2026-12-18');
    expect(paymentDueOn('2026-12-15', 30)).toBe('2027-01-14');
    expect(paymentDueOn('2028-02-15', 15)).toBe('2028-03-01'); // 2028 is a leap year
  });

  it('owes nothing on the due date, 0.05 % of the amount for each day after, rounded half up to the fen (PAY-04)', () => {
    expect(lateInterestFen(1_000_000_00, '2026-12-18', '2026-12-18')).toEqual({ daysLate: 0, interestFen: 0 });
    expect(lateInterestFen(1_000_000_00, '2026-12-18', '2026-12-01')).toEqual({ daysLate: 0, interestFen: 0 });
    expect(lateInterestFen(1_000_000_00, '2026-12-18', '2026-12-19')).toEqual({ daysLate: 1, interestFen: 500_00 });
    expect(lateInterestFen(1_000_000_00, '2026-12-18', '2027-01-17')).toEqual({ daysLate: 30, interestFen: 15_000_00 });
    // 0.5 fen rounds up, 0.4 fen down.
    expect(lateInterestFen(1_000, '2026-12-18', '2026-12-19').interestFen).toBe(1);
    expect(lateInterestFen(999, '2026-12-18', '2026-12-19').interestFen).toBe(0);
  });
});

describe('the payment application’s transition table', () => {
  it('sends every application through purchaser, authority and treasury, in that order', () => {
    expect(paymentTransition('submitted', 'authorityApprove')).toBeNull();
    expect(paymentTransition('submitted', 'treasuryPay')).toBeNull();
    expect(paymentTransition('purchaserApproved', 'treasuryPay')).toBeNull();
    expect(paymentTransition('submitted', 'purchaserApprove')?.to).toBe('purchaserApproved');
    expect(paymentTransition('purchaserApproved', 'authorityApprove')?.to).toBe('authorityApproved');
    expect(paymentTransition('authorityApproved', 'treasuryPay')?.to).toBe('paid');
  });

  it('returns one desk back, with a reason, and the desk before may decide again', () => {
    expect(paymentTransition('purchaserApproved', 'authorityReturn')).toMatchObject({ to: 'returnedByAuthority', needsReason: true });
    expect(paymentTransition('returnedByAuthority', 'purchaserApprove')?.to).toBe('purchaserApproved');
    expect(paymentTransition('authorityApproved', 'treasuryReturn')).toMatchObject({ to: 'returnedByTreasury', needsReason: true });
    expect(paymentTransition('returnedByTreasury', 'authorityApprove')?.to).toBe('authorityApproved');
    expect(paymentTransition('submitted', 'purchaserReject')).toMatchObject({ to: 'rejected', needsReason: true });
    expect(paymentTransition('rejected', 'resubmit')?.to).toBe('submitted');
  });

  it('ends at paid or withdrawn, with nothing allowed after; money once paid cannot be withdrawn', () => {
    for (const action of PAYMENT_ACTIONS) {
      expect(paymentTransition('paid', action)).toBeNull();
      expect(paymentTransition('withdrawn', action)).toBeNull();
    }
    expect(paymentTransition('authorityApproved', 'withdraw')).toBeNull();
  });

  it('waits at the desk that may act on it, and only that desk has buttons', () => {
    for (const status of PAYMENT_STATUSES) {
      const desk = DESK_OF[status];
      for (const d of ['supplier', 'purchaser', 'authority', 'treasury'] as const) {
        if (d !== desk && !(d === 'supplier' && status === 'submitted')) expect(actionsFor(status, d)).toEqual([]);
      }
      if (desk) expect(actionsFor(status, desk).length).toBeGreaterThan(0);
    }
    expect(actionsFor('submitted', 'supplier')).toEqual(['withdraw']);
    expect(Object.values(PAYMENT_TRANSITIONS).every((t) => t.from.every((s) => DESK_OF[s] === t.by || (t.by === 'supplier' && s === 'submitted')))).toBe(true);
  });
});
