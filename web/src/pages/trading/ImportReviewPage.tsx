import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatYuan } from '../../money';

interface Plan {
  id: string;
  title: string;
  amountFen: number;
  importJustification: string | null;
  importStatus: string;
  revision: number;
}

/** The finance supervisor reviews import-product justifications (seed 004). */
export function ImportReviewPage() {
  const { t } = useTranslation();
  const call = useAction(['plans', 'import']);
  const plans = useQuery({ queryKey: ['plans', 'import'], queryFn: () => get<Plan[]>('/api/plans?importStatus=pending') });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const review = (plan: Plan, approve: boolean) => call(() => api('POST', `/api/plans/${plan.id}/import-review`, { approve, note: notes[plan.id] ?? null, revision: plan.revision }));
  return (
    <Card title={t('trading.importReviewTitle')}>
      <Table<Plan>
        rowKey="id"
        dataSource={plans.data}
        columns={[
          { title: t('trading.planTitle'), dataIndex: 'title' },
          { title: t('trading.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
          { title: t('trading.importJustification'), dataIndex: 'importJustification' },
          { title: t('trading.status'), dataIndex: 'importStatus', render: (s) => <Tag>{t(`trading.importStatus.${s}`)}</Tag> },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, p) => (
              <Space>
                <Input placeholder={t('trading.reviewNote')} value={notes[p.id]} onChange={(e) => setNotes({ ...notes, [p.id]: e.target.value })} />
                <Button type="primary" onClick={() => void review(p, true)}>
                  {t('trading.approve')}
                </Button>
                <Button danger onClick={() => void review(p, false)}>
                  {t('trading.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
