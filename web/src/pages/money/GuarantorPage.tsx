import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { CLAIM_COLOURS, GUARANTEE_COLOURS, type GuaranteeView } from './guarantee-types';

/**
 * 保函受理: the issuer's desk. Its queue of applications (issue with a number and check code, or
 * decline with a reason) and the claims made on its guarantees (record paid or declined). Cards
 * rather than a wide table, so it reads on a phone.
 */
export function GuarantorPage() {
  const { t } = useTranslation();
  const queue = useQuery({ queryKey: ['guarantor-queue'], queryFn: () => get<GuaranteeView[]>('/api/guarantor/guarantees') });
  const items = queue.data ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.guarantees')}
      </Typography.Title>
      {queue.isSuccess && items.length === 0 && <Empty description={t('guarantee.none')} />}
      <List grid={{ gutter: 12, xs: 1, sm: 1, md: 2, xl: 3 }} dataSource={items} renderItem={(g) => <List.Item><GuaranteeCard g={g} /></List.Item>} />
    </Space>
  );
}

function GuaranteeCard({ g }: { g: GuaranteeView }) {
  const { t } = useTranslation();
  const call = useAction(['guarantor-queue']);
  const [declining, setDeclining] = useState(false);
  const [settling, setSettling] = useState(false);
  return (
    <Card
      size="small"
      data-testid="guarantor-item"
      data-status={g.status}
      title={
        <Space wrap>
          <Tag color={GUARANTEE_COLOURS[g.status]}>{t(`guarantee.status.${g.status}`)}</Tag>
          {g.claim && <Tag color={CLAIM_COLOURS[g.claim.status]}>{t('guarantee.claims')}: {t(`guarantee.claim.status.${g.claim.status}`)}</Tag>}
        </Space>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('guarantee.applicant')}>{g.supplierName}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.project')}>
          {g.projectNumber} {g.projectTitle} · {t('guarantee.lot', { no: g.lotNo })}
        </Descriptions.Item>
        <Descriptions.Item label={t('guarantee.beneficiary')}>{g.beneficiaryName}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.amount')}>{formatYuan(g.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.validity')}>
          {g.validFrom ?? '—'} ~ {g.validUntil}
        </Descriptions.Item>
        <Descriptions.Item label={t('guarantee.deadline')}>{formatTime(g.deadline)}</Descriptions.Item>
        <Descriptions.Item label={t('guarantee.appliedAt')}>{formatTime(g.appliedAt)}</Descriptions.Item>
        {g.guaranteeNumber && <Descriptions.Item label={t('guarantee.number')}>{g.guaranteeNumber}</Descriptions.Item>}
        {g.checkCode && <Descriptions.Item label={t('guarantee.checkCode')}>{g.checkCode}</Descriptions.Item>}
        {g.declineReason && <Descriptions.Item label={t('guarantee.declineReason')}>{g.declineReason}</Descriptions.Item>}
      </Descriptions>
      {g.status === 'applied' && !declining && (
        <Space wrap>
          <Popconfirm title={t('guarantee.approveConfirm')} onConfirm={() => call(() => api('POST', `/api/guarantees/${g.id}/approval`), t('guarantee.approved'))}>
            <Button type="primary" data-testid="guarantee-approve">
              {t('guarantee.approve')}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setDeclining(true)} data-testid="guarantee-decline">
            {t('guarantee.decline')}
          </Button>
        </Space>
      )}
      {declining && (
        <Form layout="vertical" onFinish={(v: { reason: string }) => call(() => api('POST', `/api/guarantees/${g.id}/decline`, v), t('guarantee.declined')).then((ok) => ok && setDeclining(false))}>
          <Form.Item name="reason" label={t('guarantee.declineReason')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space>
            <Button danger htmlType="submit" data-testid="guarantee-decline-submit">
              {t('guarantee.decline')}
            </Button>
            <Button onClick={() => setDeclining(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {g.claim && (
        <Descriptions size="small" column={1} title={t('guarantee.claims')} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('guarantee.claim.amount')}>{formatYuan(g.claim.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.claim.reason')}>{g.claim.reason}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.claim.basis')}>{g.claim.basis}</Descriptions.Item>
          <Descriptions.Item label={t('guarantee.appliedAt')}>{formatTime(g.claim.claimedAt)}</Descriptions.Item>
          {g.claim.settlementNote && <Descriptions.Item label={t('guarantee.claim.note')}>{g.claim.settlementNote}</Descriptions.Item>}
        </Descriptions>
      )}
      {g.claim?.status === 'filed' && !settling && (
        <Button onClick={() => setSettling(true)} data-testid="claim-settle">
          {t('guarantee.claim.pay')} / {t('guarantee.claim.refuse')}
        </Button>
      )}
      {g.claim?.status === 'filed' && settling && (
        <Form
          layout="vertical"
          onFinish={(v: { note?: string; outcome: 'paid' | 'declined' }) => call(() => api('POST', `/api/guarantees/${g.id}/claim/settlement`, { outcome: v.outcome, note: v.note || null }), t('guarantee.claim.settled'))}
        >
          <Form.Item name="note" label={t('guarantee.claim.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="outcome" hidden>
            <Input />
          </Form.Item>
          <SettleButtons onCancel={() => setSettling(false)} />
        </Form>
      )}
    </Card>
  );
}

/** Pay or decline: one form, the button pressed sets the outcome. */
function SettleButtons({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const submit = (outcome: 'paid' | 'declined') => {
    form.setFieldValue('outcome', outcome);
    form.submit();
  };
  return (
    <Space wrap>
      <Button type="primary" onClick={() => submit('paid')} data-testid="claim-pay">
        {t('guarantee.claim.pay')}
      </Button>
      <Button danger onClick={() => submit('declined')} data-testid="claim-refuse">
        {t('guarantee.claim.refuse')}
      </Button>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
    </Space>
  );
}
