import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatYuan } from '../../money';
import { hasRole, useSession } from '../../session';
import { DueTag } from './PaymentApplicationPage';
import { statusColor, type PaymentApplication } from './payment-types';

/**
 * 支付申请 (seed 000, step 7): what waits at my desk, oldest first with the days it has waited;
 * everything I may follow; and, for supervisors and authorities, SME payments past their due date.
 */
export function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const desk = hasRole(session, ['supplier', 'purchaser', 'authority', 'treasury']);
  const watchesOverdue = hasRole(session, ['supervisor', 'authority']);
  const tab = params.get('tab') ?? (desk ? 'queue' : 'all');
  const url = tab === 'overdue' ? '/api/payment-applications/overdue' : `/api/payment-applications?queue=${tab === 'queue'}`;
  const list = useQuery({ queryKey: ['payment-applications', tab], queryFn: () => get<PaymentApplication[]>(url), enabled: Boolean(session) });
  const tabs = [...(desk ? [{ key: 'queue', label: t('payments.queue') }] : []), { key: 'all', label: t('payments.all') }, ...(watchesOverdue ? [{ key: 'overdue', label: t('payments.overdue') }] : [])];
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  return (
    <Card title={t('payments.title')}>
      <Tabs activeKey={tab} items={tabs} onChange={(key) => setParams({ tab: key })} />
      {list.error && <Alert type="error" title={errorText(list.error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        scroll={{ x: 760 }}
        data-testid="payments-table"
        locale={{ emptyText: t(tab === 'queue' ? 'payments.queueEmpty' : 'payments.none') }}
        columns={[
          { title: t('payments.application'), dataIndex: 'applicationNumber', render: (v: string, a) => <Link to={`/workspace/payments/${a.id}`} data-testid="payment-link">{v}</Link> },
          { title: t('payments.contract'), dataIndex: 'contractTitle', ellipsis: true },
          { title: t('role.supplier'), dataIndex: 'supplierName', ellipsis: true },
          { title: t('payments.total'), key: 'total', align: 'right', render: (_, a) => formatYuan(a.invoice.totalFen) },
          { title: t('trading.status'), dataIndex: 'status', render: (_, a) => <Tag color={statusColor(a.status)} data-testid="payment-row-status">{a.statusName[lang]}</Tag> },
          ...(tab === 'queue' ? [{ title: t('payments.daysWaiting'), key: 'waiting', render: (_: unknown, a: PaymentApplication) => t('payments.days', { days: a.daysWaiting ?? 0 }) }] : []),
          { title: t('payments.due'), key: 'due', render: (_, a) => <DueTag a={a} /> },
        ]}
      />
    </Card>
  );
}
