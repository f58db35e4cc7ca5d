import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, List, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorText, get } from '../../api';
import { codeText, moneyText, shanghaiDay, type ExternalDetail } from './external-data';

const section = (title: string) => <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>;
const range = (p: { startDate: string | null; endDate: string | null } | null) => (p ? `${shanghaiDay(p.startDate)} ~ ${shanghaiDay(p.endDate)}` : '—');

/** A section listing bids, awards or contracts: one line saying who or what, one line of facts. */
function FactList(props: { title: string; empty: string; testId: string; strong?: boolean; items: { main: string; facts: (string | null | undefined)[] }[] }) {
  return (
    <Card title={section(props.title)}>
      {props.items.length === 0 ? (
        <Typography.Text type="secondary">{props.empty}</Typography.Text>
      ) : (
        <List
          size="small"
          data-testid={props.testId}
          dataSource={props.items}
          renderItem={(item) => (
            <List.Item>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong={props.strong} style={{ wordBreak: 'break-word' }}>
                  {item.main}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {item.facts.filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/**
 * One procurement traded elsewhere, read-only: the platform it was traded on (its unified name or
 * the publisher's), buyer, method, value and status, its bids, awards and contracts, and its releases
 * in date order, with the full OCDS data to download.
 */
export function ExternalPage() {
  const { t } = useTranslation();
  const { ocid = '' } = useParams();
  const detail = useQuery({ queryKey: ['external', ocid], queryFn: () => get<ExternalDetail>(`/api/public/external/${encodeURIComponent(ocid)}`) });
  if (detail.error) return <Alert type="error" title={errorText(detail.error)} />;
  const p = detail.data;
  if (!p) return <Card loading />;
  const notCny = p.value && p.value.fen === null && p.value.currency !== 'CNY';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0, whiteSpace: 'normal' }}>{p.title}</Typography.Title>}>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('portal.external.readOnly', { platform: p.platformName })} />
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="external-summary">
          <Descriptions.Item label={t('portal.external.platform')}>
            <Tag color={p.origin === 'import' ? 'purple' : 'blue'} style={{ whiteSpace: 'normal', maxWidth: '100%', overflowWrap: 'anywhere' }} data-testid="external-platform-name">
              {p.platformName}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`portal.external.origin.${p.origin}`)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.external.ocid')}>
            <Typography.Text style={{ wordBreak: 'break-all' }}>{p.ocid}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.external.buyer')}>{p.buyerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.method')}>{[codeText('methods', p.procurementMethod), p.procurementMethodDetails].filter((x) => x && x !== '—').join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.category')}>{codeText('categories', p.mainProcurementCategory)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.status')}>{codeText('statuses', p.tenderStatus)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.value')}>
            {moneyText(p.value, p.valueFen)}
            {notCny && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('portal.external.notCny')}
              </Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('portal.external.awarded')}>{p.awardedFen !== null ? moneyText(null, p.awardedFen) : p.awards[0]?.value ? moneyText(p.awards[0].value) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.tenderPeriod')}>{range(p.tenderPeriod)}</Descriptions.Item>
          <Descriptions.Item label={t('portal.external.bids')}>{p.bidCount}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          <a href={p.recordUrl} download={p.origin === 'import' ? `${p.ocid}-compiled.json` : undefined} data-testid="external-record">
            {p.origin === 'import' ? t('portal.external.compiled') : t('portal.external.record')}
          </a>
        </Space>
      </Card>
      <FactList
        title={t('portal.external.bidsTitle')}
        empty={t('portal.external.noBids')}
        testId="external-bids"
        items={p.bids.map((b) => ({ main: b.tenderers.join('、') || '—', facts: [`${t('portal.external.bidValue')} ${moneyText(b.value)}`, codeText('statuses', b.status), b.date && shanghaiDay(b.date)] }))}
      />
      <FactList
        title={t('portal.external.awardsTitle')}
        empty={t('portal.external.noAwards')}
        testId="external-awards"
        strong
        items={p.awards.map((a) => ({ main: `${t('portal.external.suppliers')}：${a.suppliers.join('、') || '—'}`, facts: [a.title, moneyText(a.value), codeText('awardStatuses', a.status), a.date && shanghaiDay(a.date)] }))}
      />
      <FactList
        title={t('portal.external.contractsTitle')}
        empty={t('portal.external.noContracts')}
        testId="external-contracts"
        items={p.contracts.map((c) => ({ main: c.title ?? c.id, facts: [moneyText(c.value), codeText('awardStatuses', c.status), `${t('portal.external.signed')} ${shanghaiDay(c.dateSigned)}`, `${t('portal.external.period')} ${range(c.period)}`] }))}
      />
      <Card title={section(t('portal.external.timeline'))}>
        {p.releases.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            data-testid="external-timeline"
            items={p.releases.map((r) => ({
              children: (
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{r.tags.map((tag) => codeText('tags', tag)).join('、')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {shanghaiDay(r.date)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }}>
                    {r.id}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
