import { MenuOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Space, theme } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { PublicNav, type NavItem } from './PublicNav';

const NavDrawer = lazy(() => import('./NavDrawer'));

/** The skip link, first in the tab order (GB/T 37668-2019): straight to the page's main content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main-content" data-testid="skip-link">
      {t('portal.skipToMain')}
    </a>
  );
}

const PAGES = ['/', '/notices', '/listings', '/external', '/entities', '/sme', '/fees', '/disclosure', '/catalogues', '/calendar', '/guarantees/verify'];

export function PublicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const { token } = theme.useToken();
  // On a phone: no subtitle, the navigation folds into a drawer behind a menu button, sign-in only (registering is on the home page).
  // Below 1600 px the subtitle gives its room to the links (in English they would otherwise run under the buttons).
  const screens = Grid.useBreakpoint();
  const phone = screens.xl === false;
  const subtitle = !phone && screens.xxl !== false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  // A link that looks like a button (an <a href> that navigates in the app; never a button inside a link).
  const linkTo = (to: string) => ({
    href: to,
    onClick: (e: React.MouseEvent) => {
      e.preventDefault();
      navigate(to);
    },
  });
  const selected = PAGES.filter((p) => (p === '/' ? location.pathname === '/' : location.pathname.startsWith(p)));
  // The header holds the pages a visitor looks for first; the rest are in the drawer on a phone and in the footer.
  const more: NavItem[] = [
    { to: '/disclosure', label: t('nav.disclosureRate') },
    { to: '/calendar', label: t('nav.calendar') },
    { to: '/guarantees/verify', label: t('nav.verifyGuarantee') },
    { to: '/api/docs', label: t('nav.apiDocs'), external: true },
  ];
  const items: NavItem[] = [
    { to: '/', label: t('nav.home') },
    { to: '/notices', label: t('trading.nav.notices') },
    { to: '/listings', label: t('portal.listings.nav') },
    { to: '/external', label: t('portal.external.nav') },
    { to: '/entities', label: t('portal.nav.entities') },
    { to: '/sme', label: t('portal.nav.sme') },
    { to: '/fees', label: t('portal.nav.fees') },
    { to: '/catalogues', label: t('nav.catalogues') },
  ];
  return (
    // The text colour, font and size antd's App gives the workspace (a visitor's pages do without its message and modal).
    <Layout style={{ minHeight: '100vh', color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      <SkipLink />
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 24, background: '#fff', borderBottom: '3px solid #c8161d', padding: phone ? '0 12px' : '0 24px' }}>
        {phone && <Button type="text" icon={<MenuOutlined />} aria-label={t('portal.openMenu')} aria-expanded={drawerOpen} data-testid="public-menu-toggle" onClick={() => setDrawerOpen(true)} />}
        <Link to="/" style={{ whiteSpace: 'nowrap', marginRight: phone ? 'auto' : undefined }}>
          <span style={{ fontSize: 18, fontWeight: token.fontWeightStrong, color: '#c8161d' }}>{t('app.title')}</span>
          {subtitle && <span style={{ marginLeft: 8, color: token.colorTextSecondary }}>{t('app.subtitle')}</span>}
        </Link>
        {!phone && (
          <nav aria-label={t('portal.mainNav')} style={{ flex: 1, minWidth: 0 }}>
            <PublicNav items={items} selected={selected} />
          </nav>
        )}
        <Space>
          <LanguageSwitch />
          {session?.stage === 'active' ? (
            <Button type="primary" {...linkTo('/workspace')}>
              {t('nav.workbench')}
            </Button>
          ) : (
            <>
              {!phone && <Button {...linkTo('/register')}>{t('nav.register')}</Button>}
              <Button type="primary" {...linkTo('/login')}>
                {t('nav.login')}
              </Button>
            </>
          )}
        </Space>
      </Layout.Header>
      {phone && (
        <Suspense fallback={null}>
          <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('app.title')} testId="public-drawer">
            <nav aria-label={t('portal.mainNav')}>
              <PublicNav vertical items={[...items, ...more]} selected={selected} />
            </nav>
          </NavDrawer>
        </Suspense>
      )}
      <Layout.Content id="main-content" tabIndex={-1} style={{ padding: phone ? 12 : 24, maxWidth: 1280, width: '100%', margin: '0 auto', outline: 'none' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <nav aria-label={t('portal.moreNav')} style={{ marginBottom: 8 }}>
          <Space wrap size="middle" style={{ justifyContent: 'center' }}>
            {more.map((m) => (
              <span key={m.to}>{m.external ? <a href={m.to}>{m.label}</a> : <Link to={m.to}>{m.label}</Link>}</span>
            ))}
          </Space>
        </nav>
        {t('app.footer')}
      </Layout.Footer>
    </Layout>
  );
}
