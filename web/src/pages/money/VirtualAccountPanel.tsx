import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { RuleRef } from '../../components/RuleRef';

export interface DepositStatusView {
  status: 'notRequired' | 'paidInTime' | 'guaranteeValid' | 'short' | 'late' | 'missing';
  ruleId: string | null;
  requiredFen: number;
  receivedInTimeFen: number;
  receivedLateFen: number;
}

interface VirtualAccountView {
  lotId: string;
  requiredFen: number;
  virtualAccount: { accountNumber: string; accountName: string; openedAt: string } | null;
  receipts: { reference: string; amountFen: number; valueTime: string; payerAccountName: string; payerAccountNumber: string }[];
  status: DepositStatusView | null;
  refund: RefundView | null;
}

/** What became of the deposit (GP-22 to GP-25): due by when, refunded when and to which account, or forfeited and why. */
export interface RefundView {
  status: 'scheduled' | 'held' | 'cancelled' | 'refunded' | 'forfeited';
  trigger: 'award' | 'contract' | 'withdrawal' | 'release' | null;
  ruleId: string | null;
  dueDate: string | null;
  note: string | null;
  refundedAt: string | null;
  amountFen: number | null;
  payees: { accountName: string; accountNumber: string; amountFen: number }[];
  overdueDays: number;
  overdueFeeFen: number;
  forfeit: { ground: string; ruleId: string; reason: string; legalBasis: string; amountFen: number; decidedAt: string } | null;
}

const REFUND_COLOURS: Record<RefundView['status'], string> = { scheduled: 'blue', held: 'orange', cancelled: 'default', refunded: 'green', forfeited: 'red' };

function RefundStatus({ refund }: { refund: RefundView }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={1} style={{ marginTop: 8 }} data-testid="deposit-refund" data-status={refund.status}>
      <Descriptions.Item label={t('trading.refund.title')}>
        <Tag color={REFUND_COLOURS[refund.status]}>{t(`trading.refund.status.${refund.status}`)}</Tag>
        {refund.trigger && <>{t(`trading.refund.trigger.${refund.trigger}`)} </>}
        {refund.ruleId && <RuleRef id={refund.ruleId} />}
      </Descriptions.Item>
      {refund.dueDate && refund.status !== 'forfeited' && <Descriptions.Item label={t('trading.refund.dueDate')}>{refund.dueDate}</Descriptions.Item>}
      {refund.refundedAt && (
        <Descriptions.Item label={t('trading.refund.refundedAt')}>
          {formatTime(refund.refundedAt)} · {formatYuan(refund.amountFen ?? 0)}
        </Descriptions.Item>
      )}
      {refund.payees.length > 0 && (
        <Descriptions.Item label={t('trading.refund.payees')}>
          {refund.payees.map((p) => (
            <div key={p.accountNumber}>
              {p.accountName} {p.accountNumber} · {formatYuan(p.amountFen)}
            </div>
          ))}
        </Descriptions.Item>
      )}
      {refund.overdueDays > 0 && (
        <Descriptions.Item label={<RuleRef id="GP-25" />}>{t('trading.refund.overdue', { days: refund.overdueDays, fee: formatYuan(refund.overdueFeeFen) })}</Descriptions.Item>
      )}
      {refund.forfeit && (
        <>
          <Descriptions.Item label={t('trading.refund.forfeitReason')}>
            {t(`trading.refund.grounds.${refund.forfeit.ground}`)}：{refund.forfeit.reason} <RuleRef id={refund.forfeit.ruleId} />
          </Descriptions.Item>
          <Descriptions.Item label={t('trading.refund.legalBasis')}>{refund.forfeit.legalBasis}</Descriptions.Item>
        </>
      )}
      {refund.note && refund.status !== 'forfeited' && refund.status !== 'refunded' && <Descriptions.Item label="">{refund.note}</Descriptions.Item>}
    </Descriptions>
  );
}

const COLOURS: Record<DepositStatusView['status'], string> = { notRequired: 'default', paidInTime: 'green', guaranteeValid: 'green', short: 'orange', late: 'orange', missing: 'red' };

/** A bid's deposit status as the opening shows it (GP-21): never who paid, nor who issued its guarantee. */
export function DepositStatusTag({ value, declaredForm }: { value: DepositStatusView | null | undefined; declaredForm?: string | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  const label = value.status === 'missing' && declaredForm === 'guarantee' ? t('trading.depositStatus.guaranteeDeclared') : t(`trading.depositStatus.${value.status}`);
  return (
    <span data-testid="deposit-status" data-status={value.status}>
      <Tag color={COLOURS[value.status]}>{label}</Tag>
      {!['notRequired', 'paidInTime', 'guaranteeValid'].includes(value.status) && <>{formatYuan(value.receivedInTimeFen)} / {formatYuan(value.requiredFen)} </>}
      {value.ruleId && <RuleRef id={value.ruleId} />}
    </span>
  );
}

/**
 * The supplier's own deposit sub-account for a lot, in its bid panel: only it ever sees the number.
 * Once bidding is `closed` it only reports: what arrived and what happened to it (refund or forfeit).
 */
export function VirtualAccountPanel({ lotId, depositFen, closed = false }: { lotId: string; depositFen: number; closed?: boolean }) {
  const { t } = useTranslation();
  const call = useAction(['virtual-account', lotId]);
  const account = useQuery({ queryKey: ['virtual-account', lotId], queryFn: () => get<VirtualAccountView>(`/api/lots/${lotId}/virtual-account`) });
  if (depositFen <= 0) return <Typography.Paragraph type="secondary">{t('trading.virtualAccount.notRequired')}</Typography.Paragraph>;
  const data = account.data;
  if (closed && !data?.virtualAccount) return null;
  return (
    <div data-testid="virtual-account" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('trading.virtualAccount.title')}</Typography.Title>
      {data && !data.virtualAccount && !closed && (
        <Button onClick={() => call(() => api('POST', `/api/lots/${lotId}/virtual-account`))} data-testid="open-virtual-account">
          {t('trading.virtualAccount.open')}
        </Button>
      )}
      {data?.virtualAccount && (
        <>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('trading.virtualAccount.required')}>{formatYuan(data.requiredFen)}</Descriptions.Item>
            <Descriptions.Item label={t('trading.virtualAccount.accountNumber')}>
              <Typography.Text copyable strong data-testid="deposit-sub-account">
                {data.virtualAccount.accountNumber}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('trading.virtualAccount.accountName')}>{data.virtualAccount.accountName}</Descriptions.Item>
            <Descriptions.Item label={t('trading.depositStatus.title')}>
              <DepositStatusTag value={data.status} />
            </Descriptions.Item>
          </Descriptions>
          {data.refund && <RefundStatus refund={data.refund} />}
          {!closed && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('trading.virtualAccount.hint')} <Link to={`/workspace/demo-bank?virtualAccount=${data.virtualAccount.accountNumber}&amount=${data.requiredFen}`}>{t('trading.virtualAccount.demoBank')}</Link>
            </Typography.Paragraph>
          )}
          <Table
            size="small"
            rowKey="reference"
            pagination={false}
            dataSource={data.receipts}
            locale={{ emptyText: t('trading.virtualAccount.none') }}
            columns={[
              { title: t('trading.virtualAccount.received'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
              { title: t('trading.receivedAt'), dataIndex: 'valueTime', render: formatTime },
              { title: t('trading.virtualAccount.payer'), render: (_, r) => `${r.payerAccountName} ${r.payerAccountNumber}` },
              { title: t('demoBank.reference'), dataIndex: 'reference' },
            ]}
          />
        </>
      )}
    </div>
  );
}
