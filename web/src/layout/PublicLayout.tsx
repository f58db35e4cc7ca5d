import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';

export function PublicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: session } = useSession();
  // On a phone: no subtitle, the menu folds into "…", sign-in only (registering is on the home page).
  const phone = Grid.useBreakpoint().md === false;
  const selected = ['/', '/notices', '/disclosure', '/catalogues', '/calendar', '/guarantees/verify'].filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 24, background: '#fff', borderBottom: '3px solid #c8161d', padding: phone ? '0 12px' : undefined }}>
        <Link to="/" style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ fontSize: 18, color: '#c8161d' }}>
            {t('app.title')}
          </Typography.Text>
          {!phone && (
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {t('app.subtitle')}
            </Typography.Text>
          )}
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={selected}
          style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
          items={[
            { key: '/', label: <Link to="/">{t('nav.home')}</Link> },
            { key: '/notices', label: <Link to="/notices">{t('trading.nav.notices')}</Link> },
            { key: '/disclosure', label: <Link to="/disclosure">{t('nav.disclosureRate')}</Link> },
            { key: '/catalogues', label: <Link to="/catalogues">{t('nav.catalogues')}</Link> },
            { key: '/calendar', label: <Link to="/calendar">{t('nav.calendar')}</Link> },
            { key: '/guarantees/verify', label: <Link to="/guarantees/verify">{t('nav.verifyGuarantee')}</Link> },
            { key: 'docs', label: <a href="/api/docs">{t('nav.apiDocs')}</a> },
          ]}
        />
        <Space>
          <LanguageSwitch />
          {session?.stage === 'active' ? (
            <Link to="/workspace">
              <Button type="primary">{t('nav.workbench')}</Button>
            </Link>
          ) : (
            <>
              {!phone && (
                <Link to="/register">
                  <Button>{t('nav.register')}</Button>
                </Link>
              )}
              <Link to="/login">
                <Button type="primary">{t('nav.login')}</Button>
              </Link>
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? 12 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
