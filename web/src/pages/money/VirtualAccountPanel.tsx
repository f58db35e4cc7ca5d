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

/** The supplier's own deposit sub-account for a lot, in its bid panel: only it ever sees the number. */
export function VirtualAccountPanel({ lotId, depositFen }: { lotId: string; depositFen: number }) {
  const { t } = useTranslation();
  const call = useAction(['virtual-account', lotId]);
  const account = useQuery({ queryKey: ['virtual-account', lotId], queryFn: () => get<VirtualAccountView>(`/api/lots/${lotId}/virtual-account`) });
  if (depositFen <= 0) return <Typography.Paragraph type="secondary">{t('trading.virtualAccount.notRequired')}</Typography.Paragraph>;
  const data = account.data;
  return (
    <div data-testid="virtual-account" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{t('trading.virtualAccount.title')}</Typography.Title>
      {data && !data.virtualAccount && (
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
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('trading.virtualAccount.hint')} <Link to={`/workspace/demo-bank?virtualAccount=${data.virtualAccount.accountNumber}&amount=${data.requiredFen}`}>{t('trading.virtualAccount.demoBank')}</Link>
          </Typography.Paragraph>
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
