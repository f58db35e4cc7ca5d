import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import type { RefundView } from './VirtualAccountPanel';

interface OverdueRefund {
  virtualAccountId: string;
  projectId: string;
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
  supplierName: string;
  status: RefundView['status'];
  trigger: RefundView['trigger'];
  ruleId: string | null;
  dueDate: string;
  refundedAt: string | null;
  principalFen: number;
  overdueDays: number;
  overdueFeeFen: number;
}

/** GP-25 for the finance supervisor: deposits refunded late, or past due and still unpaid, in its region. */
export function OverdueRefundsPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['overdue-refunds'], queryFn: () => get<{ asOf: string; items: OverdueRefund[] }>('/api/supervision/overdue-refunds') });
  return (
    <Card title={t('trading.refund.overdueTitle')} data-testid="overdue-refunds">
      <Typography.Paragraph type="secondary">
        {t('trading.refund.overdueHint')} <RuleRef id="GP-25" /> {list.data && <>· {t('trading.refund.asOf')} {formatTime(list.data.asOf)}</>}
      </Typography.Paragraph>
      <Table<OverdueRefund>
        rowKey="virtualAccountId"
        loading={list.isLoading}
        dataSource={list.data?.items}
        columns={[
          { title: t('trading.refund.project'), render: (_, r) => `${r.projectNumber} ${r.projectTitle}（${r.lotNo}）` },
          { title: t('trading.refund.supplier'), dataIndex: 'supplierName' },
          { title: t('trading.refund.title'), render: (_, r) => <><Tag>{t(`trading.refund.status.${r.status}`)}</Tag>{r.ruleId && <RuleRef id={r.ruleId} />}</> },
          { title: t('trading.refund.dueDate'), dataIndex: 'dueDate' },
          { title: t('trading.refund.refundedAt'), dataIndex: 'refundedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('trading.refund.principal'), dataIndex: 'principalFen', align: 'right', render: formatYuan },
          { title: t('trading.refund.days'), dataIndex: 'overdueDays', align: 'right' },
          { title: t('trading.refund.fee'), dataIndex: 'overdueFeeFen', align: 'right', render: formatYuan },
        ]}
      />
    </Card>
  );
}
