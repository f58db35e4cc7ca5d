import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAction } from '../../action';
import { api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { hasRole, useSession } from '../../session';
import { PaymentApplicationForm, type PayableContract } from './PaymentApplicationForm';
import { statusColor, type PaymentAction, type PaymentApplicationDetail } from './payment-types';

/** Days left until the due date, or how late it is (PAY-01, PAY-04). */
export function DueTag({ a }: { a: Pick<PaymentApplicationDetail, 'daysLeft' | 'daysLate' | 'dueOn' | 'lateInterestFen' | 'status'> }) {
  const { t } = useTranslation();
  if (a.daysLeft === null) return <span>{a.dueOn}</span>;
  if (a.daysLeft < 0)
    return (
      <Tag color="red" data-testid="payment-overdue">
        {t('payments.overdueBy', { days: -a.daysLeft, due: a.dueOn })}
        {a.lateInterestFen > 0 && ` · ${t('payments.interest')} ${formatYuan(a.lateInterestFen)}`}
      </Tag>
    );
  return <Tag color={a.daysLeft <= 5 ? 'orange' : 'default'}>{t('payments.daysLeft', { days: a.daysLeft, due: a.dueOn })}</Tag>;
}

/**
 * One payment application (seed 000, step 7): where it is on the way to the treasury, everything
 * it carries, what the reader may do with it now, and its whole history.
 */
export function PaymentApplicationPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const query = useQuery({ queryKey: ['payment-application', id], queryFn: () => get<PaymentApplicationDetail>(`/api/payment-applications/${id}`) });
  const a = query.data;
  const isSupplier = hasRole(session, ['supplier']);
  // The supplier corrects a rejected application against its contract's invoice details.
  const contract = useQuery({ queryKey: ['contract', a?.contractId], queryFn: () => get<PayableContract>(`/api/contracts/${a!.contractId}`), enabled: Boolean(a && isSupplier && a.actions.includes('resubmit')) });
  if (query.error) return <Alert type="error" title={errorText(query.error)} />;
  if (!a) return <Card loading />;
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const sentBack = a.status === 'rejected' || a.status.startsWith('returned');
  const readsContract = hasRole(session, ['supplier', 'purchaser', 'authority', 'supervisor']);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={`${t('payments.application')} ${a.applicationNumber}`}
        extra={
          <Tag color={statusColor(a.status)} data-testid="payment-status">
            {a.statusName[lang]}
          </Tag>
        }
      >
        <Steps
          size="small"
          responsive
          current={a.step}
          status={a.status === 'paid' ? 'finish' : sentBack ? 'error' : a.status === 'withdrawn' ? 'wait' : 'process'}
          items={(['filed', 'purchaserReview', 'authorityReview', 'treasuryPayment', 'paid'] as const).map((s) => ({ title: t(`payments.steps.${s}`) }))}
          style={{ marginBottom: 24 }}
        />
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('payments.contract')}>{readsContract ? <Link to={`/workspace/contracts/${a.contractId}`}>{a.contractNumber}</Link> : a.contractNumber}</Descriptions.Item>
          <Descriptions.Item label={t('payments.milestone')}>{`${a.milestoneNo} ${a.milestoneName}`}</Descriptions.Item>
          <Descriptions.Item label={t('role.supplier')}>
            {a.supplierName}
            {a.sme && <Tag style={{ marginLeft: 8 }}>{t('payments.sme')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('role.purchaser')}>{a.purchaserName}</Descriptions.Item>
          <Descriptions.Item label={t('payments.total')}>
            <Typography.Text strong data-testid="payment-amount">
              {formatYuan(a.invoice.totalFen)} {t('payments.yuan')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.due')}>
            <DueTag a={a} />
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.invoiceNumber')}>{a.invoice.invoiceNumber}</Descriptions.Item>
          <Descriptions.Item label={t('payments.invoiceDate')}>{a.invoice.invoiceDate}</Descriptions.Item>
          <Descriptions.Item label={t('payments.amountBeforeTax')}>{formatYuan(a.invoice.amountBeforeTaxFen)}</Descriptions.Item>
          <Descriptions.Item label={t('payments.tax')}>{formatYuan(a.invoice.taxFen)}</Descriptions.Item>
          <Descriptions.Item label={t('payments.sellerCreditCode')}>{a.invoice.sellerCreditCode}</Descriptions.Item>
          <Descriptions.Item label={t('payments.buyerCreditCode')}>{a.invoice.buyerCreditCode}</Descriptions.Item>
          <Descriptions.Item label={t('payments.payee')} span={{ xs: 1, md: 2 }}>
            {`${a.payee.accountName} · ${a.payee.bankName} · ${a.payee.accountNumber}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.invoiceFile')}>
            <a href={`/api/payment-applications/${a.id}/invoice`} data-testid="invoice-download">
              {a.invoice.fileName}
            </a>
          </Descriptions.Item>
          {a.voucherNumber && (
            <Descriptions.Item label={t('payments.voucher')}>
              {a.voucherNumber}（{a.paidOn}）
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {a.actions.length > 0 && <DecisionCard a={a} contract={contract.data} />}
      <Card title={t('payments.history')}>
        <Timeline
          data-testid="payment-history"
          items={a.history.map((s) => ({
            color: s.action.endsWith('Reject') || s.action.endsWith('Return') ? 'orange' : s.action === 'treasuryPay' ? 'green' : 'blue',
            children: (
              <div data-testid="payment-history-step">
                <Typography.Text strong>{t(`payments.actions.${s.action}`)}</Typography.Text>
                <div>
                  {s.personName}（{s.entityName}）· {formatTime(s.at)}
                </div>
                {s.reason && <Typography.Text type="warning">{t('payments.reasonIs', { reason: s.reason })}</Typography.Text>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** The buttons of the reader's desk: approve, reject or return with a reason, pay with the voucher, or withdraw. */
function DecisionCard({ a, contract }: { a: PaymentApplicationDetail; contract?: PayableContract }) {
  const { t } = useTranslation();
  const call = useAction(['payment-application', a.id], ['payment-applications']);
  const [reason, setReason] = useState('');
  const [voucher, setVoucher] = useState('');
  const decide = (action: PaymentAction, extra: Record<string, unknown> = {}) =>
    call(() => api('POST', `/api/payment-applications/${a.id}/decisions`, { action, revision: a.revision, ...extra }), t(`payments.done.${action}`));
  const sendsBack = a.actions.filter((x) => x === 'purchaserReject' || x === 'authorityReturn' || x === 'treasuryReturn');
  const approves = a.actions.filter((x) => x === 'purchaserApprove' || x === 'authorityApprove');
  return (
    <Card title={t('payments.yourDecision')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {a.actions.includes('resubmit') && contract && <PaymentApplicationForm contract={contract} application={a} />}
        {a.actions.includes('treasuryPay') && (
          <Space wrap>
            <Input placeholder={t('payments.voucherNumber')} value={voucher} onChange={(e) => setVoucher(e.target.value)} data-testid="voucher-number" style={{ width: 220 }} />
            <Button type="primary" data-testid="action-treasuryPay" onClick={() => decide('treasuryPay', { voucherNumber: voucher.trim() })}>
              {t('payments.actions.treasuryPay')}
            </Button>
          </Space>
        )}
        {approves.map((action) => (
          <Button key={action} type="primary" data-testid={`action-${action}`} onClick={() => decide(action)}>
            {t(`payments.actions.${action}`)}
          </Button>
        ))}
        {sendsBack.length > 0 && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea rows={2} placeholder={t('payments.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decision-reason" />
            {sendsBack.map((action) => (
              <Button key={action} danger data-testid={`action-${action}`} onClick={() => decide(action, { reason })}>
                {t(`payments.actions.${action}`)}
              </Button>
            ))}
          </Space>
        )}
        {a.actions.includes('withdraw') && (
          <Button data-testid="action-withdraw" onClick={() => decide('withdraw')}>
            {t('payments.actions.withdraw')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
