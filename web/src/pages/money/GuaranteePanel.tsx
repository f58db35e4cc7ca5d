import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Form, Select, Tag, Typography } from 'antd';
import dayjs from '../../dayjs';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { GUARANTEE_COLOURS, type GuaranteeView } from './guarantee-types';

interface MyGuarantees {
  lotId: string;
  requiredFen: number;
  beneficiaryName: string;
  deadline: string | null;
  bidValidityEnd: string | null;
  open: boolean;
  issuers: { id: string; name: string }[];
  guarantees: GuaranteeView[];
}

/**
 * 投标保函, beside the deposit sub-account: the supplier applies to a registered issuer (the amount
 * and beneficiary come from the lot) and sees the status, the number and the check code. Only it
 * and the issuer see any of this before the opening.
 */
export function GuaranteePanel({ lotId, depositFen }: { lotId: string; depositFen: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ issuerEntityId: string; validUntil: dayjs.Dayjs }>();
  const call = useAction(['my-guarantees', lotId]);
  const mine = useQuery({ queryKey: ['my-guarantees', lotId], queryFn: () => get<MyGuarantees>(`/api/lots/${lotId}/my-guarantees`), enabled: depositFen > 0 });
  if (depositFen <= 0 || !mine.data) return null;
  const data = mine.data;
  const live = data.guarantees.find((g) => g.status !== 'declined');
  const apply = (values: { issuerEntityId: string; validUntil: dayjs.Dayjs }) =>
    call(() => api('POST', `/api/lots/${lotId}/guarantees`, { issuerEntityId: values.issuerEntityId, validUntil: values.validUntil.format('YYYY-MM-DD') }), t('common.done'));
  return (
    <div data-testid="guarantee-panel" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('guarantee.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('guarantee.intro')}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('guarantee.amount')}>{formatYuan(data.requiredFen)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.beneficiary')}>{data.beneficiaryName}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.bidValidityEnd')}>{data.bidValidityEnd ?? '—'}</Descriptions.Item>
      </Descriptions>
      {data.guarantees.map((g) => (
        <Descriptions key={g.id} bordered size="small" column={1} style={{ marginBottom: 8 }} data-testid="my-guarantee" data-status={g.status}>
          <Descriptions.Item label={t('common.status')}>
            <Tag color={GUARANTEE_COLOURS[g.status]}>{t(`guarantee.status.${g.status}`)}</Tag>
            {g.claim && <Tag color="orange">{t('guarantee.claims')}: {t(`guarantee.claim.status.${g.claim.status}`)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('guarantee.issuer')}>{g.issuerName}</Descriptions.Item>
          {g.guaranteeNumber && (
            <>
              <Descriptions.Item label={t('guarantee.number')}>
                <Typography.Text copyable strong data-testid="guarantee-number">
                  {g.guaranteeNumber}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('guarantee.checkCode')}>
                <Typography.Text copyable code data-testid="guarantee-check-code">
                  {g.checkCode}
                </Typography.Text>
              </Descriptions.Item>
            </>
          )}
          <Descriptions.Item label={t('guarantee.validity')}>
            {g.validFrom ?? '—'} ~ {g.validUntil}
          </Descriptions.Item>
          {g.declineReason && <Descriptions.Item label={t('guarantee.declineReason')}>{g.declineReason}</Descriptions.Item>}
          <Descriptions.Item label={t('guarantee.appliedAt')}>{formatTime(g.appliedAt)}</Descriptions.Item>
        </Descriptions>
      ))}
      {!live && data.open && (
        <Form form={form} layout="vertical" onFinish={apply} initialValues={{ validUntil: data.bidValidityEnd ? dayjs(data.bidValidityEnd) : undefined }} data-testid="guarantee-apply">
          <Form.Item name="issuerEntityId" label={t('guarantee.issuer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={data.issuers.map((i) => ({ value: i.id, label: i.name }))} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Form.Item name="validUntil" label={t('guarantee.validUntil')} rules={[{ required: true, message: t('common.required') }]} extra={`${t('guarantee.bidValidityEnd')}: ${data.bidValidityEnd ?? '—'}`}>
            <DatePicker disabledDate={(d) => Boolean(data.bidValidityEnd) && d.format('YYYY-MM-DD') < data.bidValidityEnd!} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="guarantee-apply-submit">
            {t('guarantee.apply')}
          </Button>
        </Form>
      )}
      {!live && !data.open && <Typography.Paragraph type="secondary">{t('guarantee.closed')}</Typography.Paragraph>}
    </div>
  );
}
