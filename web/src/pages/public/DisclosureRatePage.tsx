import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { useRegions } from '../../regions';

interface EntryRate {
  code: string;
  item: string;
  ruleId: string | null;
  timeLimit: string;
  noticeTypes: string[];
  measured: boolean;
  due: number;
  published: number;
  late: number;
  rate: number | null;
  pending: number;
  missing: { key: string; projectId: string | null; projectLabel: string; happenedAt: string; dueBy: string }[];
}
interface DisclosureRate {
  asOf: string;
  due: number;
  published: number;
  late: number;
  rate: number | null;
  entries: EntryRate[];
}

/** Full marks green, anything less the platform's red: a gap in disclosure should stand out. */
const colour = (rate: number | null) => (rate === null || rate >= 100 ? '#237804' : '#a8071a');

/** 信息公开率: per disclosure-catalogue entry, notices due by now against those published, as bars. */
export function DisclosureRatePage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const [region, setRegion] = useState<string | undefined>();
  const regions = useRegions();
  const rate = useQuery({ queryKey: ['disclosure-rate', region], queryFn: () => get<DisclosureRate>(`/api/public/disclosure-rate${region ? `?regionCode=${region}` : ''}`) });
  const r = rate.data;
  const measured = r?.entries.filter((e) => e.measured) ?? [];
  const unmeasured = r?.entries.filter((e) => !e.measured) ?? [];
  return (
    <Card
      loading={rate.isLoading}
      title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('disclosure.title')}</Typography.Title>}
      extra={
        <Select
          allowClear
          aria-label={t('disclosure.region')}
          placeholder={t('disclosure.allRegions')}
          style={{ width: 160 }}
          value={region}
          onChange={setRegion}
          options={(regions.data ?? []).map((x) => ({ value: x.code, label: english ? x.nameEn : x.nameZh }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('disclosure.intro')}</Typography.Paragraph>
      {r && (
        <>
          <Row gutter={[24, 24]} align="middle" style={{ marginBottom: 24 }}>
            <Col xs={24} sm={8} style={{ textAlign: 'center' }}>
              <Progress
                type="dashboard"
                percent={r.rate ?? 100}
                strokeColor={colour(r.rate)}
                format={() => (r.rate === null ? '—' : `${r.rate}%`)}
                aria-label={`${t('disclosure.overall')} ${r.rate === null ? '—' : `${r.rate}%`}`}
                data-testid="disclosure-overall"
              />
              <div>
                <Typography.Text strong>{t('disclosure.overall')}</Typography.Text>
              </div>
            </Col>
            <Col xs={24} sm={16}>
              <Typography.Paragraph>{t('disclosure.counts', { due: r.due, published: r.published, late: r.late })}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('disclosure.asOf')}：{formatTime(r.asOf)}
              </Typography.Text>
            </Col>
          </Row>
          <List
            itemLayout="vertical"
            dataSource={measured}
            renderItem={(e) => (
              <List.Item key={e.code} data-testid={`disclosure-entry-${e.code}`}>
                <Space wrap size={4} style={{ marginBottom: 4 }}>
                  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                    {e.item}
                  </Typography.Title>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {e.timeLimit}
                    {e.ruleId && (
                      <>
                        {'　'}
                        {t('disclosure.rule')}：<RuleRef id={e.ruleId} />
                      </>
                    )}
                  </Typography.Text>
                </div>
                {e.due > 0 && (
                  <Progress
                    percent={e.rate ?? 0}
                    success={{ percent: ((e.published - e.late) / e.due) * 100, strokeColor: '#237804' }}
                    strokeColor={e.late ? '#ad6800' : colour(e.rate)}
                    // In the text colour: antd paints a full bar's figure in its light success green (contrast 2.3:1).
                    format={() => <span style={{ color: 'rgba(0, 0, 0, 0.88)' }}>{e.rate}%</span>}
                    aria-label={`${e.item} ${e.rate}%`}
                  />
                )}
                <div>
                  <Typography.Text type="secondary">
                    {e.due > 0 ? t('disclosure.counts', { due: e.due, published: e.published, late: e.late }) : t('disclosure.nothingDue')}
                    {e.pending > 0 && `；${t('disclosure.pending', { count: e.pending })}`}
                  </Typography.Text>
                </div>
                {e.missing.length > 0 && (
                  <div style={{ marginTop: 8 }}>
                    <Typography.Text type="danger" strong>
                      {t('disclosure.missing')}
                    </Typography.Text>
                    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                      {e.missing.map((m) => (
                        <li key={m.key}>
                          {m.projectId ? <Link to={`/projects/${m.projectId}`}>{m.projectLabel}</Link> : m.projectLabel}
                          <Typography.Text type="secondary">{`（${t('disclosure.dueBy', { date: m.dueBy })}）`}</Typography.Text>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </List.Item>
            )}
          />
          {unmeasured.length > 0 && (
            <>
              <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
                {t('disclosure.notMeasuredTitle')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('disclosure.notMeasured')}</Typography.Paragraph>
              <Space wrap>
                {unmeasured.map((e) => (
                  <Tag key={e.code}>{e.item}</Tag>
                ))}
              </Space>
            </>
          )}
          {r.entries.length === 0 && <Empty />}
        </>
      )}
    </Card>
  );
}
