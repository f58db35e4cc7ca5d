import { useQuery } from '@tanstack/react-query';
import { Button, Col, Row, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get } from '../../api';
import { Card, Paragraph, Text, Title } from '../../components/light';
import { NoticeSearch } from '../../components/NoticeSearch';
import type { CatalogueKind, CatalogueVersion } from '../catalogue/catalogue-view';
import type { Notice } from '../trading/types';
import { bigAmount, percent, type PortalSummary } from './portal-data';

/** The columns of latest notices, in the order the national and provincial portals show them. */
const COLUMNS = ['tender', 'correction', 'award', 'contract', 'intention', 'failure'] as const;
const PER_COLUMN = 6;

function NoticeColumn({ type }: { type: (typeof COLUMNS)[number] }) {
  const { t } = useTranslation();
  const notices = useQuery({ queryKey: ['notices', 'home', type], queryFn: () => get<{ total: number; items: Notice[] }>(`/api/public/notices?noticeType=${type}&pageSize=${PER_COLUMN}`) });
  const headingId = `column-${type}`;
  return (
    <Card
      size="small"
      loading={notices.isLoading}
      title={
        <Title level={3} id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {t(`trading.noticeTypes.${type}`)}
        </Title>
      }
      extra={
        <Link to={`/notices?noticeType=${type}`} aria-label={`${t('portal.home.more')}${t(`trading.noticeTypes.${type}`)}`}>
          {t('portal.home.more')}
        </Link>
      }
      style={{ height: '100%' }}
    >
      {/* A plain list (antd's List would add its pagination and spinner to the home page's download). */}
      {notices.data && notices.data.items.length === 0 ? (
        <Text type="secondary">{t('portal.home.empty')}</Text>
      ) : (
        <ul aria-labelledby={headingId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(notices.data?.items ?? []).map((n) => (
            <li key={n.id} style={{ display: 'flex', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`/notices/${n.id}`} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }} title={n.title}>
                {n.title}
              </Link>
              <Text type="secondary" style={{ flex: 'none', fontSize: 13 }}>
                {n.publishedAt.slice(5, 10)}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Two bars, budget and awarded value, drawn to scale: a chart with its numbers written out. */
function BudgetBars({ summary }: { summary: PortalSummary }) {
  const { t } = useTranslation();
  const max = Math.max(summary.budgetFen, summary.awardedFen, 1);
  const bar = (label: string, fen: number, color: string) => {
    const a = bigAmount(fen);
    return (
      <div style={{ marginBottom: 8 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>{label}</span>
          <span>
            {a.value} {a.unit}
          </span>
        </div>
        <div style={{ height: 12, background: '#f0f0f0', borderRadius: 6 }} aria-hidden>
          <div style={{ width: `${(fen / max) * 100}%`, height: '100%', background: color, borderRadius: 6 }} />
        </div>
      </div>
    );
  };
  return (
    <figure style={{ margin: 0 }} aria-label={t('portal.home.budgetVsAward')}>
      {bar(t('portal.home.budget'), summary.budgetFen, '#8c8c8c')}
      {bar(t('portal.home.awardedValue'), summary.awardedFen, '#c8161d')}
    </figure>
  );
}

function Figures() {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: ['portal-summary'], queryFn: () => get<PortalSummary>('/api/public/portal/summary') });
  const s = summary.data;
  const awarded = s ? bigAmount(s.awardedFen) : null;
  const savings = s ? bigAmount(s.savingsFen) : null;
  return (
    <Card
      loading={!s}
      title={
        <Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('portal.home.figuresTitle', { year: s?.year ?? '' })}
        </Title>
      }
      data-testid="portal-figures"
    >
      {s && (
        <Row gutter={[16, 16]} align="middle">
          <Col xs={12} md={6}>
            <Statistic title={t('portal.home.projects')} value={s.projectsPublished} data-testid="figure-projects" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('portal.home.awardedValue')} value={awarded!.value} suffix={awarded!.unit} data-testid="figure-awarded" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('portal.home.savings')} value={savings!.value} suffix={savings!.unit} data-testid="figure-savings" />
            <Text type="secondary">
              {t('portal.home.savingsRate')} {percent(s.savingsRateBp)}
            </Text>
          </Col>
          <Col xs={12} md={6} style={{ textAlign: 'center' }}>
            {/* The SME share as a ring drawn in CSS, its figure written inside. */}
            <div
              data-testid="figure-sme"
              style={{ width: 96, height: 96, margin: '0 auto', borderRadius: '50%', display: 'grid', placeItems: 'center', background: `conic-gradient(#c8161d ${s.smeShareBp / 100}%, #f0f0f0 0)` }}
            >
              <span style={{ width: 72, height: 72, borderRadius: '50%', background: '#fff', display: 'grid', placeItems: 'center', fontSize: 18, fontWeight: 600 }}>{percent(s.smeShareBp)}</span>
            </div>
            <div>{t('portal.home.smeShare')}</div>
          </Col>
          <Col xs={24} md={12}>
            <BudgetBars summary={s} />
          </Col>
          <Col xs={24} md={12}>
            <Text type="secondary">{t('portal.home.figuresNote')}</Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}

function TradingTypes() {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: ['portal-summary'], queryFn: () => get<PortalSummary>('/api/public/portal/summary') });
  return (
    <Card
      title={
        <Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('portal.home.byTradingType')}
        </Title>
      }
      extra={<Link to="/catalogues/tradingCatalogue">{t('catalogueKind.tradingCatalogue')}</Link>}
    >
      <Row gutter={[12, 12]}>
        {(summary.data?.byTradingType ?? []).map((tt) => (
          <Col key={tt.tradingType} xs={12} sm={8} lg={6}>
            <Card size="small" style={{ height: '100%' }} data-testid={`trading-type-${tt.tradingType}`}>
              <Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
                {t(`catalogue.option.${tt.tradingType}`)}
              </Title>
              {tt.projectsThisYear !== null ? (
                <Statistic title={t('portal.home.projectsThisYear')} value={tt.projectsThisYear} />
              ) : (
                <Text type="secondary">{t('portal.home.subPlatform')}</Text>
              )}
              <div style={{ marginTop: 4 }}>
                <Text>
                  {t('portal.home.entries')} {t('portal.home.count', { count: tt.entries.length })}
                </Text>
                {tt.entries.some((e) => e.entryLevel === 'mandatory') && <span style={{ marginLeft: 8, padding: '0 6px', border: '1px solid #d9d9d9', borderRadius: 4, fontSize: 12 }}>{t('portal.home.mandatory')}</span>}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const overview = useQuery({ queryKey: ['catalogues'], queryFn: () => get<{ kind: CatalogueKind; current: CatalogueVersion | null; itemCount: number }[]>('/api/public/catalogues') });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card style={{ background: 'linear-gradient(120deg, #fff5f5, #fff)' }}>
        <Title level={1} style={{ fontSize: 'clamp(22px, 5vw, 30px)' }}>
          {t('home.heading')}
        </Title>
        <Paragraph style={{ fontSize: 16, maxWidth: 760 }}>{t('home.intro')}</Paragraph>
        <NoticeSearch />
      </Card>
      <Figures />
      <section aria-labelledby="latest-notices">
        <Title level={2} id="latest-notices" style={{ fontSize: 18 }}>
          {t('portal.home.latest')}
        </Title>
        <Row gutter={[16, 16]}>
          {COLUMNS.map((type) => (
            <Col key={type} xs={24} md={12} xl={8}>
              <NoticeColumn type={type} />
            </Col>
          ))}
        </Row>
      </section>
      <TradingTypes />
      <Card
        title={
          <Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('home.cataloguesTitle')}
          </Title>
        }
      >
        <Row gutter={[16, 16]}>
          {(overview.data ?? []).map((c) => (
            <Col key={c.kind} xs={24} sm={12} md={8}>
              <Link to={`/catalogues/${c.kind}`}>
                <Card hoverable size="small">
                  <Statistic title={t(`catalogueKind.${c.kind}`)} value={c.itemCount} suffix={t('home.items')} />
                  <Text type="secondary">
                    {c.current ? `${t('catalogue.versionNo', { no: c.current.versionNo })} · ${t('catalogue.effectiveFrom')} ${c.current.effectiveFrom}` : t('catalogue.noVersion')}
                  </Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
        <Space wrap style={{ marginTop: 16 }}>
          <Button type="primary" size="large" href="/login" onClick={(e) => (e.preventDefault(), navigate('/login'))}>
            {t('home.signIn')}
          </Button>
          <Button size="large" href="/register" onClick={(e) => (e.preventDefault(), navigate('/register'))}>
            {t('home.registerEntity')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
