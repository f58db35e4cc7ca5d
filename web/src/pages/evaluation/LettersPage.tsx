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
  fields: { projectNumber: string; projectTitle: string; rank: number | null; total: number | null; valid: boolean; winnerName: string; priceFen: number };
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
            { title: '', dataIndex: 'kind', render: (k: string) => <Tag color={k === 'winner' ? 'red' : 'default'}>{t(`evaluation.letterKind.${k}`)}</Tag> },
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
