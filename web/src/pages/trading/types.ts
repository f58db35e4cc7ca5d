export interface Lot {
  id: string;
  lotNo: number;
  title: string;
  budgetFen: number;
  maxPriceFen: number | null;
  depositFen: number;
  evaluationMethod: 'lowestPrice' | 'scoring';
  sme: { measure: string; deductionBp: number | null };
  status: 'open' | 'decrypting' | 'opened' | 'failed';
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
  status: 'draft' | 'published' | 'opening' | 'opened' | 'evaluating' | 'evaluated' | 'awarded' | 'contracted' | 'closed' | 'failed' | 'cancelled';
  documentsFrom: string | null;
  documentsUntil: string | null;
  deadline: string | null;
  decryptionWindowMinutes: number;
  revision: number;
  lots: Lot[];
}

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
  closed: 'default',
  failed: 'red',
  cancelled: 'default',
};
