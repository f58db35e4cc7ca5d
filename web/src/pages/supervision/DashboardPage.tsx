import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Progress, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { fenToWan, formatAmount } from '../../money';
import { hasRole, useSession } from '../../session';
import { Chart, type ChartOption } from './Chart';
import { useMyFunctions } from './functions';
import { useIndicators } from './indicators';
import { inLanguage, type Dashboard } from './types';

const CATEGORIES = ['goods', 'services', 'works'] as const;
// The theme's red first, then colours that stay apart for colour-blind readers.
const PALETTE: string[] = ['#c8161d', '#1f56b8', '#d48806', '#389e0d', '#722ed1', '#08979c', '#595959'];
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * 监管驾驶舱 (一屏管交易): the region's trading at a glance, as charts, for one trading type or all. Every
 * figure with a list behind it opens that list: a month or a method the projects, an indicator its
 * alerts, the overdue cases the case list filtered to them, a running opening its project.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const category = CATEGORIES.find((c) => c === params.get('category')) ?? null;
  const dashboard = useQuery({
    queryKey: ['supervision-dashboard', category],
    queryFn: () => get<Dashboard>(`/api/supervision/dashboard?months=12${category ? `&category=${category}` : ''}`),
    placeholderData: (previous) => previous,
  });
  const readsAlerts = Boolean(useMyFunctions(session).data?.includes('alerts'));
  const indicators = useIndicators(readsAlerts);
  const d = dashboard.data;
  const language = i18n.language;
  const projectsUrl = (extra: Record<string, string>) => `/workspace/projects?${new URLSearchParams({ scope: 'region', ...(category ? { category } : {}), ...extra })}`;
  const indicatorName = (code: string) => {
    const found = indicators.data?.find((i) => i.code === code);
    return found ? `${code} ${inLanguage(found.name, language)}` : code;
  };

  const volume = useMemo<ChartOption | null>(
    () =>
      d ? {
        color: PALETTE,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: d.byMonth.map((m) => m.month) },
        yAxis: [
          { type: 'value', name: t('supervision.dashboard.projects'), minInterval: 1 },
          { type: 'value', name: t('supervision.dashboard.wanYuan'), splitLine: { show: false } },
        ],
        series: [
          { name: t('supervision.dashboard.projects'), type: 'bar', data: d.byMonth.map((m) => m.projects), barMaxWidth: 28 },
          { name: t('supervision.dashboard.budget'), type: 'line', yAxisIndex: 1, data: d.byMonth.map((m) => fenToWan(m.budgetFen)), tooltip: { valueFormatter: (v: number) => `${v} ${t('supervision.dashboard.wanYuan')}` } },
          { name: t('supervision.dashboard.contract'), type: 'line', yAxisIndex: 1, data: d.byMonth.map((m) => fenToWan(m.contractFen)), tooltip: { valueFormatter: (v: number) => `${v} ${t('supervision.dashboard.wanYuan')}` } },
        ],
      } : null,
    [d, t],
  );
  const methods = useMemo<ChartOption | null>(
    () =>
      d ? {
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            radius: ['45%', '70%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c}' },
            data: d.methods.map((m) => ({ name: t(`trading.methods.${m.method}`, { defaultValue: m.method }), value: m.projects, method: m.method })),
          },
        ],
      } : null,
    [d, t],
  );
  const bidders = useMemo<ChartOption | null>(
    () =>
      d ? {
        color: [PALETTE[1]!],
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', name: t('supervision.dashboard.biddersAxis'), data: d.biddersPerLot.map((b) => t('supervision.dashboard.biddersValue', { n: b.bidders })) },
        yAxis: { type: 'value', name: t('supervision.dashboard.lotsAxis'), minInterval: 1 },
        // Fewer than three bidders is where a lot fails or competition is thin: those bars stand out.
        series: [{ type: 'bar', barMaxWidth: 32, data: d.biddersPerLot.map((b) => ({ value: b.lots, itemStyle: b.bidders < 3 ? { color: PALETTE[2]! } : undefined })), label: { show: true, position: 'top' } }],
      } : null,
    [d, t],
  );
  const alerts = useMemo<ChartOption | null>(
    () =>
      d ? {
        color: [PALETTE[0]!],
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: d.openAlerts.map((a) => indicatorName(a.code)), axisLabel: { width: 130, overflow: 'truncate' } },
        series: [{ type: 'bar', barMaxWidth: 22, data: d.openAlerts.map((a) => a.open), label: { show: true, position: 'right' } }],
      } : null,
    [d, t, indicators.data, language],
  );

  const changeCategory = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === 'all') next.delete('category');
    else next.set('category', value);
    setParams(next, { replace: true });
  };
  const categoryOptions = ['all', ...CATEGORIES].map((c) => ({ value: c, label: t(`supervision.category.${c}`) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="supervision-dashboard">
      <Card
        title={t('supervision.dashboard.title')}
        extra={d && <Typography.Text type="secondary">{t('supervision.dashboard.asOf', { date: d.asOf })}</Typography.Text>}
        styles={{ body: { paddingBlock: 12 } }}
      >
        <Space wrap>
          <Typography.Text id="category-label">{t('supervision.dashboard.categoryLabel')}</Typography.Text>
          <Segmented aria-labelledby="category-label" options={categoryOptions} value={category ?? 'all'} onChange={(v) => changeCategory(String(v))} data-testid="category-filter" />
        </Space>
      </Card>
      {dashboard.error && <Alert type="error" showIcon title={errorText(dashboard.error)} data-testid="page-error" />}
      {!d ? (
        !dashboard.error && <Card loading />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <RateCard title={t('supervision.dashboard.savings')} rate={d.savings.rate} detail={t('supervision.dashboard.savingsDetail', { budget: formatAmount(d.savings.budgetFen, language), contract: formatAmount(d.savings.contractFen, language), count: d.savings.contracts })} testId="figure-savings" />
            </Col>
            <Col xs={12} lg={6}>
              <RateCard title={t('supervision.dashboard.sme')} rate={d.smeShare.rate} detail={t('supervision.dashboard.smeDetail', { sme: formatAmount(d.smeShare.smeFen, language), total: formatAmount(d.smeShare.contractFen, language) })} testId="figure-sme" />
            </Col>
            <Col xs={12} lg={6}>
              <RateCard
                title={t('supervision.dashboard.disclosure')}
                rate={d.disclosure.rate}
                detail={t('supervision.dashboard.disclosureDetail', { published: d.disclosure.published, awarded: d.disclosure.awarded })}
                link="/disclosure"
                testId="figure-disclosure"
              />
            </Col>
            <Col xs={12} lg={6}>
              <FigureCard title={t('supervision.dashboard.payment')} link={hasRole(session, ['supervisor', 'authority']) ? '/workspace/payments' : undefined} testId="figure-payment">
                <Statistic value={d.acceptanceToPayment.averageDays ?? '—'} suffix={d.acceptanceToPayment.averageDays === null ? undefined : t('supervision.dashboard.daysUnit')} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('supervision.dashboard.paymentDetail', { count: d.acceptanceToPayment.paid })}
                </Typography.Text>
              </FigureCard>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card title={t('supervision.dashboard.volume')} size="small">
                <Chart
                  option={volume!}
                  testId="chart-volume"
                  label={d.byMonth.map((m) => `${m.month}: ${m.projects} ${t('supervision.dashboard.projects')}, ${formatAmount(m.budgetFen, language)}`).join('; ') || t('supervision.dashboard.noData')}
                  onClick={() => navigate(projectsUrl({}))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('supervision.dashboard.methods')} size="small">
                {d.methods.length === 0 ? (
                  <Empty description={t('supervision.dashboard.noData')} />
                ) : (
                  <>
                    <Chart
                      option={methods!}
                      testId="chart-methods"
                      label={d.methods.map((m) => `${t(`trading.methods.${m.method}`, { defaultValue: m.method })} ${m.projects}`).join('; ')}
                      onClick={(p) => navigate(projectsUrl({ method: (p.data as { method: string }).method }))}
                    />
                    <Space wrap size={[4, 4]}>
                      {d.methods.map((m) => (
                        <Link key={m.method} to={projectsUrl({ method: m.method })}>
                          <Tag>
                            {t(`trading.methods.${m.method}`, { defaultValue: m.method })} {m.projects}
                          </Tag>
                        </Link>
                      ))}
                    </Space>
                  </>
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Card title={t('supervision.dashboard.bidders')} size="small">
                {d.biddersPerLot.length === 0 ? (
                  <Empty description={t('supervision.dashboard.noData')} />
                ) : (
                  <Chart option={bidders!} testId="chart-bidders" label={d.biddersPerLot.map((b) => `${t('supervision.dashboard.biddersValue', { n: b.bidders })}: ${t('supervision.dashboard.lotsValue', { n: b.lots })}`).join('; ')} onClick={() => navigate(projectsUrl({}))} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('supervision.dashboard.alerts')} size="small" extra={readsAlerts && <Link to="/workspace/supervision/alerts">{t('supervision.dashboard.alertsAll')}</Link>}>
                {d.openAlerts.length === 0 ? (
                  <Empty description={t('supervision.dashboard.noAlerts')} />
                ) : (
                  <>
                    <Chart
                      option={alerts!}
                      height={Math.max(140, d.openAlerts.length * 40)}
                      testId="chart-alerts"
                      label={`${t('supervision.dashboard.alertsHint')}: ${d.openAlerts.map((a) => `${indicatorName(a.code)} ${a.open}`).join('; ')}`}
                      onClick={readsAlerts ? (p) => navigate(`/workspace/supervision/alerts?code=${encodeURIComponent(d.openAlerts[p.dataIndex]!.code)}`) : undefined}
                    />
                    <Space wrap size={[4, 4]}>
                      {/* The alerts open from here for those whose roles read them (监管功能设置). */}
                      {d.openAlerts.map((a) => {
                        const tag = (
                          <Tag key={a.code} color="red">
                            {indicatorName(a.code)} · {a.open}
                          </Tag>
                        );
                        return readsAlerts ? (
                          <Link key={a.code} to={`/workspace/supervision/alerts?code=${encodeURIComponent(a.code)}`} data-testid="alert-code-link">
                            {tag}
                          </Link>
                        ) : (
                          tag
                        );
                      })}
                    </Space>
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <FigureCard title={t('supervision.dashboard.overdue')} link="/workspace/cases?overdue=1" linkText={t('supervision.dashboard.overdueLink')} testId="figure-overdue">
                  <Statistic value={d.overdueCases} valueStyle={d.overdueCases > 0 ? { color: '#c8161d' } : undefined} suffix={t('supervision.dashboard.casesUnit')} />
                </FigureCard>
                {/* The overdue lists of the desks that follow them (GP-25 refunds, PAY-01 SME payments); null: not this role's. */}
                {(d.overdueRefunds !== null || d.overduePayments !== null) && (
                  <Row gutter={[16, 16]}>
                    {d.overdueRefunds !== null && (
                      <Col xs={24} sm={12} lg={24}>
                        <FigureCard title={t('supervision.dashboard.overdueRefunds')} link="/workspace/overdue-refunds" linkText={t('supervision.dashboard.overdueRefundsLink')} testId="figure-overdue-refunds">
                          <Statistic value={d.overdueRefunds} valueStyle={d.overdueRefunds > 0 ? { color: '#c8161d' } : undefined} suffix={t('supervision.dashboard.itemsUnit')} />
                        </FigureCard>
                      </Col>
                    )}
                    {d.overduePayments !== null && (
                      <Col xs={24} sm={12} lg={24}>
                        <FigureCard title={t('supervision.dashboard.overduePayments')} link="/workspace/payments?tab=overdue" linkText={t('supervision.dashboard.overduePaymentsLink')} testId="figure-overdue-payments">
                          <Statistic value={d.overduePayments} valueStyle={d.overduePayments > 0 ? { color: '#c8161d' } : undefined} suffix={t('supervision.dashboard.itemsUnit')} />
                        </FigureCard>
                      </Col>
                    )}
                  </Row>
                )}
                <Card title={t('supervision.dashboard.running')} size="small">
                  <List
                    size="small"
                    dataSource={d.running}
                    data-testid="running"
                    locale={{ emptyText: t('supervision.dashboard.noneRunning') }}
                    renderItem={(r) => (
                      <List.Item style={{ display: 'block' }}>
                        <Tag color={r.kind === 'opening' ? 'orange' : 'blue'}>{t(`supervision.dashboard.${r.kind}`)}</Tag>
                        <Link to={r.kind === 'opening' ? `/workspace/openings/${r.projectId}` : `/workspace/projects/${r.projectId}`} style={{ overflowWrap: 'anywhere' }}>
                          {r.title}
                        </Link>{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.projectNumber} · {t('supervision.dashboard.lot', { no: r.lotNo })}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                </Card>
              </Space>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

function FigureCard({ title, link, linkText, testId, children }: { title: string; link?: string; linkText?: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }} styles={{ header: { whiteSpace: 'normal' } }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {link ? (
          <Link to={link} style={{ color: 'inherit', display: 'block' }}>
            {children}
          </Link>
        ) : (
          children
        )}
        {link && linkText && <Link to={link}>{linkText}</Link>}
      </Space>
    </Card>
  );
}

/** A rate as a ring with its figure, and the amounts it is made of beneath. */
function RateCard({ title, rate, detail, link, testId }: { title: string; rate: number | null; detail: string; link?: string; testId: string }) {
  const value = percent(rate);
  return (
    <FigureCard title={title} link={link} testId={testId}>
      <div style={{ textAlign: 'center' }}>
        <Progress type="dashboard" size={96} percent={value === null ? 0 : Math.max(0, Math.min(100, value))} format={() => (value === null ? '—' : `${value}%`)} strokeColor="#c8161d" aria-label={`${title} ${value === null ? '—' : `${value}%`}`} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        {detail}
      </Typography.Text>
    </FigureCard>
  );
}
