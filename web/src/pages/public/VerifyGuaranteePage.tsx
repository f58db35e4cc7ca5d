import { Alert, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';

interface Verification {
  guaranteeNumber: string;
  state: 'valid' | 'expired' | 'claimPaid';
  issuerName: string;
  beneficiaryName: string;
  applicantName: string;
  amountFen: number;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
}

const STATE_COLOURS = { valid: 'green', expired: 'default', claimPaid: 'orange' } as const;

/** 保函查验: anyone, signed in or not, checks a guarantee by its number and check code (also from a link: ?number=&checkCode=). */
export function VerifyGuaranteePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function verify(values: { number: string; checkCode: string }) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await get<Verification>(`/api/public/guarantees/verification?number=${encodeURIComponent(values.number.trim())}&checkCode=${encodeURIComponent(values.checkCode.trim())}`));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('guarantee.verify.notFound') : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('guarantee.verify.title')} style={{ maxWidth: 640, margin: '0 auto' }}>
      <Alert type="info" showIcon title={t('guarantee.verify.intro')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={verify} initialValues={{ number: params.get('number') ?? '', checkCode: params.get('checkCode') ?? '' }}>
        <Form.Item name="number" label={t('guarantee.number')} rules={[{ required: true, message: t('common.required') }]}>
          <Input placeholder="BH2026031012345678" autoComplete="off" data-testid="verify-number" />
        </Form.Item>
        <Form.Item name="checkCode" label={t('guarantee.checkCode')} rules={[{ required: true, message: t('common.required') }]}>
          <Input placeholder="XXXX-XXXX-XXXX" autoComplete="off" data-testid="verify-check-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="verify-submit">
          {t('guarantee.verify.submit')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="verify-error" />}
      {result && (
        <Descriptions bordered size="small" column={1} style={{ marginTop: 16 }} data-testid="verify-result">
          <Descriptions.Item label={t('guarantee.number')}>{result.guaranteeNumber}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <Tag color={STATE_COLOURS[result.state]}>{t(`guarantee.verify.state.${result.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantee.issuer')}>{result.issuerName}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.beneficiary')}>{result.beneficiaryName}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.applicant')}>{result.applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.amount')}>{formatYuan(result.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.validity')}>
            {result.validFrom} ~ {result.validUntil}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantee.project')}>
            {result.projectNumber} {result.projectTitle} · {t('guarantee.lot', { no: result.lotNo })}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantee.verify.issuedAt')}>{formatTime(result.issuedAt)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
