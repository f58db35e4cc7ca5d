import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { formatTime } from '../../format';
import { ContractsTable, type ContractSummary } from './ContractPage';

interface Letter {
  lotId: string;
  bidId: string;
  kind: 'winner' | 'result';
  issuedAt: string;
  /** method: absent on letters issued before it was recorded (a tender's). */
  fields: { projectNumber: string; projectTitle: string; rank: number | null; total: number | null; valid: boolean; winnerName: string; priceFen: number; method?: string };
}

/** A supplier's result letters (each with its own score and rank) and its contracts. */
export function LettersPage() {
  const { t } = useTranslation();
  const letters = useQuery({ queryKey: ['letters'], queryFn: () => get<Letter[]>('/api/award-letters') });
  const contracts = useQuery({ queryKey: ['my-contracts'], queryFn: () => get<ContractSummary[]>('/api/contracts'), refetchInterval: 5000 });
  return (
    <>
      <Card title={t('evaluation.letters')}>
        <Table
          rowKey={(l) => `${l.bidId}-${l.issuedAt}`}
          size="small"
          pagination={false}
          dataSource={letters.data ?? []}
          columns={[
            { title: t('trading.projectNumber'), key: 'n', render: (_, l) => l.fields.projectNumber },
            { title: t('trading.projectTitle'), key: 'title', render: (_, l) => l.fields.projectTitle },
            // 中标通知书 after a tender, 成交通知书 after the non-tender methods (RQ-03, NG-06).
            { title: '', key: 'kind', render: (_, l) => <Tag color={l.kind === 'winner' ? 'red' : 'default'} data-testid="letter-kind">{t(`evaluation.letterKind.${l.kind === 'winner' && l.fields.method && l.fields.method !== 'openTender' ? 'deal' : l.kind}`)}</Tag> },
            { title: t('evaluation.rank'), key: 'rank', render: (_, l) => l.fields.rank ?? '—' },
            { title: t('evaluation.total'), key: 'total', render: (_, l) => l.fields.total ?? '—' },
            { title: '', dataIndex: 'issuedAt', render: formatTime },
            { title: '', key: 'pdf', render: (_, l) => <a href={`/api/award-letters/${l.lotId}/${l.bidId}.pdf`} target="_blank" rel="noreferrer">PDF</a> },
          ]}
        />
      </Card>
      <Card title={t('evaluation.nav.contracts')} style={{ marginTop: 16 }}>
        <ContractsTable contracts={contracts.data ?? []} />
      </Card>
    </>
  );
}
