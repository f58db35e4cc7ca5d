import { describe, expect, it } from 'vitest';
import { financingAmountProblem, payeeProblem, repaymentAccountProblem, unpaidFen } from './financing.rules';

const SUPPLIER = '上海申联信息科技有限公司';
const agreed = { accountName: SUPPLIER, bankName: '上海演示银行股份有限公司徐汇支行', accountNumber: '31001588800050000158' };

describe('contract financing rules (政采贷)', () => {
  it('lends at most what is unpaid on the contract', () => {
    expect(unpaidFen(1_000_000, [{ totalFen: 300_000 }, { totalFen: 100_000 }])).toBe(600_000);
    expect(unpaidFen(100, [{ totalFen: 100 }])).toBe(0);
    expect(financingAmountProblem(600_000, 600_000)).toBeNull();
    expect(financingAmountProblem(600_001, 600_000)?.field).toBe('amountFen');
    expect(financingAmountProblem(600_001, 600_000)?.messages['en-US']).toContain('6,000.00');
    expect(financingAmountProblem(0, 600_000)?.field).toBe('amountFen');
    expect(financingAmountProblem(1, 0)).not.toBeNull();
  });

  it('keeps the repayment account in the supplier’s name', () => {
    expect(repaymentAccountProblem(agreed, SUPPLIER)).toBeNull();
    expect(repaymentAccountProblem({ ...agreed, accountName: '上海演示银行股份有限公司' }, SUPPLIER)?.field).toBe('repaymentAccount.accountName');
  });

  it('requires the agreed account as payee on a financed contract, any supplier account otherwise', () => {
    const own = { accountName: SUPPLIER, bankName: '中国工商银行上海市分行', accountNumber: '1001234567890123456' };
    expect(payeeProblem(own, { supplierName: SUPPLIER, agreed: null })).toBeNull();
    expect(payeeProblem({ ...own, accountName: '别家公司' }, { supplierName: SUPPLIER, agreed: null })?.field).toBe('payee.accountName');
    // Financed: the supplier's own other account is refused; only the agreed one passes.
    const refused = payeeProblem(own, { supplierName: SUPPLIER, agreed });
    expect(refused?.field).toBe('payee');
    expect(refused?.messages['zh-CN']).toContain(agreed.accountNumber);
    expect(refused?.messages['en-US']).toContain('cannot be changed');
    expect(payeeProblem({ ...agreed }, { supplierName: SUPPLIER, agreed })).toBeNull();
    expect(payeeProblem({ ...agreed, accountNumber: '31001588800050000159' }, { supplierName: SUPPLIER, agreed })).not.toBeNull();
    expect(payeeProblem({ ...agreed, bankName: '上海演示银行股份有限公司浦东支行' }, { supplierName: SUPPLIER, agreed })).not.toBeNull();
  });
});
