import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { percent, type SmeLot, type SmeWindow } from './portal-data';

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
    {text}
  </Typography.Title>
);

function LotsTable({ lots, testId, showDeduction }: { lots: SmeLot[]; testId: string; showDeduction: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<SmeLot>
      rowKey="lotId"
      size="middle"
      pagination={false}
      dataSource={lots}
      data-testid={testId}
      locale={{ emptyText: t('portal.sme.noLots') }}
      columns={[
        { title: t('portal.sme.project'), dataIndex: 'projectTitle', render: (title, l) => <Link to={`/notices/${l.noticeId}`}>{title}</Link> },
        { title: t('portal.sme.lot'), dataIndex: 'lotTitle', render: (title, l) => `${l.lotNo}. ${title}` },
        { title: t('portal.sme.category'), dataIndex: 'category', render: (c) => t(`trading.categories.${c}`) },
        { title: t('portal.sme.budget'), dataIndex: 'budgetFen', align: 'right', render: (f) => `${formatYuan(f)} ${t('portal.sme.yuan')}` },
        ...(showDeduction ? [{ title: t('portal.sme.deduction'), dataIndex: 'deductionBp', render: (bp: number | null) => (bp === null ? '—' : percent(bp)) }] : []),
        { title: t('portal.sme.deadline'), dataIndex: 'deadline', render: formatTime },
      ]}
    />
  );
}

/** 中小企业专窗: the policies in force with their rules, the lots open to SMEs, and financing. */
export function SmePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const sme = useQuery({ queryKey: ['public-sme'], queryFn: () => get<SmeWindow>('/api/public/sme') });
  const s = sme.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('portal.sme.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('portal.sme.intro')}</Typography.Paragraph>
      </Card>
      <Card loading={!s} title={heading(t('portal.sme.policies'))} data-testid="sme-policies">
        {s && (
          <>
            <Typography.Paragraph type="secondary">{t('portal.sme.policiesNote', { date: s.date })}</Typography.Paragraph>
            <Table
              rowKey={(d) => `${d.category}-${d.kind}`}
              size="small"
              pagination={false}
              dataSource={s.deductions}
              columns={[
                { title: t('portal.sme.category'), dataIndex: 'category', render: (c) => t(`trading.categories.${c}`) },
                { title: t('portal.sme.kind'), dataIndex: 'kind', render: (k) => t(`portal.sme.${k}`) },
                { title: t('portal.sme.range'), key: 'range', render: (_, d) => <strong>{`${percent(d.minBp)}–${percent(d.maxBp)}`}</strong> },
                { title: t('portal.sme.basis'), key: 'basis', render: (_, d) => `${d.ruleId} · ${d.citation[language]}` },
              ]}
            />
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('portal.sme.reservation')}
            </Typography.Title>
            <ul style={{ paddingInlineStart: 20, marginBottom: 0 }}>
              {s.reservationCeilings.map((c) => (
                <li key={c.category}>
                  {t('portal.sme.reservationText', { category: t(`trading.categories.${c.category}`), ceiling: `${formatYuan(c.ceilingFen)} ${language === 'en-US' ? 'yuan' : '元'}` })}（{c.ruleId} · {c.citation[language]}）
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={heading(t('portal.sme.reservedLots'))}>{s && <LotsTable lots={s.reservedLots} testId="sme-reserved" showDeduction={false} />}</Card>
      <Card title={heading(t('portal.sme.deductionLots'))}>{s && <LotsTable lots={s.deductionLots} testId="sme-deduction" showDeduction />}</Card>
      <Card title={heading(t('portal.sme.financing'))} data-testid="sme-financing">
        {s && (
          <>
            {s.financing.products.length === 0 && <Typography.Paragraph>{t('portal.sme.financingNone')}</Typography.Paragraph>}
            {s.financing.banks.length > 0 ? (
              <>
                <Typography.Paragraph>{t('portal.sme.financingBanks')}</Typography.Paragraph>
                <List size="small" bordered dataSource={s.financing.banks} renderItem={(b) => <List.Item>{b.name}</List.Item>} />
              </>
            ) : (
              <Typography.Paragraph>{t('portal.sme.financingNoBank')}</Typography.Paragraph>
            )}
          </>
        )}
      </Card>
    </Space>
  );
}
