import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role, Session } from './session';

export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Who sees the entry; the server checks the same rights on every request. */
  visible: (session: Session) => boolean;
}

const any = (...roles: Role[]) => (s: Session) => s.person.roles.some((r) => roles.includes(r));
const MARKET: Role[] = ['purchaser', 'supplier', 'agency'];

export const WORKSPACE_MENU: MenuEntry[] = [
  { key: 'workbench', path: '/workspace', labelKey: 'nav.workbench', icon: <DashboardOutlined />, visible: () => true },
  { key: 'entities', path: '/workspace/entities', labelKey: 'nav.entities', icon: <BankOutlined />, visible: any('operator', 'supervisor', 'authority', 'treasury', 'systemAdmin', 'securityAdmin') },
  { key: 'my-entity', path: '/workspace/my-entity', labelKey: 'nav.myEntity', icon: <BankOutlined />, visible: any(...MARKET) },
  {
    key: 'persons',
    path: '/workspace/persons',
    labelKey: 'nav.persons',
    icon: <TeamOutlined />,
    visible: (s) => any('systemAdmin', 'securityAdmin')(s) || (s.person.isEntityAdmin && any(...MARKET)(s)),
  },
  { key: 'catalogue-admin', path: '/workspace/catalogues', labelKey: 'nav.catalogueAdmin', icon: <UnorderedListOutlined />, visible: any('operator') },
  { key: 'calendar-admin', path: '/workspace/calendar', labelKey: 'nav.calendarAdmin', icon: <CalendarOutlined />, visible: any('operator') },
  { key: 'audit', path: '/workspace/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, visible: any('operator', 'supervisor', 'auditAdmin') },
  { key: 'security', path: '/workspace/security', labelKey: 'nav.securityProfile', icon: <SafetyCertificateOutlined />, visible: any('securityAdmin', 'systemAdmin', 'auditAdmin') },
];
