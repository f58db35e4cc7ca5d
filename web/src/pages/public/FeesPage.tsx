import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import type { FeeSchedule } from './portal-data';

/** 收费标准: the service list in force, each service with its charge. */
export function FeesPage() {
  const { t } = useTranslation();
  const fees = useQuery({ queryKey: ['public-fees'], queryFn: () => get<FeeSchedule>('/api/public/fees') });
  const v = fees.data?.version;
  return (
    <Card
      loading={fees.isLoading}
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('portal.fees.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('portal.fees.intro')}</Typography.Paragraph>
      {v ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="fees-version">
            {t('portal.fees.version', { title: v.title, no: v.versionNo, from: v.effectiveFrom })}
          </Typography.Paragraph>
          <Table
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={fees.data!.items}
            data-testid="fees-table"
            columns={[
              { title: t('catalogue.field.name'), dataIndex: 'name' },
              { title: t('catalogue.field.category'), dataIndex: 'category', render: (c) => t(`portal.fees.category.${c}`, { defaultValue: c }) },
              {
                title: t('catalogue.field.charge'),
                dataIndex: 'charge',
                render: (charge, i) => (i.free ? <Tag color="green">{t('portal.fees.free')}</Tag> : <span>{charge}</span>),
              },
              { title: t('portal.fees.provider'), dataIndex: 'provider' },
              { title: t('portal.fees.timeLimit'), dataIndex: 'timeLimit', render: (x) => x ?? '—' },
              { title: t('catalogue.field.online'), dataIndex: 'online', render: (o) => (o ? t('portal.fees.online') : t('portal.fees.offline')) },
            ]}
          />
        </>
      ) : (
        <Empty description={t('portal.fees.none')} />
      )}
    </Card>
  );
}
