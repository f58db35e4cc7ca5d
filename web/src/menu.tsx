import {
  AccountBookOutlined,
  AuditOutlined,
  FileDoneOutlined,
  FormOutlined,
  IdcardOutlined,
  FileSearchOutlined,
  MessageOutlined,
  InboxOutlined,
  DatabaseOutlined,
  ProjectOutlined,
  ShopOutlined,
  WalletOutlined,
  PayCircleOutlined,
  FieldTimeOutlined,
  BankOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  DashboardOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ControlOutlined,
  FileExclamationOutlined,
  FundOutlined,
  LineChartOutlined,
  TableOutlined,
  SafetyOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { SupervisionFunction } from './pages/supervision/functions';
import type { Role, Session } from './session';

export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Who sees the entry; the server checks the same rights on every request. */
  visible: (session: Session) => boolean;
  /** A supervision page: shown only if the security administrator gave one of the person's roles this function (/api/supervision/my-functions). */
  fn?: SupervisionFunction;
}

const any = (...roles: Role[]) => (s: Session) => s.person.roles.some((r) => roles.includes(r));
const MARKET: Role[] = ['purchaser', 'supplier', 'agency'];
const SUPERVISION: Role[] = ['supervisor', 'authority', 'operator'];

export const WORKSPACE_MENU: MenuEntry[] = [
  { key: 'workbench', path: '/workspace', labelKey: 'nav.workbench', icon: <DashboardOutlined />, visible: () => true },
  { key: 'supervision', path: '/workspace/supervision', labelKey: 'supervision.nav.dashboard', icon: <FundOutlined />, visible: any(...SUPERVISION), fn: 'dashboard' },
  { key: 'alerts', path: '/workspace/supervision/alerts', labelKey: 'supervision.nav.alerts', icon: <AlertOutlined />, visible: any(...SUPERVISION), fn: 'alerts' },
  { key: 'network', path: '/workspace/supervision/network', labelKey: 'supervision.nav.network', icon: <ApartmentOutlined />, visible: any(...SUPERVISION), fn: 'network' },
  { key: 'screening', path: '/workspace/supervision/screening', labelKey: 'supervision.nav.screening', icon: <FileExclamationOutlined />, visible: any(...SUPERVISION), fn: 'screeningQueue' },
  { key: 'reports', path: '/workspace/supervision/reports', labelKey: 'supervision.nav.reports', icon: <TableOutlined />, visible: any(...SUPERVISION), fn: 'reports' },
  { key: 'planning', path: '/workspace/planning', labelKey: 'trading.nav.planning', icon: <WalletOutlined />, visible: any('purchaser') },
  { key: 'projects', path: '/workspace/projects', labelKey: 'trading.nav.projects', icon: <ProjectOutlined />, visible: any('purchaser', 'agency') },
  { key: 'hall', path: '/workspace/projects?scope=public', labelKey: 'trading.nav.hall', icon: <ShopOutlined />, visible: any('supplier') },
  { key: 'region-projects', path: '/workspace/projects?scope=region', labelKey: 'trading.nav.projects', icon: <ProjectOutlined />, visible: any('operator', 'supervisor', 'authority') },
  // 市场均价: for those who budget and plan purchases, and those who oversee them (no supervision function: every such role reads it).
  { key: 'market-prices', path: '/workspace/market-prices', labelKey: 'supervision.nav.marketPrices', icon: <LineChartOutlined />, visible: any('purchaser', 'agency', ...SUPERVISION) },
  { key: 'evaluations', path: '/workspace/evaluations', labelKey: 'evaluation.nav.evaluations', icon: <FormOutlined />, visible: any('expert', 'purchaser') },
  { key: 'expert-profile', path: '/workspace/expert-profile', labelKey: 'evaluation.nav.expertProfile', icon: <IdcardOutlined />, visible: any('expert') },
  { key: 'award-letters', path: '/workspace/award-letters', labelKey: 'evaluation.nav.contracts', icon: <FileDoneOutlined />, visible: any('supplier') },
  { key: 'payments', path: '/workspace/payments', labelKey: 'payments.nav', icon: <PayCircleOutlined />, visible: any('supplier', 'purchaser', 'authority', 'treasury', 'supervisor') },
  { key: 'cases', path: '/workspace/cases', labelKey: 'cases.nav', icon: <MessageOutlined />, visible: any('supplier', 'purchaser', 'agency', 'supervisor') },
  { key: 'guarantees', path: '/workspace/guarantees', labelKey: 'nav.guarantees', icon: <SafetyCertificateOutlined />, visible: any('guarantor') },
  { key: 'financing', path: '/workspace/financing', labelKey: 'nav.financing', icon: <AccountBookOutlined />, visible: any('financier') },
  { key: 'experts', path: '/workspace/experts', labelKey: 'evaluation.nav.experts', icon: <TeamOutlined />, visible: any('operator', 'supervisor', 'authority') },
  { key: 'overdue-refunds', path: '/workspace/overdue-refunds', labelKey: 'trading.nav.overdueRefunds', icon: <FieldTimeOutlined />, visible: any('supervisor') },
  { key: 'import-reviews', path: '/workspace/import-reviews', labelKey: 'trading.nav.importReview', icon: <FileSearchOutlined />, visible: any('supervisor') },
  { key: 'asset-pushes', path: '/workspace/asset-pushes', labelKey: 'assets.nav', icon: <DatabaseOutlined />, visible: any('purchaser', 'supervisor') },
  { key: 'mall', path: '/workspace/mall', labelKey: 'mall.nav', icon: <ShopOutlined />, visible: any('purchaser', 'supplier', 'operator', 'supervisor', 'authority') },
  { key: 'mall-admissions', path: '/workspace/mall/admissions', labelKey: 'mall.admissions.nav', icon: <AuditOutlined />, visible: any('operator') },
  { key: 'listings', path: '/workspace/listings', labelKey: 'listings.nav', icon: <ShopOutlined />, visible: any('purchaser', 'supplier', 'operator') },
  { key: 'warehouse', path: '/workspace/warehouse', labelKey: 'trading.nav.warehouse', icon: <InboxOutlined />, visible: any('purchaser', 'operator', 'supervisor') },
  { key: 'entities', path: '/workspace/entities', labelKey: 'nav.entities', icon: <BankOutlined />, visible: any('operator', 'supervisor', 'authority', 'treasury', 'systemAdmin', 'securityAdmin') },
  { key: 'my-credit', path: '/workspace/credit', labelKey: 'supervision.nav.myCredit', icon: <SafetyOutlined />, visible: any('supplier') },
  { key: 'my-entity', path: '/workspace/my-entity', labelKey: 'nav.myEntity', icon: <BankOutlined />, visible: any(...MARKET) },
  {
    key: 'persons',
    path: '/workspace/persons',
    labelKey: 'nav.persons',
    icon: <TeamOutlined />,
    visible: (s) => any('systemAdmin', 'securityAdmin')(s) || (s.person.isEntityAdmin && any(...MARKET)(s)),
  },
  { key: 'catalogue-admin', path: '/workspace/catalogues', labelKey: 'nav.catalogueAdmin', icon: <UnorderedListOutlined />, visible: any('operator') },
  { key: 'notice-outbox', path: '/workspace/notice-outbox', labelKey: 'outbox.nav', icon: <SendOutlined />, visible: any('operator') },
  { key: 'sub-platform-sync', path: '/workspace/sub-platforms', labelKey: 'subSync.nav', icon: <CloudSyncOutlined />, visible: any('operator') },
  { key: 'calendar-admin', path: '/workspace/calendar', labelKey: 'nav.calendarAdmin', icon: <CalendarOutlined />, visible: any('operator') },
  { key: 'venues', path: '/workspace/venues', labelKey: 'venues.nav', icon: <CalendarOutlined />, visible: any('operator') },
  { key: 'bookings', path: '/workspace/bookings', labelKey: 'venues.bookingsNav', icon: <CalendarOutlined />, visible: any('agency', 'purchaser') },
  { key: 'audit', path: '/workspace/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, visible: any('operator', 'supervisor', 'auditAdmin') },
  { key: 'security', path: '/workspace/security', labelKey: 'nav.securityProfile', icon: <SafetyCertificateOutlined />, visible: any('securityAdmin', 'systemAdmin', 'auditAdmin') },
  { key: 'supervision-functions', path: '/workspace/security/supervision-functions', labelKey: 'supervision.nav.functions', icon: <ControlOutlined />, visible: any('securityAdmin') },
];
