import { useQuery } from '@tanstack/react-query';
import { Button, Col, Empty, Grid, Row, Space, Tag } from 'antd';
// The input alone: antd's Input also brings its text area, password, OTP and search boxes.
import Input from 'antd/es/input/Input';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api';
import { Card, Text } from '../../components/light';
import { List, ListItem, Pagination } from '../../components/light-list';
import { NativeSelect, type NativeOption } from '../../components/NativeSelect';
import { regionName } from '../../format';
import { formatYuan } from '../../money';
import { useRegions, type Region } from '../../regions';

const TYPES = ['intention', 'prequalification', 'tender', 'singleSource', 'correction', 'openingRecord', 'failure', 'termination', 'candidates', 'award', 'contract', 'acceptance', 'complaintDecision'];
const METHODS = ['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource', 'framework'];
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
  /** Fragments of the attachments' text, when the words are only there. */
  attachmentHighlight: string | null;
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

/** A tree's level shown in a flat list of options: an ideographic space per level down. */
const indent = (depth: number, label: string) => '\u3000'.repeat(depth) + label;

/** The regions list as a tree in options, each region with the hits in it (a region includes its sub-regions). */
function regionOptions(regions: Region[], facet: Facet[], name: (r: Region) => string): NativeOption[] {
  const count = (code: string) => {
    const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
    return facet.filter((f) => f.value.startsWith(prefix)).reduce((s, f) => s + f.count, 0);
  };
  const branch = (r: Region, depth: number): NativeOption[] => [
    { value: r.code, label: indent(depth, withCount(name(r), count(r.code))) },
    ...regions.filter((c) => c.parentCode === r.code).flatMap((c) => branch(c, depth + 1)),
  ];
  return regions.filter((r) => !r.parentCode).flatMap((r) => branch(r, 0));
}

/** 货物 / 工程 / 服务 and, below each, the deeper 品目 codes the results have. */
function categoryOptions(facet: Facet[], top: (code: string) => string): NativeOption[] {
  const count = (code: string) => facet.filter((f) => f.value.startsWith(code)).reduce((s, f) => s + f.count, 0);
  return ['A', 'B', 'C'].flatMap((code) => [
    { value: code, label: withCount(top(code), count(code)) },
    ...facet.filter((f) => f.value.length > 1 && f.value.startsWith(code)).map((f) => ({ value: f.value, label: indent(1, withCount(f.label, f.count)) })),
  ]);
}

const fenToYuanText = (fen: string | undefined) => (fen ? String(Number(fen) / 100) : '');
const yuanTextToFen = (yuan: string) => (yuan === '' || !Number.isFinite(Number(yuan)) ? undefined : String(Math.max(0, Math.round(Number(yuan) * 100))));

/**
 * An amount in yuan (to the fen), put in the address as the reader types. What is typed stays as typed
 * ("12." on the way to "12.5"); it follows the address when that changes otherwise (Back, 清除条件).
 */
function YuanInput({ id, fen, onChange }: { id: string; fen: string | undefined; onChange: (fen: string | undefined) => void }) {
  const [text, setText] = useState(fenToYuanText(fen));
  // Only a change of the address resets the text, not each keystroke.
  useEffect(() => {
    if (yuanTextToFen(text) !== fen) setText(fenToYuanText(fen));
  }, [fen]);
  return (
    <Input
      id={id}
      type="number"
      inputMode="decimal"
      min={0}
      step={0.01}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(yuanTextToFen(e.target.value));
      }}
    />
  );
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

  /**
   * Sets (or clears) filters; any change but the page's own goes back to page 1. It starts from the address
   * bar, not from `params`: the router renders a change as a transition, so a second filter chosen before
   * that render would otherwise undo the first (CI caught a purchaser choice dropping the notice type).
   */
  const update = (changes: Partial<Record<(typeof FILTERS)[number] | 'page', string | undefined | null>>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [name, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(name);
      else next.set(name, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  const facetCount = (facet: Facet[] | undefined, v: string) => facet?.find((f) => f.value === v)?.count ?? (facet ? 0 : undefined);
  const entityOptions = (facet: Facet[] | undefined, selected: string | undefined): NativeOption[] => {
    const options = (facet ?? []).map((f) => ({ value: f.value, label: withCount(f.label, f.count) }));
    if (selected && !options.some((o) => o.value === selected)) options.push({ value: selected, label: selected });
    return options;
  };
  const regionLabel = (r: Region) => (i18n.language === 'en-US' ? r.nameEn : r.nameZh);
  const any = t('search.any');
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
        {field('search-region', t('search.region'), <NativeSelect id="search-region" empty={any} value={value('regionCode')} options={regionOptions(regions.data ?? [], facets?.regionCode ?? [], regionLabel)} onChange={(v) => update({ regionCode: v })} />)}
        {field(
          'search-category',
          t('search.category'),
          <NativeSelect id="search-category" empty={any} value={value('categoryCode')} options={categoryOptions(facets?.categoryCode ?? [], (code) => t(`search.categories.${code}`))} onChange={(v) => update({ categoryCode: v })} />,
        )}
        {field(
          'search-method',
          t('search.method'),
          <NativeSelect id="search-method" empty={any} value={value('method')} options={METHODS.map((m) => ({ value: m, label: withCount(t(`trading.methods.${m}`), facetCount(facets?.method, m)) }))} onChange={(v) => update({ method: v })} />,
        )}
        {field(
          'search-type',
          t('search.noticeType'),
          <NativeSelect
            id="search-type"
            testId="notice-type-filter"
            empty={t('trading.noticeType')}
            value={value('noticeType')}
            options={TYPES.map((v) => ({ value: v, label: withCount(t(`trading.noticeTypes.${v}`), facetCount(facets?.noticeType, v)) }))}
            onChange={(v) => update({ noticeType: v })}
          />,
        )}
        {field('search-purchaser', t('search.purchaser'), <NativeSelect id="search-purchaser" empty={any} value={value('purchaserId')} options={entityOptions(facets?.purchaser, value('purchaserId'))} onChange={(v) => update({ purchaserId: v })} />)}
        {field('search-agency', t('search.agency'), <NativeSelect id="search-agency" empty={any} value={value('agencyId')} options={entityOptions(facets?.agency, value('agencyId'))} onChange={(v) => update({ agencyId: v })} />)}
        {/* The browser's own date picker: on a phone the system's. */}
        {field('search-from', t('search.from'), <Input id="search-from" type="date" value={value('from') ?? ''} onChange={(e) => update({ from: e.target.value || undefined })} />)}
        {field('search-to', t('search.to'), <Input id="search-to" type="date" value={value('to') ?? ''} onChange={(e) => update({ to: e.target.value || undefined })} />)}
        {field(
          'search-sort',
          t('search.sort'),
          <NativeSelect
            id="search-sort"
            value={value('sort') ?? (value('q') ? 'relevance' : 'date')}
            options={[
              { value: 'relevance', label: t('search.relevance'), disabled: !value('q') },
              { value: 'date', label: t('search.date') },
            ]}
            onChange={(v) => update({ sort: v })}
          />,
        )}
        {field('search-min', t('search.minYuan'), <YuanInput id="search-min" fen={value('minFen')} onChange={(fen) => update({ minFen: fen })} />)}
        {field('search-max', t('search.maxYuan'), <YuanInput id="search-max" fen={value('maxFen')} onChange={(fen) => update({ maxFen: fen })} />)}
        <Col {...col} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Button disabled={!hasFilters} onClick={() => setParams(new URLSearchParams())}>
            {t('search.reset')}
          </Button>
        </Col>
      </Row>
      {result.error && <Text type="danger">{String((result.error as Error).message)}</Text>}
      <section aria-label={t('search.results')} aria-busy={result.isFetching}>
        <Text type="secondary" data-testid="search-total">
          {t('search.total', { count: result.data?.total ?? 0 })}
        </Text>
        <List loading={result.isLoading} empty={result.data?.items.length === 0 && <Empty description={t('search.none')} />}>
          {result.data?.items.map((n) => (
            <ListItem key={n.id} data-testid="search-result" style={{ display: 'block' }}>
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
              {/* The fragments of the notice, or of its attachments when the words are only there. */}
              {(n.highlight ?? n.attachmentHighlight) && (
                <div style={{ marginTop: 4, fontSize: 13, overflowWrap: 'anywhere' }} data-testid={n.highlight ? 'search-highlight' : 'search-attachment-highlight'}>
                  {!n.highlight && t('search.inAttachment')}
                  <Marked html={(n.highlight ?? n.attachmentHighlight)!} />
                </div>
              )}
            </ListItem>
          ))}
        </List>
        <Pagination
          style={{ marginTop: 16 }}
          label={t('search.pages')}
          current={page}
          pageSize={PAGE_SIZE}
          total={Math.min(result.data?.total ?? 0, 1000 * PAGE_SIZE)}
          href={(p) => `?${new URLSearchParams({ ...Object.fromEntries(params), page: String(p) })}`}
          onChange={(p) => update({ page: String(p) })}
        />
      </section>
    </Card>
  );
}
