import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { workspaceZh } from '../../i18n/workspace';

interface AuditEntry {
  /** The entry's hash in the chain. */
  id: string;
  occurredAt: string;
  actorLabel: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The subject's name (a project's title, a person's name…), when the server knows one. */
  subjectLabel: string | null;
  regionCode: string | null;
  result: 'success' | 'failure' | 'denied';
  before: unknown;
  after: unknown;
  detail: unknown;
  /** Procurement content the reader does not oversee (the audit administrator's view). */
  contentWithheld: boolean;
}

interface Verification {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number } | null;
  outcome: { ok: boolean; checked: number; break?: { seq: number; reason: string } } | null;
}

const RESULT_COLOURS = { success: 'green', failure: 'orange', denied: 'red' } as const;
const AREAS = Object.keys(workspaceZh.auditArea);
const SUBJECT_TYPES = Object.keys(workspaceZh.auditSubject);
const json = (v: unknown) => (v === null || v === undefined ? null : <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>{JSON.stringify(v, null, 2)}</pre>);

export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Actions are named in the reader's language (never the recorded code); an unknown one shows as recorded.
  const actionName = (action: string) => t(`auditAction.${action}`, { defaultValue: action });
  const [filter, setFilter] = useState<Record<string, string>>({});
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), limit: '50', ...(pageParam ? { before: pageParam } : {}) });
      return get<{ items: AuditEntry[]; next: string | null }>(`/api/audit/entries?${q}`);
    },
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const verification = useQuery({
    queryKey: ['verification', verificationId],
    queryFn: () => get<Verification>(`/api/audit/verifications/${verificationId}`),
    enabled: Boolean(verificationId),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 500),
  });

  async function verify() {
    try {
      setVerificationId((await api<{ id: string }>('POST', '/api/audit/verifications')).id);
    } catch (error) {
      // One verification at a time per person: follow the one still running.
      if (error instanceof ApiError && error.code === 'VERIFICATION_RUNNING') {
        setVerificationId(String(error.body.details!.jobId));
        message.info(errorText(error));
      } else message.error(errorText(error));
    }
  }

  const v = verification.data;
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button type="primary" onClick={() => void verify()} loading={Boolean(v && !v.outcome)} data-testid="verify-chain">
          {t('audit.verify')}
        </Button>
      }
    >
      {v && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Progress percent={v.progress ? Math.floor((v.progress.done / Math.max(v.progress.total, 1)) * 100) : 0} status={v.outcome ? (v.outcome.ok ? 'success' : 'exception') : 'active'} />
          {v.outcome &&
            (v.outcome.ok ? (
              <Alert type="success" showIcon title={t('audit.intact', { count: v.outcome.checked })} data-testid="verify-result" />
            ) : (
              <Alert type="error" showIcon title={t('audit.broken', { seq: v.outcome.break!.seq, reason: v.outcome.break!.reason })} data-testid="verify-result" />
            ))}
        </Space>
      )}
      <Form layout="inline" style={{ marginBottom: 16 }} onFinish={(values) => setFilter(values)}>
        <Form.Item name="action" label={t('audit.action')}>
          <Select allowClear style={{ width: 160 }} options={AREAS.map((a) => ({ value: `${a}.`, label: t(`auditArea.${a}`) }))} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="subjectType" label={t('audit.subject')}>
          <Select allowClear style={{ width: 160 }} options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`auditSubject.${s}`) }))} />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t('common.search')}
        </Button>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        data-testid="audit-entries"
        loading={entries.isLoading}
        dataSource={rows}
        pagination={false}
        expandable={{
          expandedRowRender: (e) => (
            <Space align="start" size="large" wrap>
              {e.contentWithheld && <Alert type="info" showIcon title={t('audit.contentWithheld')} />}
              <div>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                {json(e.before) ?? '—'}
              </div>
              <div>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                {json(e.after) ?? '—'}
              </div>
              {e.detail !== null && (
                <div>
                  <Typography.Text strong>{t('audit.detail')}</Typography.Text>
                  {json(e.detail)}
                </div>
              )}
              <Typography.Text type="secondary" copyable>
                {t('audit.hash')} {e.id}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: t('audit.occurredAt'), dataIndex: 'occurredAt', render: formatTime, width: 170 },
          { title: t('audit.actor'), dataIndex: 'actorLabel', render: (v) => v ?? t('audit.system') },
          { title: t('audit.role'), dataIndex: 'actorRole', render: (r) => (r ? t(`role.${r}`) : '—') },
          { title: t('audit.ip'), dataIndex: 'ip' },
          { title: t('audit.action'), dataIndex: 'action', render: actionName },
          { title: t('audit.subject'), key: 'subject', render: (_, e) => e.subjectLabel ?? t(`auditSubject.${e.subjectType}`, { defaultValue: e.subjectType }) },
          { title: t('audit.result'), dataIndex: 'result', render: (r: AuditEntry['result']) => <Tag color={RESULT_COLOURS[r]}>{t(`audit.${r}`)}</Tag> },
        ]}
      />
      {entries.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
          {t('audit.loadMore')}
        </Button>
      )}
    </Card>
  );
}
