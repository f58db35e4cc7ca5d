import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Select, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime, regionName } from '../../format';
import { useRegions } from '../../regions';
import type { PublicEntity } from './portal-data';

const TYPES = ['purchaser', 'supplier', 'agency', 'authority', 'supervisor', 'treasury', 'operator', 'bank', 'guarantor', 'subPlatform'];
const PAGE_SIZE = 20;

/** 市场主体查询: name, credit code, type, region, status; the filters live in the URL so a search can be shared. */
export function EntityLookupPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const regions = useRegions();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const regionCode = params.get('regionCode') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  useEffect(() => form.setFieldsValue({ q, type: type || undefined, regionCode: regionCode || undefined }), [form, q, type, regionCode]);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(type ? { type } : {}), ...(regionCode ? { regionCode } : {}), page: String(page), pageSize: String(PAGE_SIZE) });
  const result = useQuery({ queryKey: ['public-entities', query.toString()], queryFn: () => get<{ total: number; items: PublicEntity[] }>(`/api/public/entities?${query}`) });
  const search = (values: { q?: string; type?: string; regionCode?: string }, nextPage = 1) => {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.type) next.set('type', values.type);
    if (values.regionCode) next.set('regionCode', values.regionCode);
    if (nextPage > 1) next.set('page', String(nextPage));
    setParams(next);
  };
  // Provinces and cities: districts are too many for a list (the region of a district entity matches its city).
  const regionOptions = (regions.data ?? []).filter((r) => r.level !== 'district').map((r) => ({ value: r.code, label: i18n.language === 'en-US' ? r.nameEn : r.nameZh }));
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('portal.entities.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('portal.entities.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => search(v)} role="search" aria-label={t('portal.entities.title')} data-testid="entity-search" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}>
        <Form.Item name="q" label={t('portal.entities.q')} style={{ flex: '2 1 240px' }}>
          <Input maxLength={100} allowClear data-testid="entity-q" />
        </Form.Item>
        <Form.Item name="type" label={t('portal.entities.type')} style={{ flex: '1 1 160px' }}>
          <Select allowClear placeholder={t('portal.entities.anyType')} options={TYPES.map((v) => ({ value: v, label: t(`entityType.${v}`) }))} data-testid="entity-type" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('portal.entities.region')} style={{ flex: '1 1 160px' }}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('portal.entities.anyRegion')} options={regionOptions} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="entity-submit">
            {t('portal.search.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Table<PublicEntity>
        rowKey="creditCode"
        size="middle"
        loading={result.isLoading}
        dataSource={result.data?.items}
        data-testid="entity-results"
        // 信用记录: a row opens the entity's public credit records (false complaints, complaints upheld against it).
        expandable={{
          // The records are found by the entity's id: a lookup that does not list it has no records to open.
          rowExpandable: (e) => Boolean(e.id),
          expandedRowRender: (e) => <CreditRecords entityId={e.id!} />,
          columnTitle: t('portal.entities.credit'),
          expandIcon: ({ expanded, onExpand, record, expandable }) =>
            expandable ? (
              <Button size="small" type={expanded ? 'primary' : 'default'} aria-expanded={expanded} data-testid="credit-toggle" onClick={(ev) => onExpand(record, ev)}>
                {t('portal.entities.creditShow')}
              </Button>
            ) : null,
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: result.data?.total, showSizeChanger: false, showTotal: (total) => t('portal.entities.total', { total }), onChange: (p) => search({ q, type, regionCode }, p) }}
        columns={[
          { title: t('portal.entities.name'), dataIndex: 'name' },
          { title: t('portal.entities.creditCode'), dataIndex: 'creditCode', render: (v) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
          { title: t('portal.entities.type'), dataIndex: 'entityType', render: (v) => t(`entityType.${v}`) },
          { title: t('portal.entities.region'), dataIndex: 'regionCode', render: (v, e) => (i18n.language === 'en-US' ? regionName(regions.data, v) : e.regionName) },
          { title: t('portal.entities.status'), dataIndex: 'status', render: (v) => <Tag color={v === 'active' ? 'green' : 'orange'}>{t(`entityStatus.${v}`)}</Tag> },
        ]}
      />
    </Card>
  );
}

interface CreditRecord {
  id: string;
  kind: 'falseComplaint' | 'complaintUpheld';
  ruleId: string;
  summary: string;
  recordedAt: string;
  noticeId: string | null;
}

/** An entity's public credit records, each with its rule and the published decision it rests on. */
function CreditRecords({ entityId }: { entityId: string }) {
  const { t } = useTranslation();
  const records = useQuery({ queryKey: ['credit-records', entityId], queryFn: () => get<CreditRecord[]>(`/api/public/entities/${encodeURIComponent(entityId)}/credit-records`) });
  if (records.error) return <Typography.Text type="danger">{errorText(records.error)}</Typography.Text>;
  return (
    <List
      size="small"
      loading={records.isLoading}
      dataSource={records.data ?? []}
      data-testid="credit-records"
      locale={{ emptyText: t('portal.entities.creditNone') }}
      renderItem={(r) => (
        <List.Item data-testid="credit-record" style={{ display: 'block', overflowWrap: 'anywhere' }}>
          <Tag color={r.kind === 'falseComplaint' ? 'red' : 'orange'}>{t(`portal.entities.creditKinds.${r.kind}`)}</Tag>
          <Typography.Text>{r.summary}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('portal.entities.recordedAt')} {formatTime(r.recordedAt)} · <RuleRef id={r.ruleId} />
              {r.noticeId && (
                <>
                  {' · '}
                  <Link to={`/notices/${r.noticeId}`} data-testid="credit-notice">
                    {t('portal.entities.creditNotice')}
                  </Link>
                </>
              )}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
