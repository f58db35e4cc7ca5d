import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Empty, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { ClockTag, kindKey } from './case-parts';
import { casePath, statusColor, type CaseSummary } from './case-types';

const CHALLENGE_STATUSES = ['filed', 'answered', 'withdrawn'];
const COMPLAINT_STATUSES = ['received', 'correctionRequested', 'accepted', 'refused', 'decided', 'withdrawn'];

/**
 * 质疑投诉 (一窗式受理): one list for every challenge and complaint the reader is party to or oversees, with
 * the period that matters now (red once overdue) and what the reader may do next. On a phone, cards.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const phone = Grid.useBreakpoint().md === false;
  const cases = useQuery({ queryKey: ['cases'], queryFn: () => get<{ items: CaseSummary[] }>('/api/cases') });
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const overdueOnly = params.get('overdue') === '1';
  const overdue = (cases.data?.items ?? []).filter((c) => c.clock?.overdue).length;
  const items = (cases.data?.items ?? []).filter((c) => (!kind || c.kind === kind) && (!status || c.status === status) && (!overdueOnly || c.clock?.overdue));
  const statuses = kind === 'challenge' ? CHALLENGE_STATUSES : kind === 'complaint' ? COMPLAINT_STATUSES : [...new Set([...CHALLENGE_STATUSES, ...COMPLAINT_STATUSES])];
  const filter = (key: 'kind' | 'status' | 'overdue', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'kind') next.delete('status');
    setParams(next, { replace: true });
  };

  return (
    <Card title={t('cases.title')}>
      <Typography.Paragraph type="secondary">{t('cases.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('cases.anyKind')}
          value={kind || undefined}
          onChange={(v) => filter('kind', v)}
          style={{ width: 150 }}
          data-testid="case-kind-filter"
          options={(['challenge', 'complaint'] as const).map((k) => ({ value: k, label: t(`cases.kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('cases.anyStatus')}
          value={status || undefined}
          onChange={(v) => filter('status', v)}
          style={{ width: 180 }}
          data-testid="case-status-filter"
          options={statuses.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
        />
        {/* Overdue steps, for the department and the overseers first of all. */}
        <Checkbox checked={overdueOnly} onChange={(e) => filter('overdue', e.target.checked ? '1' : undefined)} data-testid="case-overdue-filter">
          {t('cases.overdueOnly', { count: overdue })}
        </Checkbox>
      </Space>
      {cases.error && <Alert type="error" title={errorText(cases.error)} />}
      {phone ? (
        <List
          loading={cases.isLoading}
          dataSource={items}
          data-testid="cases-list"
          locale={{ emptyText: <Empty description={t('cases.none')} /> }}
          renderItem={(c) => (
            <List.Item key={`${c.kind}-${c.id}`} style={{ display: 'block' }} data-testid="case-row">
              <CaseCard c={c} />
            </List.Item>
          )}
        />
      ) : (
        <Table<CaseSummary>
          rowKey={(c) => `${c.kind}-${c.id}`}
          size="small"
          loading={cases.isLoading}
          dataSource={items}
          data-testid="cases-table"
          onRow={() => ({ 'data-testid': 'case-row' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('cases.none') }}
          columns={[
            {
              title: t('cases.caseNumber'),
              dataIndex: 'caseNumber',
              render: (v: string, c) => (
                <Space orientation="vertical" size={0}>
                  <Link to={casePath(c)} data-testid="case-link">
                    {v}
                  </Link>
                  <Tag>{t(kindKey(c))}</Tag>
                </Space>
              ),
            },
            { title: t('cases.project'), key: 'project', ellipsis: true, render: (_, c) => <span title={c.project.projectNumber}>{c.project.title}</span> },
            { title: t('cases.subjectLabel'), dataIndex: 'subject', render: (s: string | null) => (s ? t(`cases.subject.${s}`) : '—') },
            { title: t('cases.filer'), dataIndex: 'filerName', ellipsis: true },
            { title: t('cases.respondent'), dataIndex: 'respondentName', ellipsis: true },
            { title: t('trading.status'), dataIndex: 'status', render: (s: CaseSummary['status']) => <StatusTag status={s} /> },
            { title: t('cases.clockNow'), key: 'clock', render: (_, c) => <ClockCell c={c} /> },
            { title: t('cases.next'), key: 'next', render: (_, c) => <NextActions c={c} /> },
          ]}
        />
      )}
    </Card>
  );
}

export function StatusTag({ status, testId = "case-row-status" }: { status: CaseSummary["status"]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor(status)} data-testid={testId}>
      {t(`cases.status.${status}`)}
    </Tag>
  );
}

function ClockCell({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  if (!c.clock) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="case-clock">
      <Typography.Text style={{ fontSize: 12 }}>{t(`cases.clockSteps.${c.clock.step}`, { defaultValue: c.clock.step })}</Typography.Text>
      <ClockTag clock={c.clock} />
    </Space>
  );
}

/** The reader's next steps, named as the case page's buttons are; who else is awaited when the reader has none. */
function NextActions({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  if (c.actions.length === 0) return <Typography.Text type="secondary">{t(`cases.party.${c.party}`)}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap data-testid="case-next">
      {c.actions.map((a) => (
        <Tag key={a} color="processing">
          {t(`cases.actions.${a}`)}
        </Tag>
      ))}
    </Space>
  );
}

/** One case as a card, for a phone. */
function CaseCard({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
      <Space wrap size={[8, 4]}>
        <Link to={casePath(c)} data-testid="case-link">
          {c.caseNumber}
        </Link>
        <Tag>{t(kindKey(c))}</Tag>
        <StatusTag status={c.status} />
      </Space>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {c.project.title}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        {c.subject ? `${t(`cases.subject.${c.subject}`)} · ` : ''}{c.filerName} → {c.respondentName}
        {c.departmentName ? ` · ${c.departmentName}` : ''} · {formatTime(c.filedAt)}
      </Typography.Text>
      <ClockCell c={c} />
      <NextActions c={c} />
    </Space>
  );
}
