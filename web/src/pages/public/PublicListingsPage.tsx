import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { ASSET_TYPES, LISTING_STATUSES, shanghaiDay, STATUS_COLOURS, statusText, yuanText, type AssetType, type ListingStatus, type ListingSummary } from './listing-data';

/** One row of filter choices (全部 and each value with its count), as buttons the reader presses; the choice is in the address. */
function FilterRow<T extends string>({ label, values, selected, text, count, onChange, testId }: { label: string; values: readonly T[]; selected: T | undefined; text: (v: T) => string; count: (v: T | undefined) => number; onChange: (v: T | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  const choice = (value: T | undefined, name: string) => (
    <Button key={value ?? ''} size="small" type={selected === value ? 'primary' : 'text'} aria-pressed={selected === value} onClick={() => onChange(value)} data-testid={`${testId}-${value ?? 'all'}`}>
      {t('portal.listings.withCount', { label: name, count: count(value) })}
    </Button>
  );
  return (
    <div role="group" aria-label={label} style={{ display: 'flex', alignItems: 'baseline', gap: 8, minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', flex: 'none' }}>
        {label}
      </Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, minWidth: 0 }}>
        {choice(undefined, t('portal.listings.all'))}
        {values.map((v) => choice(v, text(v)))}
      </div>
    </div>
  );
}

/**
 * 产权交易 · 挂牌公告: every listing (state-owned property rights, land, judicial auctions, carbon quotas),
 * newest first, filtered by asset type and status in the address (so a search can be shared). The list
 * is short and the route has no filters: they apply here. While an auction runs its price refreshes.
 */
export function PublicListingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const type = ASSET_TYPES.find((v) => v === params.get('type'));
  const status = LISTING_STATUSES.find((v) => v === params.get('status'));
  const list = useQuery({
    queryKey: ['public-listings'],
    queryFn: () => get<ListingSummary[]>('/api/public/listings'),
    refetchInterval: (q) => (q.state.data?.some((l) => l.status === 'auction') ? 10_000 : false),
  });
  const all = [...(list.data ?? [])].reverse();
  const ofType = (v: AssetType | undefined) => all.filter((l) => !v || l.assetType === v);
  const ofStatus = (v: ListingStatus | undefined) => all.filter((l) => !v || l.status === v);
  const shown = ofType(type).filter((l) => !status || l.status === status);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    setParams(next);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {t('portal.listings.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.listings.intro')}</Typography.Paragraph>
        <Space direction="vertical" size="small" style={{ width: '100%' }} aria-label={t('portal.listings.filters')} role="group">
          <FilterRow label={t('portal.listings.type')} values={ASSET_TYPES} selected={type} text={(v) => t(`portal.listings.types.${v}`)} count={(v) => ofStatus(status).filter((l) => !v || l.assetType === v).length} onChange={(v) => set({ type: v })} testId="listing-type" />
          <FilterRow label={t('portal.listings.status')} values={LISTING_STATUSES} selected={status} text={(v) => t(`portal.listings.statuses.${v}`)} count={(v) => ofType(type).filter((l) => !v || l.status === v).length} onChange={(v) => set({ status: v })} testId="listing-status" />
        </Space>
      </Card>
      {list.error && <Alert type="error" title={errorText(list.error)} />}
      <Card loading={list.isLoading}>
        {list.data && shown.length === 0 ? (
          <Empty description={t('portal.listings.empty')}>
            {(type || status) && <Button onClick={() => set({ type: undefined, status: undefined })}>{t('portal.listings.reset')}</Button>}
          </Empty>
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="listing-total">
              {t('portal.listings.total', { total: shown.length })}
            </Typography.Text>
            <List
              data-testid="listing-list"
              dataSource={shown}
              renderItem={(l) => (
                <List.Item key={l.id}>
                  <div style={{ width: '100%', minWidth: 0 }} data-testid="listing-row">
                    <Link to={`/listings/${l.id}`} style={{ fontSize: 15, wordBreak: 'break-word' }} data-testid="listing-item">
                      {l.title}
                    </Link>
                    <div style={{ marginTop: 4 }}>
                      <Tag>{t(`portal.listings.types.${l.assetType}`)}</Tag>
                      <Tag color={STATUS_COLOURS[l.status]} data-testid="listing-row-status">
                        {statusText(l.status, l.auctionEndsAt !== null)}
                      </Tag>
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block', wordBreak: 'break-word' }}>
                      {[
                        `${t(`portal.listings.listedPrice.${l.assetType}`)} ${yuanText(l.listedPriceFen)}`,
                        l.status === 'auction' && l.currentPriceFen !== null && `${t('portal.listings.currentPrice')} ${yuanText(l.currentPriceFen)}`,
                        l.status === 'sold' && l.currentPriceFen !== null && `${t('portal.listings.dealPrice')} ${yuanText(l.currentPriceFen)}`,
                        l.status === 'transferred' && `${t('portal.listings.dealPrice')} ${yuanText(l.listedPriceFen)}`,
                        l.status === 'listed' && `${t('portal.listings.listingEnds')} ${shanghaiDay(l.listingEndsAt)}`,
                        l.status === 'auction' && l.auctionEndsAt && `${t('portal.listings.auctionEnds')} ${formatTime(l.auctionEndsAt)}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
