import { describe, expect, it } from 'vitest';
import { contactKeys, R044 } from './r044';
import { bid, release } from './test-releases';
import type { JsonObject } from './types';

const party = (id: string, streetAddress: string, telephone: string, email = `${id.toLowerCase()}@example.cn`): JsonObject => ({
  id,
  roles: ['tenderer'],
  address: { streetAddress, locality: '杭州市', countryName: '中国' },
  contactPoint: { telephone, email },
});
const process = (ocid: string, parties: JsonObject[]) => release(ocid, { parties, bids: { details: parties.map((p) => bid(String(p.id), 100)) } });

describe('R044 shared address or contact (our own rule; not in cardinal)', () => {
  it('flags two tenderers with the same telephone written differently, with the number sharing as value', () => {
    const results = R044.run([process('phone', [party('A', '文一路 1 号', '0571-8888 1234'), party('B', '文二路 2 号', '(0571) 88881234'), party('C', '文三路 3 号', '0571-12345678')])], R044.parameters);
    expect(results).toEqual({ OCID: { phone: { R044: 2 } }, Tenderer: { A: { R044: 1 }, B: { R044: 1 } } });
  });
  it('matches an address whatever its spaces, punctuation and full-width characters', () => {
    const results = R044.run([process('address', [party('A', '文一路１号，２０１室', '1111111'), party('B', '文一路1号 201室', '2222222')])], R044.parameters);
    expect(results.OCID).toEqual({ address: { R044: 2 } });
  });
  it('does not flag different details, a short extension, or a shared city alone', () => {
    expect(R044.run([process('apart', [party('A', '文一路 1 号', '0571-1111111'), party('B', '文一路 2 号', '0571-2222222')])], R044.parameters)).toEqual({});
    expect(contactKeys(party('A', '', '801'), new Set(['address', 'telephone']))).toEqual([]);
  });
  it('checks only the fields listed', () => {
    const shared = process('shared', [party('A', '文一路 1 号', '0571-1111111', 'same@x.cn'), party('B', '文二路 2 号', '0571-2222222', 'SAME@x.cn ')]);
    expect(R044.run([shared], R044.parameters).OCID).toEqual({ shared: { R044: 2 } });
    expect(R044.run([shared], { fields: 'address|telephone' })).toEqual({});
  });
  it('does not count one tenderer bidding twice, nor a party that did not bid', () => {
    const a = party('A', '文一路 1 号', '0571-1111111');
    const twice = release('twice', { parties: [a, { ...party('X', '文一路 1 号', '0571-1111111'), roles: ['buyer'] }], bids: { details: [bid('A', 100), bid('A', 99)] } });
    expect(R044.run([twice], R044.parameters)).toEqual({});
  });
});
