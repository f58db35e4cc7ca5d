import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import { Chart, type ChartOption } from '../supervision/Chart';

interface SubPlatformSyncStatus {
  entityId: string;
  name: string;
  regionCode: string;
  status: string;
  unifiedNames: string[];
  hasApiKey: boolean;
  hasSso: boolean;
  releasesTotal: number;
  releasesToday: number;
  procurements: number;
  lastBatchAt: string | null;
  perDay: { date: string; releases: number }[];
}

/** 子平台数据同步: the operator watches what each sub-platform syncs (docs/SYNC.md). */
export function SubPlatformSyncPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['sub-platform-sync'], queryFn: () => get<SubPlatformSyncStatus[]>('/api/exchange/sub-platforms'), refetchInterval: 30_000 });
  return (
    <Card title={t('subSync.title')} loading={list.isLoading}>
      <Alert type="info" showIcon message={t('subSync.intro')} style={{ marginBottom: 16 }} />
      {list.error ? <Alert type="error" showIcon message={(list.error as Error).message} /> : null}
      {list.data && list.data.length === 0 ? <Empty description={t('subSync.none')} /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {list.data?.map((s) => <SubPlatformCard key={s.entityId} status={s} />)}
      </Space>
    </Card>
  );
}

function SubPlatformCard({ status: s }: { status: SubPlatformSyncStatus }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 36, right: 8, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: s.perDay.map((d) => d.date.slice(5)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('subSync.releases'), data: s.perDay.map((d) => d.releases), itemStyle: { color: '#1677ff' } }],
    }),
    [s.perDay, t],
  );
  const last30 = s.perDay.reduce((n, d) => n + d.releases, 0);
  const yesNo = (v: boolean) => (v ? <Tag color="green">{t('subSync.yes')}</Tag> : <Tag color="red">{t('subSync.no')}</Tag>);
  return (
    <Card type="inner" data-testid="sub-platform-card" title={<span style={{ whiteSpace: 'normal' }}>{s.name}</span>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('subSync.unifiedNames')}>
              {s.unifiedNames.length === 0 ? (
                '—'
              ) : (
                <Space direction="vertical" size={2}>
                  {s.unifiedNames.map((n) => (
                    <Link key={n} to={`/external?${new URLSearchParams({ platform: n })}`}>
                      {n}
                    </Link>
                  ))}
                </Space>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('subSync.apiKey')}>{yesNo(s.hasApiKey)}</Descriptions.Item>
            <Descriptions.Item label={t('subSync.sso')}>{yesNo(s.hasSso)}</Descriptions.Item>
            <Descriptions.Item label={t('subSync.releasesToday')}>
              <span data-testid="releases-today">{s.releasesToday}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('subSync.releasesTotal')}>
              <span data-testid="releases-total">{s.releasesTotal}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('subSync.procurements')}>{s.procurements}</Descriptions.Item>
            <Descriptions.Item label={t('subSync.lastBatchAt')}>{s.lastBatchAt ? formatTime(s.lastBatchAt) : t('subSync.never')}</Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text type="secondary">{t('subSync.chartTitle', { count: last30 })}</Typography.Text>
          <Chart option={option} label={t('subSync.chartLabel', { name: s.name, count: last30 })} height={220} testId="sync-chart" />
        </Col>
      </Row>
    </Card>
  );
}
