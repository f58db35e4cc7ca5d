import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';

interface OutboxEntry {
  noticeId: string;
  title: string;
  medium: string;
  mediumName: string;
  status: 'queued' | 'retrying' | 'acknowledged' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  acknowledgedAt: string | null;
  reference: string | null;
  lastError: string | null;
}

const COLOURS = { queued: 'default', retrying: 'orange', acknowledged: 'green', failed: 'red' } as const;

/** 公告推送: the operator watches each notice's push to the designated media (seed 003). */
export function NoticeOutboxPage() {
  const { t } = useTranslation();
  const outbox = useQuery({ queryKey: ['notice-outbox'], queryFn: () => get<OutboxEntry[]>('/api/notice-outbox'), refetchInterval: 10_000 });
  return (
    <Card title={t('outbox.title')}>
      <Alert type="info" showIcon message={t('outbox.intro')} style={{ marginBottom: 16 }} />
      <Table<OutboxEntry>
        rowKey={(e) => `${e.noticeId}:${e.medium}`}
        loading={outbox.isLoading}
        dataSource={outbox.data}
        scroll={{ x: 'max-content' }}
        size="small"
        columns={[
          { title: t('outbox.notice'), render: (_, e) => <Link to={`/notices/${e.noticeId}`}>{e.title}</Link> },
          { title: t('outbox.medium'), dataIndex: 'mediumName' },
          { title: t('outbox.status'), render: (_, e) => <Tag color={COLOURS[e.status]}>{t(`outbox.statuses.${e.status}`)}</Tag> },
          { title: t('outbox.attempts'), dataIndex: 'attempts' },
          { title: t('outbox.lastAttemptAt'), dataIndex: 'lastAttemptAt', render: formatTime },
          { title: t('outbox.acknowledgedAt'), dataIndex: 'acknowledgedAt', render: formatTime },
          { title: t('outbox.reference'), dataIndex: 'reference', render: (v: string | null) => v ?? '—' },
          { title: t('outbox.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
