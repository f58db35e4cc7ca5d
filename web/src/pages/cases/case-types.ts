/** Challenges (质疑) and complaints (投诉) as the API answers them (src/supervision/complaints). */
export type CaseKind = 'challenge' | 'complaint';
/** Government procurement: documents, process, result (QC-02); works under the Bidding Law: documents, opening, candidates (QW-01). */
export type Subject = 'documents' | 'process' | 'result' | 'opening' | 'candidates';
export const SUBJECTS: Subject[] = ['documents', 'process', 'result', 'opening', 'candidates'];
/** The law a case falls under: 质疑 to the purchaser and 投诉 to the finance department, or 异议 to the tenderer and 投诉 to the supervisory department. */
export type Regime = 'procurement' | 'tendering';

export type ChallengeStatus = 'filed' | 'answered' | 'withdrawn';
export type ComplaintStatus = 'received' | 'correctionRequested' | 'accepted' | 'refused' | 'decided' | 'withdrawn';
export type CaseStatus = ChallengeStatus | ComplaintStatus;
export type ChallengeAction = 'answer' | 'withdraw' | 'complain';
export type ComplaintAction = 'requestCorrection' | 'correct' | 'accept' | 'refuse' | 'respond' | 'hear' | 'pause' | 'resume' | 'suspend' | 'lift' | 'decide' | 'withdraw';
export type CaseAction = ChallengeAction | ComplaintAction;
export type Verdict = 'upheld' | 'partlyUpheld' | 'dismissed';
export type Outcome = 'upheld' | 'dismissed' | 'falseComplaint';
export type PauseReason = 'inspection' | 'appraisal' | 'expertReview' | 'correction';
export const PAUSE_REASONS: PauseReason[] = ['inspection', 'appraisal', 'expertReview', 'correction'];

export type Bilingual = { 'zh-CN': string; 'en-US': string };

/** A legal period of a case: its last day and how much of it is left (or how late it is). */
export interface Clock {
  step: string;
  dueOn: string;
  /** 0 on the last day, negative once it has passed. */
  workingDaysLeft: number;
  overdue: boolean;
  paused: boolean;
  doneAt: string | null;
  ruleId: string;
}

export interface EvidenceFile {
  name: string;
  sha256: string;
  size: number;
  url: string;
}

export interface CaseEvent {
  id: string;
  action: string;
  at: string;
  by: { personName: string; entityName: string };
  text: string | null;
  files: EvidenceFile[];
  detail: Record<string, unknown> | null;
}

export interface Claim {
  no: number;
  claim: string;
  facts: string;
  legalBasis: string;
}

export interface Particulars {
  address: string;
  postcode: string;
  contactPerson: string;
  phone: string;
}

export interface CaseView {
  kind: CaseKind;
  regime: Regime;
  id: string;
  caseNumber: string;
  status: CaseStatus;
  revision: number;
  project: { id: string; projectNumber: string; title: string };
  subject: Subject;
  filer: { entityId: string; name: string };
  respondent: { entityId: string; name: string };
  department: { entityId: string; name: string } | null;
  particulars: Particulars | null;
  claims: Claim[];
  request: string | null;
  filedAt: string;
  knewOn: string | null;
  clocks: Clock[];
  suspension: { from: string; until: string } | null;
  paused: boolean;
  replies: { no: number; reply: string }[] | null;
  verdict: Verdict | null;
  affectsResult: boolean | null;
  remedy: 'reaward' | 'reprocure' | null;
  outcome: Outcome | null;
  noticeId: string | null;
  challengeId: string | null;
  complaints: { id: string; caseNumber: string; status: ComplaintStatus }[];
  events: CaseEvent[];
  actions: CaseAction[];
}

export interface CaseSummary {
  kind: CaseKind;
  id: string;
  caseNumber: string;
  status: CaseStatus;
  project: { id: string; projectNumber: string; title: string };
  regime: Regime;
  subject: Subject | null;
  filerName: string;
  respondentName: string;
  departmentName: string | null;
  filedAt: string;
  clock: Clock | null;
  actions: CaseAction[];
  party: 'filer' | 'respondent' | 'department' | 'observer';
}

export interface ChallengeWindow {
  subject: Subject;
  knewOn: string | null;
  lastDay: string | null;
  workingDaysLeft: number | null;
  /** The brief names it `message`; the platform's bilingual texts are usually `messages`: either is read. */
  refusal: { ruleId: string; message?: Bilingual; messages?: Bilingual } | null;
}

/** Where a case's page is. */
export const casePath = (c: { kind: CaseKind; id: string }) => `/workspace/cases/${c.kind === 'challenge' ? 'challenges' : 'complaints'}/${c.id}`;

/** The tag colour of a status: waiting on someone, ended in the filer's favour or not, closed. */
export function statusColor(status: CaseStatus): string {
  switch (status) {
    case 'filed':
    case 'received':
      return 'blue';
    case 'correctionRequested':
      return 'orange';
    case 'accepted':
      return 'geekblue';
    case 'answered':
    case 'decided':
      return 'green';
    case 'refused':
      return 'red';
    default:
      return 'default';
  }
}

/** A bilingual text in the reader's language. */
export const inLanguage = (text: Bilingual | undefined, language: string) => (text ? text[language === 'en-US' ? 'en-US' : 'zh-CN'] : '');

/** A file as the API takes it: its name and its bytes in base64. */
/** The files picked for a filing: the first one over 10 MB (refused before sending), or the files as the API takes them. */
export const oversizedFile = (files: { name: string; originFileObj?: File }[]) => files.find((f) => (f.originFileObj?.size ?? 0) > MAX_EVIDENCE_BYTES);
export const evidenceOf = (files: { name: string; originFileObj?: File }[]) =>
  Promise.all(files.filter((f) => f.originFileObj).map(async (f) => ({ fileName: f.name, contentBase64: await readBase64(f.originFileObj!) })));

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
