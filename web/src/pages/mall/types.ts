import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { formatAmount } from '../../money';

export type Text = { 'zh-CN': string; 'en-US': string };

export interface Category {
  code: string;
  name: Text;
}

export interface Product {
  id: string;
  supplierEntityId: string;
  supplierName: string;
  categoryCode: string;
  categoryName: Text;
  name: string;
  specification: string;
  unitPriceFen: number;
  stock: number;
  deliveryRegions: string[];
}

export interface SplitCheck {
  categoryCode: string;
  cumulativeFen: number;
  thresholdFen: number;
}

export type BasketStatus = 'bidding' | 'awaitingConfirmation' | 'awarded' | 'failed';

export interface BasketLine {
  lineNo: number;
  categoryCode: string;
  name: string;
  specification: string;
  quantity: number;
  budgetUnitPriceFen: number;
}

export interface Basket {
  id: string;
  basketNumber: string;
  title: string;
  purchaserName: string;
  regionCode: string;
  lines: BasketLine[];
  budgetFen: number;
  deliveryAddress: string;
  publishedAt: string;
  closesAt: string;
  status: BasketStatus;
  sealed: boolean;
  revision: number;
  splitFlag: { checks: SplitCheck[]; reason: string } | null;
  result: { supplierName: string | null; priceFen: number | null; reason: Text | null } | null;
  quotes: { supplierName: string; totalFen: number; submittedAt: string; rank: number | null; problems: { code: string; messages: Text }[] }[] | null;
  minimumQuotes: number;
  tooFewQuotes: 'fail' | 'purchaserConfirms';
  myQuote: { submittedAt: string; totalFen: number; lines: { lineNo: number; productId: string; productName: string; unitPriceFen: number }[] } | null;
  contract: { id: string; contractNumber: string; status: string } | null;
  mayQuote: boolean;
  mayDecide: boolean;
}

export interface Application {
  id: string;
  entityId: string;
  entityName: string;
  creditCode: string;
  categories: string[];
  statement: string;
  status: 'pending' | 'admitted' | 'refused';
  reason: string | null;
  appliedAt: string;
  decidedAt: string | null;
}

/** The reader's language and money format, and the mall's 品目 by code. */
export function useMallText() {
  const { t, i18n } = useTranslation();
  const language: 'zh-CN' | 'en-US' = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const categories = useQuery({ queryKey: ['mall', 'categories'], queryFn: () => get<{ items: Category[] }>('/api/mall/categories') });
  const categoryName = (code: string) => categories.data?.items.find((c) => c.code === code)?.name[language] ?? code;
  return { t, language, money: (fen: number) => formatAmount(fen, i18n.language), categories: categories.data?.items ?? [], categoryName };
}
