/**
 * The daily report to the national platform: one Shanghai day's public facts (load.ts) mapped to
 * the national datasets (datasets.ts), one XML file per dataset. Pure but for writeDatasets.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DATASET_CODES,
  gcjsContract,
  gcjsNotice,
  gcjsOpeningRecord,
  gcjsProject,
  gcjsResultNotice,
  gcjsSections,
  gcjsTenderList,
  gcjsTenderProject,
  gcjsWinCandidates,
  zfcgContract,
  zfcgPurchaseNotice,
  zfcgPurchaseProject,
  zfcgResultNotice,
  zfcgTenderList,
  type CandidateFacts,
  type ContractFacts,
  type DatasetCode,
  type NationalRecord,
  type NoticeFacts,
  type OpeningFacts,
  type ProjectFacts,
  type ResultFacts,
} from './datasets';
import { xmlText } from './format';
import type { NationalSettings } from './settings';

/** What happened to one project on the day, public facts only. */
export interface ProjectDay {
  project: ProjectFacts;
  /** The project's first public notice went out this day: the project and its sections are reported. */
  firstPublished: boolean;
  notices: NoticeFacts[];
  openings: OpeningFacts[];
  candidates: CandidateFacts[];
  results: ResultFacts[];
  contracts: ContractFacts[];
}

export interface DayFacts {
  /** The Shanghai date, YYYY-MM-DD. */
  date: string;
  projects: ProjectDay[];
}

export type Datasets = Record<DatasetCode, NationalRecord[]>;

export function emptyDatasets(): Datasets {
  return Object.fromEntries(DATASET_CODES.map((c) => [c, []])) as unknown as Datasets;
}

/** Maps a day's facts to every dataset, each project with its own region's settings. */
export function buildDatasets(day: DayFacts, settingsFor: (regionCode: string) => NationalSettings): Datasets {
  const out = emptyDatasets();
  for (const d of day.projects) {
    const p = d.project;
    const s = settingsFor(p.regionCode);
    if (p.regime === 'tendering') {
      if (d.firstPublished) {
        out.GCJS_PROJECT.push(gcjsProject(p, s));
        out.GCJS_TENDER_PROJECT.push(gcjsTenderProject(p, s));
        out.GCJS_SECTION.push(...gcjsSections(p, s));
      }
      for (const n of d.notices) out.GCJS_NOTICE.push(gcjsNotice(p, n, s));
      for (const o of d.openings) {
        out.GCJS_OPENING_RECORD.push(gcjsOpeningRecord(p, o, s));
        out.GCJS_TENDER_LIST.push(...gcjsTenderList(p, o, s));
      }
      for (const c of d.candidates) out.GCJS_WIN_CANDIDATE.push(...gcjsWinCandidates(p, c, s));
      for (const r of d.results) out.GCJS_RESULT_NOTICE.push(gcjsResultNotice(p, r, s));
      for (const c of d.contracts) out.GCJS_CONTRACT.push(gcjsContract(p, c, s));
    } else {
      if (d.firstPublished) out.ZFCG_PURCHASE_PROJECT.push(...zfcgPurchaseProject(p, s));
      for (const n of d.notices) out.ZFCG_PURCHASE_QUALI_INQUERY_ANN.push(...zfcgPurchaseNotice(p, n, s));
      for (const o of d.openings) out.ZFCG_PURCHASE_TENDER_LIST.push(...zfcgTenderList(p, o, s));
      for (const r of d.results) out.ZFCG_BID_DEAL_ANNOUNCE.push(zfcgResultNotice(p, r, s));
      for (const c of d.contracts) out.ZFCG_PURCHASE_CONTRACT.push(zfcgContract(p, c, s));
    }
  }
  return out;
}

/**
 * One dataset as XML: the dataset code is the root element (RULES.md §6.1, seen in one province's
 * exchange), each record a RECORD element (our own wrapper for a day's many records) whose
 * children are the fields in order; an empty field is an empty element.
 */
export function datasetXml(code: DatasetCode, date: string, records: readonly NationalRecord[]): string {
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<${code} date="${xmlText(date)}" count="${records.length}">`];
  for (const r of records) {
    lines.push('  <RECORD>');
    for (const [field, value] of Object.entries(r)) lines.push(value === '' ? `    <${field}/>` : `    <${field}>${xmlText(value)}</${field}>`);
    lines.push('  </RECORD>');
  }
  lines.push(`</${code}>`, '');
  return lines.join('\n');
}

/** Writes `<dir>/<date>/<DATASET>.xml` for every dataset (empty ones too: "nothing that day" is a statement); returns the paths. */
export function writeDatasets(dir: string, date: string, datasets: Datasets): string[] {
  const target = path.join(dir, date);
  fs.mkdirSync(target, { recursive: true });
  return DATASET_CODES.map((code) => {
    const file = path.join(target, `${code}.xml`);
    fs.writeFileSync(file, datasetXml(code, date, datasets[code]));
    return file;
  });
}
