import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../action';
import { api, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { FINANCING_COLOURS, type Account, type FinancedContract, type FinancingView } from './financing-types';

type Item = FinancingView & { contract: FinancedContract };

/**
 * 融资审批: the bank's credit officer's desk. Each application made to the bank (pending first) with
 * what the supplier consented to share: the contract's essentials and its payment applications'
 * status. Approve with the repayment account agreed with the supplier, or decline with a reason.
 * Cards rather than a wide table, so it reads on a phone.
 */
export function FinancierPage() {
  const { t } = useTranslation();
  const queue = useQuery({ queryKey: ['financing-queue'], queryFn: () => get<Item[]>('/api/financing') });
  const items = queue.data ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.financing')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('financing.bankIntro')}
      </Typography.Paragraph>
      {queue.isSuccess && items.length === 0 && <Empty description={t('financing.none')} />}
      <List grid={{ gutter: 12, xs: 1, sm: 1, md: 1, xl: 2 }} dataSource={items} renderItem={(f) => <List.Item><FinancingCard f={f} /></List.Item>} />
    </Space>
  );
}

function FinancingCard({ f }: { f: Item }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const call = useAction(['financing-queue']);
  const [mode, setMode] = useState<'approve' | 'decline' | null>(null);
  const c = f.contract;
  return (
    <Card size="small" data-testid="financing-item" data-status={f.status} title={<Tag color={FINANCING_COLOURS[f.status]}>{f.statusName[lang]}</Tag>}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('role.supplier')}>
          {f.supplierName} ({c.supplierCreditCode})
        </Descriptions.Item>
        <Descriptions.Item label={t('financing.amount')}>{formatYuan(f.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('financing.appliedAt')}>{formatTime(f.appliedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('financing.consentAt')}>{formatTime(f.consentAt)}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.contract')}>
          {c.contractNumber} {c.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('role.purchaser')}>{c.purchaserName}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.amount')}>{formatYuan(c.priceFen)}</Descriptions.Item>
        <Descriptions.Item label={t('financing.paidUnpaid')}>
          {formatYuan(c.paidFen)} / {formatYuan(c.unpaidFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('financing.paymentTerm')}>{t('financing.days', { n: c.paymentTermDays })}</Descriptions.Item>
        {f.declineReason && <Descriptions.Item label={t('financing.declineReason')}>{f.declineReason}</Descriptions.Item>}
        {f.repaymentAccount && (
          <Descriptions.Item label={t('financing.repaymentAccount')}>
            {f.repaymentAccount.accountName} · {f.repaymentAccount.bankName} · {f.repaymentAccount.accountNumber}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        rowKey="applicationNumber"
        size="small"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={c.payments}
        locale={{ emptyText: t('payments.none') }}
        columns={[
          { title: t('payments.application'), dataIndex: 'applicationNumber' },
          { title: t('payments.total'), key: 'total', align: 'right', render: (_, p) => formatYuan(p.totalFen) },
          { title: t('trading.status'), key: 'status', render: (_, p) => <Tag>{p.statusName[lang]}</Tag> },
          { title: t('payments.payeeAccount'), dataIndex: 'payeeAccountNumber' },
        ]}
      />
      {f.actions.includes('approve') && !mode && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => setMode('approve')} data-testid="financing-approve">
            {t('financing.approve')}
          </Button>
          <Button danger onClick={() => setMode('decline')} data-testid="financing-decline">
            {t('financing.decline')}
          </Button>
        </Space>
      )}
      {mode === 'approve' && (
        <Form
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ accountName: f.supplierName }}
          onFinish={(v: Account) => call(() => api('POST', `/api/financing/${f.id}/approval`, { revision: f.revision, repaymentAccount: { ...v, accountNumber: v.accountNumber.replace(/\s/g, '') } }), t('financing.approved')).then((ok) => ok && setMode(null))}
        >
          <Typography.Paragraph type="secondary">{t('financing.repaymentHelp')}</Typography.Paragraph>
          <Form.Item name="accountName" label={t('payments.payeeName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="bankName" label={t('payments.payeeBank')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="repayment-bank" />
          </Form.Item>
          <Form.Item name="accountNumber" label={t('payments.payeeAccount')} rules={[{ required: true, pattern: /^[0-9 ]{8,40}$/ }]}>
            <Input inputMode="numeric" data-testid="repayment-account" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" data-testid="financing-approve-submit">
              {t('financing.approve')}
            </Button>
            <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {mode === 'decline' && (
        <Form layout="vertical" style={{ marginTop: 12 }} onFinish={(v: { reason: string }) => call(() => api('POST', `/api/financing/${f.id}/decline`, { revision: f.revision, reason: v.reason }), t('financing.declined')).then((ok) => ok && setMode(null))}>
          <Form.Item name="reason" label={t('financing.declineReason')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Space wrap>
            <Button danger htmlType="submit" data-testid="financing-decline-submit">
              {t('financing.decline')}
            </Button>
            <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
