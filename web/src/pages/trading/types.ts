import type { ProjectAction } from '../../../../src/trading/project/project.policy';
import type { ProjectStep } from './PublicityCard';
export interface Lot {
  id: string;
  lotNo: number;
  title: string;
  budgetFen: number;
  maxPriceFen: number | null;
  depositFen: number;
  evaluationMethod: 'lowestPrice' | 'scoring';
  sme: { measure: string; deductionBp: number | null };
  status: 'open' | 'decrypting' | 'opened' | 'evaluated' | 'awarded' | 'contracted' | 'completed' | 'failed';
  failureRuleId: string | null;
  failureReason: string | null;
}

export interface Project {
  id: string;
  projectNumber: string;
  transactionCode: string;
  ocid: string;
  regionCode: string;
  purchaserEntityId: string;
  agencyEntityId: string | null;
  title: string;
  description: string;
  category: string;
  method: string;
  /** 单一来源: the one supplier (its entity id), the only one the project deals with. */
  singleSourceSupplierEntityId?: string | null;
  /** 资格预审 (PQ-01); false: 资格后审 (PQ-03). */
  prequalification: boolean;
  status: 'draft' | 'published' | 'opening' | 'opened' | 'evaluating' | 'evaluated' | 'awarded' | 'contracted' | 'completed' | 'closed' | 'failed' | 'cancelled';
  documentsFrom: string | null;
  documentsUntil: string | null;
  deadline: string | null;
  decryptionWindowMinutes: number;
  revision: number;
  lots: Lot[];
  /** What the signed-in user may do now, from the server's policy (project.policy.ts). */
  actions?: ProjectAction[];
  /** The method's steps and where the project stands (one project read only). */
  steps?: ProjectStep[];
  /** The panel the method draws (评标委员会, 磋商小组, …) and its smallest size for this budget. */
  panel?: { name: { 'zh-CN': string; 'en-US': string }; minimumMembers: number; ruleId: string };
}

/** Whether the user may do this with the project now; the page renders only such actions. */
export const may = (p: Pick<Project, 'actions'>, action: ProjectAction) => Boolean(p.actions?.includes(action));

export interface Notice {
  id: string;
  noticeType: string;
  projectId: string | null;
  title: string;
  renderedHtml: string;
  contentHash: string;
  publishedAt: string;
}

export const PROJECT_STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  published: 'blue',
  opening: 'orange',
  opened: 'green',
  evaluating: 'orange',
  evaluated: 'cyan',
  awarded: 'green',
  contracted: 'geekblue',
  completed: 'purple',
  closed: 'default',
  failed: 'red',
  cancelled: 'default',
};
