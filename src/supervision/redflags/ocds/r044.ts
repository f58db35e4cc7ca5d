import { asObject, asString, eligibleReleases, objects, organizationIds, pipeSet, submittedBids, tenderOf } from './release';
import { setResult } from './results';
import { DEFAULT_CONTEXT, type JsonObject, type OcdsIndicator, type Results } from './types';

/** Case, width (全角/半角), spaces and punctuation removed, so "北京市 朝阳区，1号" matches "北京市朝阳区1号". */
function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The keys by which two parties are "the same place or contact", by field. */
export function contactKeys(party: JsonObject, fields: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  const address = asObject(party.address);
  const street = asString(address?.streetAddress);
  // A street address is needed: a shared city or postcode says nothing.
  if (fields.has('address') && street !== undefined && normalizeText(street) !== '') {
    const parts = ['countryName', 'region', 'locality', 'streetAddress'].map((field) => normalizeText(asString(address?.[field]) ?? ''));
    keys.push(`address:${parts.join('|')}`);
  }
  const contact = asObject(party.contactPoint);
  const email = asString(contact?.email)?.trim().toLowerCase();
  if (fields.has('email') && email !== undefined && email.includes('@')) keys.push(`email:${email}`);
  const telephone = asString(contact?.telephone)?.replace(/\D/g, '');
  // Fewer than 7 digits is an extension or a switchboard code, not a line.
  if (fields.has('telephone') && telephone !== undefined && telephone.length >= 7) keys.push(`telephone:${telephone}`);
  return keys;
}

export const R044: OcdsIndicator<{ fields: string }> = {
  code: 'R044',
  name: { 'zh-CN': '投标人地址或联系方式相同', 'en-US': 'Shared address or contact' },
  explanation: {
    'zh-CN': '同一项目中，两个或以上不同的投标人在 parties 中登记了相同的详细地址、电子邮箱或电话号码。这可能说明它们由同一人控制或相互串通。命中只是提示人工核查的线索，不是结论：同一园区或同一代理服务机构也会造成相同。值为共用地址或联系方式的投标人数；这些投标人同时标记。',
    'en-US': 'In one process, two or more different tenderers list the same street address, email or telephone number in parties. It can mean they are controlled by one person or act together. A match is a reason for a person to look, never a verdict: firms in one business park, or using one agent, share details too. The value is the number of tenderers sharing; they are flagged too.',
  },
  groups: ['OCID', 'Tenderer'],
  parameters: { fields: 'address|email|telephone' },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const fields = pipeSet(parameters.fields);
    for (const { ocid, release } of eligibleReleases(releases, context)) {
      const tendererIds = new Set([...submittedBids(release).flatMap((bid) => organizationIds(bid.tenderers)), ...organizationIds(tenderOf(release)?.tenderers)]);
      if (tendererIds.size < 2) continue;
      const partyById = new Map(objects(release.parties).flatMap((party) => {
        const id = asString(party.id);
        return id === undefined ? [] : [[id, party] as const];
      }));
      const tenderersByKey = new Map<string, Set<string>>();
      for (const id of tendererIds) {
        const party = partyById.get(id);
        if (party === undefined) continue;
        for (const key of contactKeys(party, fields)) {
          const sharing = tenderersByKey.get(key) ?? new Set<string>();
          sharing.add(id);
          tenderersByKey.set(key, sharing);
        }
      }
      const sharingTenderers = new Set([...tenderersByKey.values()].filter((ids) => ids.size >= 2).flatMap((ids) => [...ids]));
      if (sharingTenderers.size === 0) continue;
      setResult(results, 'OCID', ocid, 'R044', sharingTenderers.size);
      for (const id of sharingTenderers) setResult(results, 'Tenderer', id, 'R044', 1);
    }
    return results;
  },
};
