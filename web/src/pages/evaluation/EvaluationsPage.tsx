import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAction } from '../../action';
import { api, get } from '../../api';
import { formatTime } from '../../format';

interface Assignment {
  projectId: string;
  projectNumber: string;
  title: string;
  evaluationStartsAt: string;
  evaluationEndsAt: string;
  memberStatus: 'drawn' | 'confirmed' | 'refused';
  isChair: boolean;
  open: boolean;
}

/** An expert's invitations (confirm or refuse before the evaluation starts) and committees. */
export function EvaluationsPage() {
  const { t } = useTranslation();
  const call = useAction(['evaluations']);
  const list = useQuery({ queryKey: ['evaluations'], queryFn: () => get<Assignment[]>('/api/evaluations'), refetchInterval: 5000 });
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const respond = (projectId: string, accept: boolean) => call(() => api('POST', `/api/evaluations/${projectId}/response`, { accept, reason: reasons[projectId] ?? null }));

  return (
    <Card title={t('evaluation.assignments')}>
      <Table
        rowKey="projectId"
        dataSource={list.data ?? []}
        loading={list.isLoading}
        pagination={false}
        columns={[
          { title: t('trading.projectNumber'), dataIndex: 'projectNumber' },
          { title: t('trading.projectTitle'), dataIndex: 'title' },
          { title: t('evaluation.evaluationTime'), key: 'time', render: (_, a) => `${formatTime(a.evaluationStartsAt)} – ${formatTime(a.evaluationEndsAt)}` },
          {
            title: t('trading.status'),
            key: 'status',
            render: (_, a) => (
              <Space>
                <Tag data-testid={`member-status-${a.projectId}`}>{t(`evaluation.memberStatus.${a.memberStatus}`)}</Tag>
                {a.isChair && <Tag color="gold">{t('evaluation.chair')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, a) =>
              a.memberStatus === 'drawn' ? (
                <Space>
                  <Button type="primary" data-testid="confirm-invitation" onClick={() => respond(a.projectId, true)}>
                    {t('evaluation.confirm')}
                  </Button>
                  <Input data-testid="refusal-reason" placeholder={t('evaluation.refusalReason')} value={reasons[a.projectId] ?? ''} onChange={(e) => setReasons({ ...reasons, [a.projectId]: e.target.value })} />
                  <Button danger data-testid="refuse-invitation" onClick={() => respond(a.projectId, false)}>
                    {t('evaluation.refuse')}
                  </Button>
                </Space>
              ) : a.open ? (
                <Link to={`/workspace/evaluations/${a.projectId}`} data-testid="enter-evaluation">
                  <Button type="primary">{t('evaluation.enter')}</Button>
                </Link>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
