/**
 * What the demo construction sub-platform (上海市公共资源交易平台（建设工程招投标分平台）) publishes
 * about one works tender, as OCDS releases with the platform's local extension: the tender, the
 * award with the public facts of its bids, and the signed contract with its payment milestones.
 */

export interface Org {
  name: string;
  creditCode: string;
}

export interface WorksTender {
  /** The sub-platform's OCDS prefix, e.g. `ocds-shjs01`. */
  prefix: string;
  /** The sub-platform's own number for the tender. */
  number: string;
  title: string;
  buyer: Org;
  bidders: (Org & { priceFen: number })[];
  /** The winner (one of the bidders). */
  winner: string;
  budgetFen: number;
  /** When the tender notice was published (ISO instant); the award follows a month later, the contract ten days after. */
  publishedAt: string;
  regionCode?: string;
  /** The sub-platform's code in the platform catalogue. */
  platformCode?: string;
  milestones?: { title: string; acceptanceCriteria: string; dueDate: string; share: number }[];
  /** The contract's number, place and terms, when they are not the defaults made from the tender. */
  contract?: { number?: string; performancePlace?: string; terms?: string; months?: number };
}

const yuan = (fen: number) => ({ amount: fen / 100, currency: 'CNY' });
const party = (o: Org, roles: string[]) => ({ id: `CN-USCC-${o.creditCode}`, name: o.name, identifier: { scheme: 'CN-USCC', id: o.creditCode, legalName: o.name }, roles });
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

export function worksTenderReleases(w: WorksTender): Record<string, unknown>[] {
  const ocid = `${w.prefix}-${w.number}`;
  const common = { ocid, initiationType: 'tender', language: 'zh', regionCode: w.regionCode ?? '310000', tradingPlatform: w.platformCode ?? 'P02', projectNumber: w.number, buyer: { id: `CN-USCC-${w.buyer.creditCode}`, name: w.buyer.name } };
  const winner = w.bidders.find((b) => b.creditCode === w.winner)!;
  const tender = { id: w.number, title: w.title, status: 'active', procurementMethod: 'open', procurementMethodDetails: '公开招标', mainProcurementCategory: 'works', value: yuan(w.budgetFen), tenderPeriod: { startDate: w.publishedAt, endDate: plusDays(w.publishedAt, 20) } };
  const awardedAt = plusDays(w.publishedAt, 30);
  const months = w.contract?.months ?? 12;
  const signedAt = plusDays(w.publishedAt, 40);
  const shares = w.milestones ?? [
    { title: '上半年养护', acceptanceCriteria: '养护考核合格', dueDate: plusDays(signedAt, 180).slice(0, 10), share: 0.5 },
    { title: '下半年养护', acceptanceCriteria: '养护考核合格', dueDate: plusDays(signedAt, 360).slice(0, 10), share: 0.5 },
  ];
  // Each milestone its share of the price, the last one what is left, so that they sum to the price exactly.
  const milestoneFens = shares.map((m) => Math.round(winner.priceFen * m.share));
  milestoneFens[milestoneFens.length - 1] = winner.priceFen - milestoneFens.slice(0, -1).reduce((a, b) => a + b, 0);
  return [
    { ...common, id: `${w.number}-01`, date: w.publishedAt, tag: ['tender'], parties: [party(w.buyer, ['buyer', 'procuringEntity'])], tender },
    {
      ...common,
      id: `${w.number}-02`,
      date: awardedAt,
      tag: ['award'],
      parties: [party(w.buyer, ['buyer', 'procuringEntity']), ...w.bidders.map((b) => party(b, b.creditCode === w.winner ? ['tenderer', 'supplier'] : ['tenderer']))],
      tender: { ...tender, status: 'complete', numberOfTenderers: w.bidders.length, tenderers: w.bidders.map((b) => ({ id: `CN-USCC-${b.creditCode}`, name: b.name })) },
      bids: { details: w.bidders.map((b, i) => ({ id: `${w.number}-bid-${i + 1}`, status: 'valid', tenderers: [{ id: `CN-USCC-${b.creditCode}`, name: b.name }], value: yuan(b.priceFen) })) },
      awards: [{ id: `${w.number}-award-1`, status: 'active', date: awardedAt, value: yuan(winner.priceFen), suppliers: [{ id: `CN-USCC-${winner.creditCode}`, name: winner.name }] }],
    },
    {
      ...common,
      id: `${w.number}-03`,
      date: signedAt,
      tag: ['contract'],
      parties: [party(w.buyer, ['buyer', 'procuringEntity']), party(winner, ['tenderer', 'supplier'])],
      contracts: [
        {
          id: w.contract?.number ?? `${w.number}-HT`,
          awardID: `${w.number}-award-1`,
          title: `${w.title}施工合同`,
          status: 'active',
          value: yuan(winner.priceFen),
          dateSigned: signedAt,
          period: { startDate: signedAt, endDate: plusDays(signedAt, Math.round(months * 30.4)) },
          description: w.contract?.terms ?? '按建设工程施工合同示范文本执行；养护质量按季度考核。',
          performancePlace: w.contract?.performancePlace ?? w.title.replace(/^\d{4}年度/, '').slice(0, 60),
          paymentTermDays: 30,
          milestones: shares.map((m, i) => ({ id: `m${i + 1}`, title: m.title, description: m.acceptanceCriteria, dueDate: `${m.dueDate}T23:59:59+08:00`, status: 'scheduled', value: yuan(milestoneFens[i]!) })),
        },
      ],
    },
  ];
}
