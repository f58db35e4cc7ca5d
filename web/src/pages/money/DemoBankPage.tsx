import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorText } from '../../api';
import { formatTime } from '../../format';
import { formatYuan, yuanToFen } from '../../money';
import { useSession } from '../../session';

interface TransferAnswer {
  depositId: string;
  replayed: boolean;
  virtualAccount: string;
  amountFen: number;
  reference: string;
  valueTime: string;
  bankName: string;
}

/**
 * 演示银行: a newcomer "makes" a transfer into a deposit sub-account. The browser never holds a
 * bank's key: the platform's demo adapter signs the notice with the demo bank's key and sends it
 * to the same bank notice API a real bank's adapter calls (POST /api/bank/deposit-notices).
 */
export function DemoBankPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [answer, setAnswer] = useState<TransferAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function transfer(values: { virtualAccount: string; amount: string; payerAccountName: string; payerAccountNumber: string }) {
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await api<TransferAnswer>('POST', '/api/demo-bank/transfers', { virtualAccount: values.virtualAccount.trim(), amountFen: yuanToFen(values.amount), payerAccountName: values.payerAccountName, payerAccountNumber: values.payerAccountNumber }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const amount = params.get('amount');
  return (
    <Card title={t('demoBank.title')}>
      <Alert type="info" showIcon title={t('demoBank.intro')} style={{ marginBottom: 16 }} />
      <Form
        layout="vertical"
        style={{ maxWidth: 520 }}
        onFinish={transfer}
        initialValues={{ virtualAccount: params.get('virtualAccount') ?? '', amount: amount ? (Number(amount) / 100).toFixed(2) : undefined, payerAccountName: session.data?.entity.name ?? '', payerAccountNumber: '6222 0210 0109 8765 432' }}
      >
        <Form.Item name="payerAccountName" label={t('demoBank.payerAccountName')} rules={[{ required: true }]}>
          <Input data-testid="payer-account-name" />
        </Form.Item>
        <Form.Item name="payerAccountNumber" label={t('demoBank.payerAccountNumber')} rules={[{ required: true, pattern: /^[0-9A-Za-z -]{4,40}$/ }]}>
          <Input data-testid="payer-account-number" />
        </Form.Item>
        <Form.Item name="virtualAccount" label={t('demoBank.virtualAccount')} rules={[{ required: true, pattern: /^\d{8,32}$/ }]}>
          <Input data-testid="payee-sub-account" />
        </Form.Item>
        <Form.Item name="amount" label={t('demoBank.amount')} rules={[{ required: true }]}>
          <InputNumber stringMode precision={2} min="0.01" style={{ width: 200 }} data-testid="transfer-amount" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="make-transfer">
          {t('demoBank.transfer')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="transfer-error" />}
      {answer && (
        <Descriptions title={t('demoBank.done')} bordered size="small" column={1} style={{ marginTop: 16 }} data-testid="transfer-receipt">
          <Descriptions.Item label={t('demoBank.bank')}>{answer.bankName}</Descriptions.Item>
          <Descriptions.Item label={t('demoBank.reference')}>{answer.reference}</Descriptions.Item>
          <Descriptions.Item label={t('demoBank.virtualAccount')}>{answer.virtualAccount}</Descriptions.Item>
          <Descriptions.Item label={t('demoBank.amount')}>{formatYuan(answer.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('demoBank.valueTime')}>{formatTime(answer.valueTime)}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('demoBank.how')}
      </Typography.Paragraph>
    </Card>
  );
}
