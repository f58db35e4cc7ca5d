import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, List, Pagination, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { NativeSelect } from '../../components/NativeSelect';
import { codeText, moneyText, shanghaiDay, type ExternalList } from './external-data';

const PAGE_SIZE = 10;

/**
 * 其他平台交易: procurements traded on the sub-platforms (synced) and open data of other publishers
 * (imported), by title and by platform. The search lives in the address, so it can be shared.
 */
export function ExternalListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const platform = params.get('platform') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(q ? { q } : {}), ...(platform ? { platform } : {}) });
  const list = useQuery({ queryKey: ['external', q, platform, page], queryFn: () => get<ExternalList>(`/api/public/external?${query}`) });
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {t('portal.external.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.external.intro')}</Typography.Paragraph>
        <Space wrap style={{ width: '100%' }}>
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            aria-label={t('portal.external.q')}
            placeholder={t('portal.external.q')}
            enterButton={t('portal.external.search')}
            onSearch={(value) => set({ q: value.trim() })}
            style={{ width: 'min(360px, calc(100vw - 64px))' }}
            data-testid="external-search"
          />
          <label htmlFor="external-platform" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, maxWidth: '100%' }}>
            <span style={{ whiteSpace: 'nowrap' }}>{t('portal.external.platform')}</span>
            <span style={{ width: 'min(300px, calc(100vw - 200px))' }}>
              <NativeSelect id="external-platform" testId="external-platform" empty={t('portal.external.anyPlatform')} value={platform || undefined} options={(list.data?.platforms ?? []).map((p) => ({ value: p.name, label: `${p.name}（${p.count}）` }))} onChange={(value) => set({ platform: value ?? '' })} />
            </span>
          </label>
        </Space>
      </Card>
      {list.error && <Alert type="error" title={errorText(list.error)} />}
      <Card loading={list.isLoading}>
        {list.data && list.data.items.length === 0 ? (
          <Empty description={t('portal.external.empty')} />
        ) : (
          <>
            <Typography.Text type="secondary">{t('portal.external.total', { total: list.data?.total ?? 0 })}</Typography.Text>
            <List
              data-testid="external-list"
              dataSource={list.data?.items ?? []}
              renderItem={(p) => (
                <List.Item key={p.ocid}>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Link to={`/external/${encodeURIComponent(p.ocid)}`} style={{ fontSize: 15, wordBreak: 'break-word' }} data-testid="external-item">
                      {p.title}
                    </Link>
                    <div style={{ marginTop: 4 }}>
                      <Tag color={p.origin === 'import' ? 'purple' : 'blue'} style={{ whiteSpace: 'normal', maxWidth: '100%', overflowWrap: 'anywhere' }}>
                        {p.platformName}
                      </Tag>
                      {p.tenderStatus && <Tag>{codeText('statuses', p.tenderStatus)}</Tag>}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', wordBreak: 'break-word' }}>
                      {[p.buyerName, p.procurementMethodDetails ?? codeText('methods', p.procurementMethod), `${t('portal.external.value')} ${moneyText(p.value, p.valueFen)}`, t('portal.external.bidCount', { count: p.bidCount }), shanghaiDay(p.lastDate)].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
            {(list.data?.total ?? 0) > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={list.data?.total} showSizeChanger={false} size="small" onChange={(n) => set({ page: String(n) })} />}
          </>
        )}
      </Card>
    </Space>
  );
}
