import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Grid, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { hasRole, useSession } from '../../session';
import { useMyFunctions } from './functions';
import { useIndicators } from './indicators';
import { ALERT_STATUSES, STATUS_COLOURS, alertPath, creditPath, inLanguage, type AlertStatus, type AlertSummary, type RedFlagRun } from './types';

const FILTERS = ['status', 'code', 'entityId', 'projectId', 'includeGone'] as const;

/**
 * 风险预警: the alerts of the reader's region, newest first, filtered by status and indicator (and, from a
 * credit file or a project, by entity or project). Supervisors start a full recompute here and watch
 * it run. On a phone, one card per alert.
 */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const phone = Grid.useBreakpoint().md === false;
  const indicators = useIndicators();
  const query = new URLSearchParams(FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])));
  const alerts = useQuery({ queryKey: ['alerts', query.toString()], queryFn: () => get<{ items: AlertSummary[] }>(`/api/supervision/alerts?${query}`) });
  const functions = useMyFunctions(session).data ?? [];
  // What the security administrator gave the reader's roles: investigating (the full run), credit measures (the lists).
  const acts = hasRole(session, ['supervisor', 'authority']) && functions.includes('investigation');
  const importsLists = hasRole(session, ['supervisor', 'authority']) && functions.includes('creditMeasures');
  const filter = (key: (typeof FILTERS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = alerts.data?.items ?? [];
  const narrowed = params.get('entityId') || params.get('projectId');
  // Refused (the function is not enabled for the reader's roles): the server's reason, nothing else.
  if (alerts.error && !alerts.data)
    return (
      <Card title={t('supervision.alerts.title')}>
        <Alert type="error" showIcon title={errorText(alerts.error)} data-testid="page-error" />
      </Card>
    );

  return (
    <Card
      title={t('supervision.alerts.title')}
      extra={
        importsLists && (
          <Link to="/workspace/supervision/dishonest-lists" data-testid="import-list-link">
            {t('supervision.alerts.importList')}
          </Link>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('supervision.alerts.intro')}</Typography.Paragraph>
      {acts && <RecomputePanel />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('supervision.alerts.status')}
          placeholder={t('supervision.alerts.anyStatus')}
          value={params.get('status') || undefined}
          onChange={(v) => filter('status', v)}
          style={{ width: 150 }}
          data-testid="alert-status-filter"
          options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('supervision.alerts.indicator')}
          placeholder={t('supervision.alerts.anyIndicator')}
          value={params.get('code') || undefined}
          onChange={(v) => filter('code', v)}
          style={{ width: phone ? 220 : 280, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          data-testid="alert-code-filter"
          options={(indicators.data ?? []).map((i) => ({ value: i.code, label: `${i.code} ${inLanguage(i.name, i18n.language)}` }))}
        />
        <Checkbox checked={params.get('includeGone') === 'true'} onChange={(e) => filter('includeGone', e.target.checked ? 'true' : undefined)}>
          {t('supervision.alerts.includeGone')}
        </Checkbox>
        {narrowed && (
          <Button size="small" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('supervision.alerts.clear')}
          </Button>
        )}
      </Space>
      {alerts.error && <Alert type="error" showIcon title={errorText(alerts.error)} style={{ marginBottom: 16 }} data-testid="page-error" />}
      {phone ? (
        <List
          loading={alerts.isLoading}
          dataSource={items}
          data-testid="alerts-list"
          locale={{ emptyText: <Empty description={t('supervision.alerts.none')} /> }}
          renderItem={(a) => (
            <List.Item key={a.id} style={{ display: 'block' }} data-testid="alert-row">
              <AlertCard a={a} />
            </List.Item>
          )}
        />
      ) : (
        <Table<AlertSummary>
          rowKey="id"
          size="small"
          loading={alerts.isLoading}
          dataSource={items}
          data-testid="alerts-table"
          onRow={() => ({ 'data-testid': 'alert-row' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('supervision.alerts.none') }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: t('supervision.alerts.indicator'),
              key: 'indicator',
              render: (_, a) => (
                <Space orientation="vertical" size={0}>
                  <Link to={alertPath(a.id)} data-testid="alert-link">
                    {inLanguage(a.name, i18n.language)}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <RuleRef id={a.ruleId} />
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('supervision.alerts.project'), key: 'project', render: (_, a) => <ProjectCell a={a} /> },
            { title: t('supervision.alerts.suppliers'), key: 'suppliers', render: (_, a) => <Suppliers a={a} /> },
            { title: t('supervision.alerts.status'), key: 'status', width: 120, render: (_, a) => <AlertStatusTags a={a} /> },
            { title: t('supervision.alerts.detectedAt'), dataIndex: 'detectedAt', width: 170, render: formatTime },
          ]}
        />
      )}
    </Card>
  );
}

export function AlertStatusTag({ status, testId = 'alert-status' }: { status: AlertStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={testId}>
      {t(`supervision.status.${status}`)}
    </Tag>
  );
}

function AlertStatusTags({ a }: { a: AlertSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      <AlertStatusTag status={a.status} />
      {a.gone && <Tag>{t('supervision.alerts.gone')}</Tag>}
    </Space>
  );
}

function ProjectCell({ a }: { a: AlertSummary }) {
  const { t } = useTranslation();
  if (!a.project && a.external) return <ExternalCell external={a.external} />;
  if (!a.project) return <>—</>;
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Link to={`/workspace/projects/${a.project.id}`} style={{ overflowWrap: 'anywhere' }}>
        {a.project.title}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {a.project.projectNumber}
        {a.lot ? ` · ${t('supervision.alert.lotNo', { no: a.lot.lotNo })}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** A procurement traded elsewhere: its public page on the portal, and the platform it was traded on. */
export function ExternalCell({ external }: { external: NonNullable<AlertSummary['external']> }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Link to={`/external/${encodeURIComponent(external.ocid)}`} style={{ overflowWrap: 'anywhere' }} data-testid="alert-external">
        {external.title}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        {t('supervision.alerts.externalOn', { platform: external.platformName })}
      </Typography.Text>
    </Space>
  );
}

export function Suppliers({ a }: { a: Pick<AlertSummary, 'entities'> }) {
  return (
    <Space size={[8, 2]} wrap>
      {a.entities.map((e) => (
        <Link key={e.id} to={creditPath(e.id)} style={{ overflowWrap: 'anywhere' }} data-testid="alert-supplier">
          {e.name}
        </Link>
      ))}
    </Space>
  );
}

/** One alert as a card, for a phone. */
function AlertCard({ a }: { a: AlertSummary }) {
  const { i18n } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
      <Space wrap size={[8, 4]}>
        <Link to={alertPath(a.id)} data-testid="alert-link">
          {inLanguage(a.name, i18n.language)}
        </Link>
        <AlertStatusTags a={a} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        <RuleRef id={a.ruleId} />
      </Typography.Text>
      <ProjectCell a={a} />
      <Suppliers a={a} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(a.detectedAt)}
      </Typography.Text>
    </Space>
  );
}

/** 全量重算: runs every indicator over every opened lot as a job, with its progress and what it found. */
function RecomputePanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const run = useQuery({
    queryKey: ['redflag-run', jobId],
    queryFn: () => get<RedFlagRun>(`/api/supervision/redflag-runs/${jobId}`),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 500),
  });
  const r = run.data;
  const finished = r && ['succeeded', 'failed'].includes(r.status);
  useEffect(() => {
    if (r?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['alerts'] });
  }, [r?.status, queryClient]);

  async function start() {
    try {
      setJobId((await api<{ jobId: string }>('POST', '/api/supervision/redflag-runs')).jobId);
    } catch (error) {
      message.error(errorText(error));
    }
  }
  const percent = r?.status === 'succeeded' ? 100 : r?.progress ? Math.floor((r.progress.done / Math.max(r.progress.total, 1)) * 100) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button onClick={() => void start()} loading={Boolean(jobId && !finished)} data-testid="recompute">
        {t('supervision.alerts.recompute')}
      </Button>
      {jobId && (
        <div data-testid="recompute-progress">
          <Progress percent={percent} status={r?.status === 'failed' ? 'exception' : finished ? 'success' : 'active'} />
          {r?.status === 'succeeded' && r.outcome && <Alert type="success" showIcon title={t('supervision.alerts.recomputeDone', r.outcome)} data-testid="recompute-result" />}
          {r?.status === 'failed' && <Alert type="error" showIcon title={t('supervision.alerts.recomputeFailed')} data-testid="recompute-result" />}
          {run.error && <Alert type="error" showIcon title={errorText(run.error)} />}
        </div>
      )}
    </Space>
  );
}
