import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../action';
import { api, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan, yuanToFen } from '../../money';
import { FINANCING_COLOURS, type ContractFinancingState, type FinancingView } from './financing-types';

export const financingQueryKey = (contractId: string) => ['contract-financing', contractId];

/**
 * 政采贷 on the contract page, for its supplier: apply to one bank for at most the unpaid amount,
 * consenting that this bank sees the contract and its payment status; follow the decision. Once
 * approved, the agreed repayment account is shown: the payment form fills it in and it cannot be changed.
 */
export function ContractFinancingCard({ contractId }: { contractId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const state = useQuery({ queryKey: financingQueryKey(contractId), queryFn: () => get<ContractFinancingState>(`/api/contracts/${contractId}/financing`) });
  const call = useAction(financingQueryKey(contractId));
  const [form] = Form.useForm<{ bankEntityId: string; amount: string; consent: boolean }>();
  const s = state.data;
  if (!s) return <Card loading title={t('financing.title')} />;
  const live = s.financings.find((f) => f.status === 'applied' || f.status === 'approved');
  const apply = (v: { bankEntityId: string; amount: string; consent: boolean }) =>
    call(() => api('POST', `/api/contracts/${contractId}/financing`, { bankEntityId: v.bankEntityId, amountFen: yuanToFen(v.amount), consent: v.consent === true }), t('financing.applied')).then((ok) => ok && form.resetFields());
  return (
    <Card title={t('financing.title')} data-testid="contract-financing">
      <Typography.Paragraph type="secondary">{t('financing.intro')}</Typography.Paragraph>
      <List dataSource={s.financings} locale={{ emptyText: t('financing.none') }} renderItem={(f) => <List.Item><FinancingSummary f={f} lang={lang} contractId={contractId} /></List.Item>} />
      {!live && s.inForce && s.banks.length > 0 && s.unpaidFen > 0 && (
        <Form form={form} layout="vertical" onFinish={apply} style={{ maxWidth: 520 }} data-testid="financing-form">
          <Form.Item name="bankEntityId" label={t('financing.bank')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={s.banks.map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Form.Item name="amount" label={t('financing.amount')} extra={t('financing.maxAmount', { amount: formatYuan(s.unpaidFen) })} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t('payments.yuanFormat') }]}>
            <Input inputMode="decimal" suffix={t('payments.yuan')} />
          </Form.Item>
          <Form.Item name="consent" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('financing.consentRequired')))) }]}>
            <Checkbox data-testid="financing-consent">{t('financing.consent')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="financing-apply">
            {t('financing.apply')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function FinancingSummary({ f, lang, contractId }: { f: FinancingView; lang: 'zh-CN' | 'en-US'; contractId: string }) {
  const { t } = useTranslation();
  const call = useAction(financingQueryKey(contractId));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={FINANCING_COLOURS[f.status]} data-testid="financing-status">{f.statusName[lang]}</Tag>
        <Typography.Text>{f.bankName}</Typography.Text>
        <Typography.Text strong>{formatYuan(f.amountFen)} {t('payments.yuan')}</Typography.Text>
      </Space>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('financing.appliedAt')}>{formatTime(f.appliedAt)}</Descriptions.Item>
        {f.decidedAt && <Descriptions.Item label={t('financing.decidedAt')}>{formatTime(f.decidedAt)}</Descriptions.Item>}
        {f.declineReason && <Descriptions.Item label={t('financing.declineReason')}>{f.declineReason}</Descriptions.Item>}
        {f.repaymentAccount && (
          <Descriptions.Item label={t('financing.repaymentAccount')}>
            {f.repaymentAccount.accountName} · {f.repaymentAccount.bankName} · {f.repaymentAccount.accountNumber}
          </Descriptions.Item>
        )}
      </Descriptions>
      {f.status === 'approved' && <Alert type="info" showIcon title={t('financing.financedNote')} />}
      {f.actions.includes('withdraw') && (
        <Popconfirm title={t('financing.withdrawConfirm')} onConfirm={() => call(() => api('POST', `/api/financing/${f.id}/withdrawal`, { revision: f.revision }), t('financing.withdrawn'))}>
          <Button size="small">{t('financing.withdraw')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
