import { DownOutlined, LogoutOutlined, KeyOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api';
import { WORKSPACE_MENU } from '../menu';
import { useMyFunctions } from '../pages/supervision/functions';
import { useSession } from '../session';
import { InboxBell } from './Inbox';
import { LanguageSwitch } from './LanguageSwitch';
import { SkipLink } from './PublicLayout';

export function WorkspaceLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session, isLoading } = useSession();
  // Supervision entries follow the functions the security administrator gave the person's roles; until known, they wait.
  const functions = useMyFunctions(session);
  // On a phone the menu folds away behind a button and closes again once a page is chosen.
  const phone = Grid.useBreakpoint().md === false;
  const [menuHidden, setMenuHidden] = useState(phone);
  useEffect(() => setMenuHidden(phone), [phone, location.pathname]);
  if (isLoading) return <Spin fullscreen />;
  if (!session || session.stage !== 'active' || session.mustChangePassword) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  }
  const entries = WORKSPACE_MENU.filter((m) => m.visible(session) && (!m.fn || Boolean(functions.data?.includes(m.fn))));
  const matching = entries.filter((m) => (m.path === '/workspace' ? location.pathname === '/workspace' : location.pathname.startsWith(m.path)));
  // The most specific entry: the alerts (/workspace/supervision/alerts), not also the dashboard above them.
  const longest = Math.max(0, ...matching.map((m) => m.path.length));
  const selected = matching.filter((m) => m.path.length === longest).map((m) => m.key);

  async function logout() {
    await api('DELETE', '/api/session').catch(() => undefined);
    queryClient.clear();
    navigate('/login');
  }

  const menu = (
    <Menu
      mode="inline"
      data-testid="workspace-menu"
      selectedKeys={selected}
      style={{ borderInlineEnd: 'none' }}
      items={entries.map((m) => ({ key: m.key, icon: m.icon, label: <Link to={m.path}>{t(m.labelKey)}</Link> }))}
    />
  );
  const brand = (
    <Link to="/">
      <Typography.Text strong style={{ fontSize: 17, color: '#c8161d' }}>
        {t('app.title')}
      </Typography.Text>
    </Link>
  );

  // The workspace's pages report with antd's message and confirm with its modal: their provider comes with the workspace.
  return (
    <App>
      <Layout style={{ minHeight: '100vh' }}>
        <SkipLink />
        {phone ? (
          // On a phone the menu is a drawer over the page, closed again once a page is chosen.
          <Drawer placement="left" open={!menuHidden} onClose={() => setMenuHidden(true)} title={brand} size={260} styles={{ body: { padding: 0 } }} data-testid="workspace-drawer">
            <nav aria-label={t('portal.mainNav')}>{menu}</nav>
          </Drawer>
        ) : (
          <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <div style={{ padding: '16px 20px', borderBottom: '3px solid #c8161d' }}>{brand}</div>
            <nav aria-label={t('portal.mainNav')}>{menu}</nav>
          </Layout.Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0', padding: phone ? '0 12px' : undefined }}>
            {phone ? (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} aria-expanded={!menuHidden} data-testid="menu-toggle" onClick={() => setMenuHidden(!menuHidden)} style={{ marginRight: 'auto' }} />
            ) : (
              <Typography.Text type="secondary">{session.entity.name}</Typography.Text>
            )}
            <InboxBell />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('nav.changePassword'), onClick: () => navigate('/workspace/password') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() },
                ],
              }}
            >
              {/* A button, so the keyboard reaches it (an <a> without href is not focusable). */}
              <Button type="text" data-testid="user-menu" aria-label={session.person.displayName} style={{ paddingInline: 4 }}>
                <Space size={4}>
                  <UserOutlined />
                  {/* On a phone the name would push the header past the screen's edge. */}
                  {!phone && session.person.displayName}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          </Layout.Header>
          <Layout.Content id="main-content" tabIndex={-1} style={{ padding: phone ? 12 : 24, outline: 'none', minWidth: 0 }}>
            {/* A page's chunk loads beside the menu, which stays. */}
            <Suspense fallback={<Spin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}
