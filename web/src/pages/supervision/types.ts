/** What the supervision API answers (src/supervision/{dashboard,redflags,credit}). */
type Bilingual = { 'zh-CN': string; 'en-US': string };

export interface Dashboard {
  asOf: string;
  category: string | null;
  byMonth: { month: string; projects: number; budgetFen: number; contractFen: number }[];
  methods: { method: string; projects: number }[];
  biddersPerLot: { bidders: number; lots: number }[];
  savings: { budgetFen: number; contractFen: number; rate: number | null; contracts: number };
  smeShare: { smeFen: number; contractFen: number; rate: number | null };
  disclosure: { awarded: number; published: number; rate: number | null };
  acceptanceToPayment: { paid: number; averageDays: number | null };
  openAlerts: { code: string; open: number }[];
  overdueCases: number;
  /** Deposit refunds past due (GP-25); null for roles that do not follow them. */
  overdueRefunds: number | null;
  /** SME payments past due (PAY-01); null for roles that do not follow them. */
  overduePayments: number | null;
  running: { kind: 'opening' | 'evaluation'; projectId: string; projectNumber: string; title: string; lotNo: number }[];
}

export interface Indicator {
  code: string;
  ruleId: string;
  strength: Strength;
  name: Bilingual;
  explanation: Bilingual;
  defaults: Record<string, number | boolean>;
}

export type Strength = 'presumption' | 'eligibility' | 'weak';
export const ALERT_STATUSES = ['open', 'investigating', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertAction = 'assign' | 'note' | 'confirm' | 'dismiss' | 'reopen';

export interface AlertSummary {
  id: string;
  code: string;
  ruleId: string;
  name: Bilingual;
  strength: Strength;
  status: AlertStatus;
  project: { id: string; projectNumber: string; title: string } | null;
  lot: { id: string; lotNo: number; title: string } | null;
  /** A procurement traded elsewhere that an OCDS indicator matched (no project here). */
  external?: { ocid: string; title: string; platformName: string } | null;
  entities: { id: string; name: string }[];
  detectedAt: string;
  gone: boolean;
}

export interface AlertView extends AlertSummary {
  revision: number;
  explanation: Bilingual | null;
  evidence: {
    matched: { label: Bilingual; value: string }[];
    bids: { bidId: string; supplierEntityId: string; supplierName: string; values: Record<string, string | number | null> }[];
  };
  assignee: { id: string; name: string } | null;
  decision: { at: string; reason: string | null } | null;
  events: { id: string; action: AlertAction; at: string; by: string; text: string | null; files?: { name: string; sha256: string; size: number }[]; detail?: { assigneeId?: string; assigneeName?: string; measure?: { ruleId: string; years: number; entityIds: string[]; startsOn: string; endsOn: string } } }[];
  actions: AlertAction[];
}

export interface RedFlagRun {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number } | null;
  outcome: { lots: number; bids: number; matches: number; created: number; gone: number } | null;
  finishedAt: string | null;
}

export interface CreditMeasure {
  id: string;
  entityId: string;
  kind: 'debarment';
  scope: 'governmentProcurement' | 'tendering' | 'all';
  ruleId: string;
  reason: string;
  startsOn: string;
  endsOn: string;
  sourceType: 'alert' | 'dishonestList';
  sourceId: string;
  imposedAt: string;
  liftedAt: string | null;
  liftReason: string | null;
  inForce: boolean;
}

export interface CreditFile {
  entity: { id: string; name: string; creditCode: string };
  records: { id: string; kind: string; ruleId: string; summary: string; sourceType?: string; sourceId?: string; recordedAt: string }[];
  measures: CreditMeasure[];
  /** 履约评价: purchasers' ratings of the entity's contracts, 1 to 5 per aspect. */
  performance: { contractNumber: string; title: string; ratings: Record<string, number>; average: number; comment: string | null; recordedAt: string }[];
}

export interface DishonestImport {
  batchId: string;
  imported: { creditCode: string; name: string; startsOn: string; endsOn: string }[];
  alreadyImported: number;
  notRegistered: number;
  errors: { line: number; message: string }[];
}

export const STATUS_COLOURS: Record<AlertStatus, string> = { open: 'red', investigating: 'orange', confirmed: 'volcano', dismissed: 'default' };
export const STRENGTH_COLOURS: Record<Strength, string> = { presumption: 'red', eligibility: 'purple', weak: 'default' };

/** The bilingual text in the reader's language. */
export const inLanguage = (text: Bilingual, language: string) => text[language === 'en-US' ? 'en-US' : 'zh-CN'];

export const alertPath = (id: string) => `/workspace/supervision/alerts/${id}`;
export const creditPath = (entityId: string) => `/workspace/supervision/entities/${entityId}/credit`;
