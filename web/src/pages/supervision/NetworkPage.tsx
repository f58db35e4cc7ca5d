import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { GraphChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText, get } from '../../api';
import { Chart, type ChartOption } from './Chart';
import { creditPath, inLanguage } from './types';

// The graph is drawn here only: the dashboard's chunk does not carry it.
use([GraphChart]);

type Bilingual = { 'zh-CN': string; 'en-US': string };
interface CoBiddingNetwork {
  nodes: { id: string; name: string; lots: number; wins: number }[];
  edges: { a: string; b: string; coBids: number; lift: number; flagged: boolean }[];
  groups: { members: string[]; lots: number; rotationScore: number; rotating: boolean; explanation: Bilingual }[];
  notes: Bilingual;
}

const RED = '#c8161d';
const BLUE = '#1f56b8';

/**
 * 投标关系网络: who bids with whom in the reader's province, as a force-directed graph (a supplier's node
 * grows with the lots it bid on; a pair that bids together far more than chance is a thick red line), the
 * groups found beneath, those that seem to take turns winning marked with the reason. A supplier opens its
 * credit file, from the graph or from the lists (which carry the same facts for keyboards and screen readers).
 */
export function NetworkPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const network = useQuery({ queryKey: ['co-bidding-network'], queryFn: () => get<CoBiddingNetwork>('/api/supervision/co-bidding-network') });
  const n = network.data;
  const language = i18n.language;
  const names = useMemo(() => new Map((n?.nodes ?? []).map((x) => [x.id, x.name])), [n]);
  const rotatingMembers = useMemo(() => new Set((n?.groups ?? []).filter((g) => g.rotating).flatMap((g) => g.members)), [n]);
  const flagged = (n?.edges ?? []).filter((e) => e.flagged);

  const option = useMemo<ChartOption | null>(() => {
    if (!n) return null;
    const maxLots = Math.max(1, ...n.nodes.map((x) => x.lots));
    return {
      tooltip: {
        formatter: (p: { dataType: string; data: { name?: string; lots?: number; wins?: number; coBids?: number; lift?: number; source?: string; target?: string } }) =>
          p.dataType === 'node'
            ? `${p.data.name}<br/>${t('supervision.network.lots')} ${p.data.lots} · ${t('supervision.network.wins')} ${p.data.wins}`
            : `${names.get(p.data.source!) ?? ''} — ${names.get(p.data.target!) ?? ''}<br/>${t('supervision.network.coBids', { n: p.data.coBids })} · ${t('supervision.network.lift', { lift: p.data.lift!.toFixed(1) })}`,
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 420, edgeLength: [90, 220], gravity: 0.06 },
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 12 },
          emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
          data: n.nodes.map((x) => ({
            id: x.id,
            name: x.name,
            lots: x.lots,
            wins: x.wins,
            symbolSize: 14 + Math.round((x.lots / maxLots) * 30),
            itemStyle: { color: rotatingMembers.has(x.id) ? RED : BLUE },
          })),
          links: n.edges.map((e) => ({
            source: e.a,
            target: e.b,
            coBids: e.coBids,
            lift: e.lift,
            lineStyle: e.flagged ? { color: RED, width: 2 + Math.min(e.coBids, 6), opacity: 0.9 } : { color: '#bfbfbf', width: 1, opacity: 0.7 },
          })),
        },
      ],
    };
  }, [n, t, names, rotatingMembers]);

  const supplier = (id: string) => (
    <Link key={id} to={creditPath(id)} data-testid="network-supplier" style={{ overflowWrap: 'anywhere' }}>
      {names.get(id) ?? id}
    </Link>
  );
  const empty = n && (n.nodes.length < 2 || n.edges.length === 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="network-page">
      <Card title={t('supervision.network.title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: n ? 8 : 0 }}>
          {t('supervision.network.intro')}
        </Typography.Paragraph>
        {n && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} data-testid="network-notes">
            {inLanguage(n.notes, language)}
          </Typography.Paragraph>
        )}
      </Card>
      {network.error ? (
        <Alert type="error" showIcon title={errorText(network.error)} data-testid="page-error" />
      ) : !n ? (
        <Card loading />
      ) : empty ? (
        <Card>
          <Empty description={t('supervision.network.empty')} data-testid="network-empty">
            <Typography.Text type="secondary">{t('supervision.network.emptyDetail')}</Typography.Text>
          </Empty>
        </Card>
      ) : (
        <>
          <Card size="small">
            <Chart
              option={option!}
              height={480}
              testId="chart-network"
              label={t('supervision.network.chartLabel', { nodes: n.nodes.length, edges: n.edges.length, flagged: flagged.length })}
              onClick={(p) => {
                if (p.dataType === 'node') navigate(creditPath((p.data as { id: string }).id));
              }}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card title={t('supervision.network.groups')} size="small">
                <List
                  dataSource={[...n.groups].sort((x, y) => Number(y.rotating) - Number(x.rotating) || y.rotationScore - x.rotationScore)}
                  data-testid="network-groups"
                  locale={{ emptyText: t('supervision.network.groupsNone') }}
                  renderItem={(g, i) => (
                    <List.Item key={i} data-testid="network-group" style={{ display: 'block' }}>
                      <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
                        {g.rotating && (
                          <Tag color="red" data-testid="group-rotating">
                            {t('supervision.network.rotating')}
                          </Tag>
                        )}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('supervision.network.groupLots', { n: g.lots })} · {t('supervision.network.rotationScore', { score: g.rotationScore.toFixed(2) })}
                        </Typography.Text>
                      </Space>
                      <div>
                        <Space wrap size={[12, 2]}>{g.members.map(supplier)}</Space>
                      </div>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0', overflowWrap: 'anywhere' }}>
                        {inLanguage(g.explanation, language)}
                      </Typography.Paragraph>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('supervision.network.pairs')} size="small">
                <List
                  dataSource={[...flagged].sort((x, y) => y.coBids - x.coBids)}
                  data-testid="network-pairs"
                  locale={{ emptyText: t('supervision.network.pairsNone') }}
                  renderItem={(e) => (
                    <List.Item key={`${e.a}-${e.b}`} style={{ display: 'block' }}>
                      <Space wrap size={[8, 2]}>
                        {supplier(e.a)}
                        <span aria-hidden>—</span>
                        {supplier(e.b)}
                      </Space>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('supervision.network.coBids', { n: e.coBids })} · {t('supervision.network.lift', { lift: e.lift.toFixed(1) })}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
              <Card title={t('supervision.network.suppliers')} size="small" style={{ marginTop: 16 }}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  dataSource={[...n.nodes].sort((x, y) => y.lots - x.lots)}
                  columns={[
                    { title: t('supervision.network.suppliers'), key: 'name', render: (_, x) => supplier(x.id) },
                    { title: t('supervision.network.lots'), dataIndex: 'lots', width: 90 },
                    { title: t('supervision.network.wins'), dataIndex: 'wins', width: 70 },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
