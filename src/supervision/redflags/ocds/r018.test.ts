import { describe, expect, it } from 'vitest';
import { R018 } from './r018';
import { release } from './test-releases';

const tender = (ocid: string, procurementMethod: string, numberOfTenderers: number) => release(ocid, { tender: { procurementMethod, numberOfTenderers } });

describe('R018 single bid received', () => {
  it('flags one tenderer in an open or selective procedure, not two', () => {
    expect(R018.run([tender('one', 'open', 1), tender('sel', 'selective', 1), tender('two', 'open', 2)], R018.parameters)).toEqual({ OCID: { one: { R018: 1 }, sel: { R018: 1 } } });
  });
  it('leaves non-competitive procedures out unless they are listed', () => {
    expect(R018.run([tender('direct', 'limited', 1)], R018.parameters)).toEqual({});
    expect(R018.run([tender('direct', 'limited', 1)], { procurementMethods: 'limited' })).toEqual({ OCID: { direct: { R018: 1 } } });
  });
});
