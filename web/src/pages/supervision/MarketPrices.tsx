import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Popover, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatAmount } from '../../money';

export interface MarketPrice {
  item: string;
  model: string | null;
  period: string;
  contracts: number;
  quantity: number;
  averageFen: number;
  minFen: number;
  maxFen: number;
  spread: number;
}
interface MarketPrices {
  item: string;
  minContracts: number;
  prices: MarketPrice[];
}

const MONTHS = [6, 12, 24, 36];

/** GET /api/market-prices, cached per item and period (what a form asks again as its user types on). */
function useMarketPrices(item: string, months: number, enabled = true) {
  return useQuery({
    queryKey: ['market-prices', item, months],
    queryFn: () => get<MarketPrices>(`/api/market-prices?${new URLSearchParams({ item, months: String(months) })}`),
    enabled: enabled && item.trim().length > 0,
    staleTime: 60_000,
  });
}

/** Why there is nothing to show: the prices need minContracts contracts behind them. */
function NoPrices({ data, months }: { data: MarketPrices; months: number }) {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t('supervision.marketPrices.none')} description={t('supervision.marketPrices.noneDetail', { item: data.item, min: data.minContracts, months })} data-testid="market-prices-none" />;
}

function usePriceColumns(compact = false): ColumnsType<MarketPrice> {
  const { t, i18n } = useTranslation();
  const money = (fen: number) => formatAmount(fen, i18n.language);
  return [
    { key: 'item', title: t('supervision.marketPrices.item'), dataIndex: 'item', render: (v: string) => <span style={{ overflowWrap: 'anywhere' }}>{v}</span> },
    { key: 'model', title: t('supervision.marketPrices.model'), dataIndex: 'model', render: (v: string | null) => v ?? '—' },
    { key: 'period', title: t('supervision.marketPrices.period'), dataIndex: 'period' },
    { key: 'average', title: t('supervision.marketPrices.average'), dataIndex: 'averageFen', align: 'right', render: money, onCell: () => ({ 'data-testid': 'market-price-average' }) as object },
    ...(compact
      ? []
      : ([
          { key: 'min', title: t('supervision.marketPrices.min'), dataIndex: 'minFen', align: 'right', render: money },
          { key: 'max', title: t('supervision.marketPrices.max'), dataIndex: 'maxFen', align: 'right', render: money },
          { key: 'spread', title: t('supervision.marketPrices.spread'), dataIndex: 'spread', align: 'right', render: (v: number) => `${Math.round(v * 1000) / 10}%` },
          { key: 'quantity', title: t('supervision.marketPrices.quantity'), dataIndex: 'quantity', align: 'right' },
        ] as ColumnsType<MarketPrice>)),
    { key: 'contracts', title: t('supervision.marketPrices.contracts'), dataIndex: 'contracts', align: 'right' },
  ];
}

/**
 * 市场均价 (seed 004): the unit prices signed contracts of the reader's province paid for an item, by
 * model and quarter, with the lowest, the highest and how far apart they were. A price needs a number
 * of contracts behind it; when none has, the page says so rather than showing an empty table.
 */
export function MarketPricesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const item = params.get('item') ?? '';
  const months = MONTHS.includes(Number(params.get('months'))) ? Number(params.get('months')) : 12;
  const [text, setText] = useState(item);
  const prices = useMarketPrices(item, months);
  const columns = usePriceColumns();
  const search = (value: string, m = months) => setParams({ ...(value.trim() ? { item: value.trim() } : {}), months: String(m) }, { replace: true });
  const d = prices.data;
  return (
    <Card title={t('supervision.marketPrices.title')} data-testid="market-prices">
      <Typography.Paragraph type="secondary">{t('supervision.marketPrices.intro', { min: d?.minContracts ?? 3 })}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('supervision.marketPrices.item')}
          placeholder={t('supervision.marketPrices.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => search(v)}
          enterButton={t('supervision.marketPrices.search')}
          maxLength={100}
          style={{ width: 'min(360px, 100%)' }}
          data-testid="market-price-search"
        />
        <Select aria-label={t('supervision.marketPrices.months')} value={months} onChange={(m) => search(text, m)} options={MONTHS.map((n) => ({ value: n, label: t('supervision.marketPrices.monthsValue', { n }) }))} style={{ width: 140 }} />
      </Space>
      {prices.error && <Alert type="error" showIcon title={errorText(prices.error)} data-testid="page-error" />}
      {d && d.prices.length === 0 && <NoPrices data={d} months={months} />}
      {item && (!d || d.prices.length > 0) && !prices.error && (
        <Table rowKey={(p) => `${p.item}|${p.model ?? ''}|${p.period}`} size="small" loading={prices.isFetching} dataSource={d?.prices ?? []} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="market-price-table" />
      )}
    </Card>
  );
}

/**
 * 参考市场均价: a small link beside a form's name field; clicked, it looks up what is typed there and
 * shows the prices (or why there are none) in a popover, with a link to the full page.
 */
export function MarketPriceHint({ item }: { item: string | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const wanted = (item ?? '').trim();
  const prices = useMarketPrices(wanted, 12, open);
  const columns = usePriceColumns(true);
  const d = prices.data;
  const content = (
    <div style={{ width: 'min(480px, calc(100vw - 48px))' }} data-testid="market-price-hint-content">
      {!wanted ? (
        <Typography.Text type="secondary">{t('supervision.marketPrices.hintEmpty')}</Typography.Text>
      ) : prices.error ? (
        <Alert type="error" showIcon title={errorText(prices.error)} />
      ) : !d ? (
        <Card loading size="small" variant="borderless" />
      ) : d.prices.length === 0 ? (
        <NoPrices data={d} months={12} />
      ) : (
        <Table rowKey={(p) => `${p.item}|${p.model ?? ''}|${p.period}`} size="small" dataSource={d.prices.slice(0, 6)} columns={columns} pagination={false} scroll={{ x: 'max-content' }} />
      )}
      {wanted && (
        <div style={{ marginTop: 8 }}>
          <Link to={`/workspace/market-prices?${new URLSearchParams({ item: wanted })}`} target="_blank">
            {t('supervision.marketPrices.hintMore')}
          </Link>
        </div>
      )}
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" title={wanted ? t('supervision.marketPrices.hintTitle', { item: wanted }) : t('supervision.marketPrices.hint')} content={content}>
      <Button type="link" size="small" style={{ paddingInline: 0 }} data-testid="market-price-hint">
        {t('supervision.marketPrices.hint')}
      </Button>
    </Popover>
  );
}
