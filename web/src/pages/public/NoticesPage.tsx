import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Grid, Input, InputNumber, List, Pagination, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api';
import { regionName } from '../../format';
import { formatYuan } from '../../money';
import { useRegions, type Region } from '../../regions';

const TYPES = ['intention', 'prequalification', 'tender', 'singleSource', 'correction', 'openingRecord', 'failure', 'termination', 'award', 'contract', 'acceptance'];
const METHODS = ['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource'];
const PAGE_SIZE = 10;
/** Every facet and the page live in the URL: a search can be shared, bookmarked, and Back works. */
const FILTERS = ['q', 'noticeType', 'regionCode', 'categoryCode', 'method', 'purchaserId', 'agencyId', 'from', 'to', 'minFen', 'maxFen', 'sort'] as const;

interface Facet {
  value: string;
  label: string;
  count: number;
}
interface SearchItem {
  id: string;
  noticeType: string;
  title: string;
  publishedAt: string;
  projectId: string | null;
  purchaserName: string | null;
  agencyName: string | null;
  regionCode: string;
  regionName: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  method: string | null;
  amountFen: number | null;
  highlight: string | null;
  titleHighlight: string | null;
}
interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: SearchItem[];
  facets: Record<'noticeType' | 'regionCode' | 'categoryCode' | 'method' | 'purchaser' | 'agency', Facet[]>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
/**
 * The server's fragments are escaped text with <mark> around the query's words: shown as React
 * text and <mark> elements, never as HTML, so nothing else in them can become markup.
 */
export function Marked({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  let marked = false;
  html.split(/(<\/?mark>)/).forEach((part, i) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = part.replace(/&(amp|lt|gt|quot);/g, (e) => ENTITIES[e]!);
      parts.push(marked ? <mark key={i}>{text}</mark> : <Fragment key={i}>{text}</Fragment>);
    }
  });
  return <>{parts}</>;
}

/** The Shanghai day of an instant, YYYY-MM-DD (the list shows the day; the notice page the time). */
const shanghaiDay = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label}（${count}）`);

/** The region tree of the regions list, each node with the hits in it (a region includes its sub-regions). */
function regionTree(regions: Region[], facet: Facet[], name: (r: Region) => string) {
  const count = (code: string) => {
    const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
    return facet.filter((f) => f.value.startsWith(prefix)).reduce((s, f) => s + f.count, 0);
  };
  interface TreeNode {
    value: string;
    title: string;
    children: TreeNode[];
  }
  const node = (r: Region): TreeNode => ({
    value: r.code,
    title: withCount(name(r), count(r.code)),
    children: regions.filter((c) => c.parentCode === r.code).map(node),
  });
  return regions.filter((r) => !r.parentCode).map(node);
}

/** 货物 / 工程 / 服务 and, below them, the deeper 品目 codes the results have. */
function categoryTree(facet: Facet[], top: (code: string) => string) {
  const count = (code: string) => facet.filter((f) => f.value.startsWith(code)).reduce((s, f) => s + f.count, 0);
  return ['A', 'B', 'C'].map((code) => ({
    value: code,
    title: withCount(top(code), count(code)),
    children: facet.filter((f) => f.value.length > 1 && f.value.startsWith(code)).map((f) => ({ value: f.value, title: withCount(f.label, f.count) })),
  }));
}

export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const regions = useRegions();
  const value = (name: (typeof FILTERS)[number]) => params.get(name) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [keyword, setKeyword] = useState(value('q') ?? '');
  // Back and Forward change the URL: the box follows it.
  useEffect(() => setKeyword(params.get('q') ?? ''), [params]);

  const query = useMemo(() => {
    const q = new URLSearchParams();
    for (const name of FILTERS) if (params.get(name)) q.set(name, params.get(name)!);
    q.set('page', String(page));
    q.set('pageSize', String(PAGE_SIZE));
    return q.toString();
  }, [params, page]);
  const result = useQuery({ queryKey: ['search', query], queryFn: () => get<SearchResult>(`/api/public/search?${query}`), placeholderData: (previous) => previous });
  const facets = result.data?.facets;

  /** Sets (or clears) filters; any change but the page's own goes back to page 1. */
  const update = (changes: Partial<Record<(typeof FILTERS)[number] | 'page', string | undefined | null>>) => {
    const next = new URLSearchParams(params);
    for (const [name, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(name);
      else next.set(name, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const facetCount = (facet: Facet[] | undefined, v: string) => facet?.find((f) => f.value === v)?.count ?? (facet ? 0 : undefined);
  const entityOptions = (facet: Facet[] | undefined, selected: string | undefined) => {
    const options = (facet ?? []).map((f) => ({ value: f.value, label: withCount(f.label, f.count) }));
    if (selected && !options.some((o) => o.value === selected)) options.push({ value: selected, label: selected });
    return options;
  };
  const regionLabel = (r: Region) => (i18n.language === 'en-US' ? r.nameEn : r.nameZh);
  const fenToYuan = (fen: string | undefined) => (fen ? Number(fen) / 100 : null);
  const yuanToFenParam = (yuan: number | string | null) => (yuan === null || yuan === '' ? undefined : String(Math.round(Number(yuan) * 100)));
  const col = { xs: 24, sm: 12, lg: 8 };
  const field = (id: string, label: string, control: ReactNode) => (
    <Col {...col}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {control}
    </Col>
  );
  const hasFilters = FILTERS.some((name) => params.get(name));
  const activeFilters = FILTERS.filter((name) => name !== 'q' && name !== 'sort' && params.get(name)).length;
  // On a phone the eleven controls would push the results off the screen: they fold behind a button.
  const wide = Grid.useBreakpoint().md ?? true;
  const [unfolded, setUnfolded] = useState(false);

  return (
    <Card title={t('trading.noticeList')}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: keyword.trim() || undefined });
        }}
      >
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input
            id="search-q"
            aria-label={t('search.keyword')}
            placeholder={t('search.keywordPlaceholder')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            maxLength={100}
            allowClear
            data-testid="search-keyword"
          />
          <Button type="primary" htmlType="submit" data-testid="search-submit">
            {t('search.submit')}
          </Button>
        </Space.Compact>
      </form>
      {!wide && (
        <Button style={{ marginBottom: 12 }} aria-expanded={unfolded} aria-controls="search-filters" onClick={() => setUnfolded(!unfolded)} data-testid="search-filters-toggle">
          {t('search.filters')}
          {activeFilters ? `（${activeFilters}）` : ''}
        </Button>
      )}
      <Row id="search-filters" gutter={[12, 12]} style={{ marginBottom: 16, display: wide || unfolded ? undefined : 'none' }} aria-label={t('search.filters')} role="group">
        {field(
          'search-region',
          t('search.region'),
          <TreeSelect
            id="search-region"
            style={{ width: '100%' }}
            allowClear
            treeDefaultExpandAll
            value={value('regionCode')}
            treeData={regionTree(regions.data ?? [], facets?.regionCode ?? [], regionLabel)}
            onChange={(v) => update({ regionCode: v })}
          />,
        )}
        {field(
          'search-category',
          t('search.category'),
          <TreeSelect
            id="search-category"
            style={{ width: '100%' }}
            allowClear
            value={value('categoryCode')}
            treeData={categoryTree(facets?.categoryCode ?? [], (code) => t(`search.categories.${code}`))}
            onChange={(v) => update({ categoryCode: v })}
          />,
        )}
        {field(
          'search-method',
          t('search.method'),
          <Select
            id="search-method"
            style={{ width: '100%' }}
            allowClear
            value={value('method')}
            options={METHODS.map((m) => ({ value: m, label: withCount(t(`trading.methods.${m}`), facetCount(facets?.method, m)) }))}
            onChange={(v) => update({ method: v })}
          />,
        )}
        {field(
          'search-type',
          t('search.noticeType'),
          <Select
            id="search-type"
            data-testid="notice-type-filter"
            placeholder={t('trading.noticeType')}
            style={{ width: '100%' }}
            allowClear
            value={value('noticeType')}
            options={TYPES.map((v) => ({ value: v, label: withCount(t(`trading.noticeTypes.${v}`), facetCount(facets?.noticeType, v)) }))}
            onChange={(v) => update({ noticeType: v })}
          />,
        )}
        {field(
          'search-purchaser',
          t('search.purchaser'),
          <Select id="search-purchaser" style={{ width: '100%' }} allowClear showSearch optionFilterProp="label" value={value('purchaserId')} options={entityOptions(facets?.purchaser, value('purchaserId'))} onChange={(v) => update({ purchaserId: v })} />,
        )}
        {field(
          'search-agency',
          t('search.agency'),
          <Select id="search-agency" style={{ width: '100%' }} allowClear showSearch optionFilterProp="label" value={value('agencyId')} options={entityOptions(facets?.agency, value('agencyId'))} onChange={(v) => update({ agencyId: v })} />,
        )}
        {field(
          'search-from',
          t('search.from'),
          <DatePicker id="search-from" style={{ width: '100%' }} value={value('from') ? dayjs(value('from')) : null} onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })} />,
        )}
        {field(
          'search-to',
          t('search.to'),
          <DatePicker id="search-to" style={{ width: '100%' }} value={value('to') ? dayjs(value('to')) : null} onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })} />,
        )}
        {field(
          'search-sort',
          t('search.sort'),
          <Select
            id="search-sort"
            style={{ width: '100%' }}
            value={value('sort') ?? (value('q') ? 'relevance' : 'date')}
            options={[
              { value: 'relevance', label: t('search.relevance'), disabled: !value('q') },
              { value: 'date', label: t('search.date') },
            ]}
            onChange={(v) => update({ sort: v })}
          />,
        )}
        {field(
          'search-min',
          t('search.minYuan'),
          <InputNumber id="search-min" style={{ width: '100%' }} min={0} precision={2} value={fenToYuan(value('minFen'))} onChange={(v) => update({ minFen: yuanToFenParam(v) })} />,
        )}
        {field(
          'search-max',
          t('search.maxYuan'),
          <InputNumber id="search-max" style={{ width: '100%' }} min={0} precision={2} value={fenToYuan(value('maxFen'))} onChange={(v) => update({ maxFen: yuanToFenParam(v) })} />,
        )}
        <Col {...col} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Button disabled={!hasFilters} onClick={() => setParams(new URLSearchParams())}>
            {t('search.reset')}
          </Button>
        </Col>
      </Row>
      {result.error && <Typography.Text type="danger">{String((result.error as Error).message)}</Typography.Text>}
      <section aria-label={t('search.results')} aria-busy={result.isFetching}>
        <Typography.Text type="secondary" data-testid="search-total">
          {t('search.total', { count: result.data?.total ?? 0 })}
        </Typography.Text>
        <List<SearchItem>
          loading={result.isLoading}
          dataSource={result.data?.items}
          locale={{ emptyText: <Empty description={t('search.none')} /> }}
          renderItem={(n) => (
            <List.Item key={n.id} data-testid="search-result" style={{ display: 'block' }}>
              <div style={{ overflowWrap: 'anywhere' }}>
                <Tag color="blue">{t(`trading.noticeTypes.${n.noticeType}`, { defaultValue: n.noticeType })}</Tag>
                <Link to={`/notices/${n.id}`} style={{ fontWeight: 500 }}>
                  {n.titleHighlight ? <Marked html={n.titleHighlight} /> : n.title}
                </Link>
              </div>
              <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, marginTop: 4, overflowWrap: 'anywhere' }}>
                {[
                  `${t('search.publishedAt')} ${shanghaiDay(n.publishedAt)}`,
                  n.purchaserName && `${t('search.purchaser')} ${n.purchaserName}`,
                  n.agencyName && `${t('search.agency')} ${n.agencyName}`,
                  `${t('search.region')} ${regions.data ? regionName(regions.data, n.regionCode) : (n.regionName ?? n.regionCode)}`,
                  n.categoryCode && `${t('search.category')} ${n.categoryCode.length === 1 ? t(`search.categories.${n.categoryCode}`) : (n.categoryName ?? n.categoryCode)}`,
                  n.amountFen !== null && `${formatYuan(n.amountFen)} 元`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
              {n.highlight && (
                <div style={{ marginTop: 4, fontSize: 13, overflowWrap: 'anywhere' }} data-testid="search-highlight">
                  <Marked html={n.highlight} />
                </div>
              )}
            </List.Item>
          )}
        />
        <Pagination
          style={{ marginTop: 16, textAlign: 'right' }}
          current={page}
          pageSize={PAGE_SIZE}
          total={Math.min(result.data?.total ?? 0, 1000 * PAGE_SIZE)}
          showSizeChanger={false}
          size="small"
          onChange={(p) => update({ page: String(p) })}
        />
      </section>
    </Card>
  );
}
