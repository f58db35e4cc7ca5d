import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, InputNumber, List, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatAmount } from '../../money';

type Bilingual = { 'zh-CN': string; 'en-US': string };
interface Summary { id: string; assetType: string; assetTypeName: Bilingual; title: string; status: string; listedPriceFen: number; currentPriceFen: number | null; listingEndsAt: string; auctionEndsAt: string | null }
interface BidderView { id: string; bidderNo: string; name: string | null; depositPaidFen: number; depositPaidAt: string | null; qualified: boolean; deposit: string; refundDueOn: string | null; refundedAt: string | null }
interface ListingView {
  id: string; assetType: string; assetTypeName: Bilingual; title: string; description: string; qualification: string; transferorName: string;
  listedPriceFen: number; reserveFen: number | null; incrementFen: number; depositFen: number; publishedAt: string; listingEndsAt: string;
  status: 'listed' | 'auction' | 'transferred' | 'sold' | 'failed'; confirmedBy: string; extensionSeconds: number;
  auction: { startsAt: string; endsAt: string; extensions: number; currentPriceFen: number | null; leadingBidderNo: string | null } | null;
  notices: { listing: Bilingual; result: Bilingual };
  result: { status: string; priceFen: number | null; at: string; winnerBidderNo: string | null; winnerName: string | null; depositAppliedFen: number } | null;
  bids: { seq: number; bidderNo: string; amountFen: number; at: string; extended: boolean }[];
  bidders: BidderView[]; me: BidderView | null; mayManage: boolean; serverTime: string;
}
interface Live { status: string; currentPriceFen: number | null; leadingBidderNo: string | null; seq: number; minimumNextFen: number; endsAt: string | null; extensions: number; serverTime: string }

/** The page's texts (i18n listings.*), the API's bilingual names and money in the reader's language. */
function useTx() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return { t, bi: (b: Bilingual) => (en ? b['en-US'] : b['zh-CN']), money: (fen: number) => formatAmount(fen, i18n.language) };
}

const STATUS_COLOR: Record<string, string> = { listed: 'blue', auction: 'red', transferred: 'green', sold: 'green', failed: 'default' };

function StatusTag({ status }: { status: string }) {
  const { t } = useTx();
  return <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="listing-status">{t(`listings.status.${status}`, { defaultValue: status })}</Tag>;
}

/** 挂牌与拍卖: every listing, its type, its status and its price. */
export function ListingsPage() {
  const { t, bi, money } = useTx();
  const list = useQuery({ queryKey: ['listings'], queryFn: () => get<Summary[]>('/api/listings') });
  return (
    <Card title={t('listings.title')} data-testid="listings">
      <List
        loading={list.isLoading}
        dataSource={list.data}
        renderItem={(l) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/workspace/listings/${l.id}`}>{l.title}</Link>}
              description={<Space wrap size={4}><Tag>{bi(l.assetTypeName)}</Tag><StatusTag status={l.status} /><span>{t('listings.listedAt')} {money(l.listedPriceFen)}</span>{l.currentPriceFen !== null && <span>· {t('listings.priceNow')} {money(l.currentPriceFen)}</span>}</Space>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The live view (server-sent events) and a countdown on the server's clock. */
function useLive(id: string, onChange: () => void) {
  const [live, setLive] = useState<Live | null>(null);
  const [own, setOwn] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const source = new EventSource(`/api/listings/${id}/live`);
    source.addEventListener('hello', (e) => setOwn(JSON.parse((e as MessageEvent).data).ownBidderNo));
    source.addEventListener('state', (e) => {
      const s = JSON.parse((e as MessageEvent).data) as Live;
      setOffset(Date.parse(s.serverTime) - Date.now());
      setLive((before) => {
        if (!before || before.status !== s.status || before.seq !== s.seq) onChange();
        return s;
      });
    });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);
  return { live, own, offset };
}

function Countdown({ endsAt, offset }: { endsAt: string; offset: number }) {
  const { t } = useTx();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Date.parse(endsAt) - (now + offset));
  const h = Math.floor(left / 3_600_000);
  const m = Math.floor((left % 3_600_000) / 60_000);
  const s = Math.floor((left % 60_000) / 1000);
  const text = `${h > 0 ? `${h}:` : ''}${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return <Statistic title={t('listings.timeLeft')} value={text} valueStyle={{ color: left < 60_000 ? '#cf1322' : undefined }} />;
}

export function ListingPage() {
  const { id = '' } = useParams();
  const { t, bi, money } = useTx();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['listing', id], queryFn: () => get<ListingView>(`/api/listings/${id}`) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['listing', id] });
  const { live, own, offset } = useLive(id, refresh);
  const [amount, setAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const l = query.data;
  const minimum = live?.minimumNextFen ?? l?.listedPriceFen ?? 0;
  const endsAt = live?.endsAt ?? l?.auction?.endsAt ?? l?.listingEndsAt ?? null;
  const act = async (method: string, url: string, body?: unknown, ok?: string) => {
    setBusy(true);
    try {
      await api(method, url, body);
      if (ok) void message.success(ok);
      refresh();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const bidderColumns = useMemo(
    () => [
      { title: t('listings.bidderNo'), dataIndex: 'bidderNo' },
      { title: t('listings.bidder'), dataIndex: 'name' },
      { title: t('listings.deposit'), render: (_: unknown, b: BidderView) => <Tag data-testid={`deposit-${b.bidderNo}`}>{t(`listings.depositStatus.${b.deposit}`, { defaultValue: b.deposit })}</Tag> },
      {
        title: t('listings.qualified'),
        render: (_: unknown, b: BidderView) =>
          b.qualified ? <Tag color="green">{t('listings.confirmed')}</Tag> : l?.status === 'listed' && b.depositPaidAt ? <Button size="small" loading={busy} data-testid={`qualify-${b.bidderNo}`} onClick={() => void act('POST', `/api/listings/${id}/bidders/${b.id}/qualification`, undefined)}>{t('listings.confirm')}</Button> : '—',
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [l, busy],
  );
  if (!l) return <Card loading />;
  const inAuction = (live?.status ?? l.status) === 'auction';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<span style={{ whiteSpace: 'normal' }}>{l.title}</span>} extra={<StatusTag status={live?.status ?? l.status} />}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('listings.type')}>{bi(l.assetTypeName)}</Descriptions.Item>
          <Descriptions.Item label={t('listings.transferor')}>{l.transferorName}</Descriptions.Item>
          <Descriptions.Item label={t('listings.listedPrice')}>{money(l.listedPriceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('listings.increment')}>{money(l.incrementFen)}</Descriptions.Item>
          <Descriptions.Item label={t('listings.deposit')}>{money(l.depositFen)}</Descriptions.Item>
          <Descriptions.Item label={t('listings.listingEnds')}>{formatTime(l.listingEndsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('listings.extension')}>{t('listings.extensionRule', { seconds: l.extensionSeconds })}</Descriptions.Item>
          <Descriptions.Item label={t('listings.qualification')}>{l.qualification || '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>{l.description}</Typography.Paragraph>
        <Typography.Text type="secondary">{bi(l.notices.listing)} · {t('listings.rules')} LA-01…LA-11</Typography.Text>
      </Card>

      {(inAuction || l.auction) && (
        <Card title={t('listings.live')} data-testid="live">
          <Space wrap size="large">
            <Statistic title={t('listings.currentPrice')} value={live?.currentPriceFen !== null && live?.currentPriceFen !== undefined ? money(live.currentPriceFen) : t('listings.noBids')} data-testid="live-price" />
            <Statistic title={t('listings.leader')} value={live?.leadingBidderNo ?? '—'} data-testid="live-leader" />
            {inAuction && endsAt && <Countdown endsAt={endsAt} offset={offset} />}
            <Statistic title={t('listings.extensions')} value={live?.extensions ?? l.auction?.extensions ?? 0} data-testid="live-extensions" />
            {(own ?? l.me?.bidderNo) && <Statistic title={t('listings.myNumber')} value={own ?? l.me!.bidderNo} data-testid="own-number" />}
          </Space>
          {inAuction && l.me?.qualified && (
            <Space.Compact style={{ width: '100%', marginTop: 16 }}>
              <InputNumber<number> style={{ width: '100%' }} min={minimum / 100} step={l.incrementFen / 100} value={amount ?? minimum / 100} onChange={(v) => setAmount(v)} addonAfter={t('listings.yuan')} data-testid="bid-amount" />
              <Button type="primary" loading={busy} data-testid="bid" onClick={() => void act('POST', `/api/listings/${id}/bids`, { amountFen: Math.round((amount ?? minimum / 100) * 100) }, t('listings.bidAccepted')).then(() => setAmount(null))}>
                {t('listings.bid')}
              </Button>
            </Space.Compact>
          )}
          {inAuction && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('listings.minimumBid', { amount: money(minimum) })}</Typography.Paragraph>}
          {l.bids.length > 0 && (
            <Table size="small" rowKey="seq" pagination={{ pageSize: 10 }} dataSource={[...l.bids].reverse()} scroll={{ x: true }} columns={[{ title: '#', dataIndex: 'seq' }, { title: t('listings.bidderNo'), dataIndex: 'bidderNo' }, { title: t('listings.bid'), dataIndex: 'amountFen', render: (f: number) => money(f) }, { title: t('listings.time'), dataIndex: 'at', render: (t: string) => formatTime(t) }, { title: '', dataIndex: 'extended', render: (x: boolean) => (x ? <Tag color="orange">{t('listings.extended')}</Tag> : null) }]} />
          )}
        </Card>
      )}

      {l.result && (
        <Card title={bi(l.notices.result)} data-testid="result-notice">
          {l.result.status === 'failed' ? (
            <Alert type="info" message={t('listings.notSold')} />
          ) : (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('listings.buyer')}><span data-testid="winner-name">{l.result.winnerName}</span>（{t('listings.bidderNo')} {l.result.winnerBidderNo}）</Descriptions.Item>
              <Descriptions.Item label={t('listings.price')}><span data-testid="result-price">{money(l.result.priceFen ?? 0)}</span></Descriptions.Item>
              <Descriptions.Item label={t('listings.depositApplied')}>{money(l.result.depositAppliedFen)}</Descriptions.Item>
              <Descriptions.Item label={t('listings.concluded')}>{formatTime(l.result.at)}</Descriptions.Item>
            </Descriptions>
          )}
          {l.me && <Typography.Paragraph data-testid="my-deposit">{t('listings.myDeposit')}{l.me.deposit === 'refundDue' ? t('listings.refundDueBy', { date: l.me.refundDueOn }) : t(`listings.depositStatus.${l.me.deposit}`, { defaultValue: l.me.deposit })}</Typography.Paragraph>}
        </Card>
      )}

      {l.status === 'listed' && !l.mayManage && !l.me && (
        <Button type="primary" block loading={busy} data-testid="register" onClick={() => void act('POST', `/api/listings/${id}/bidders`, undefined, t('listings.registered'))}>{t('listings.register')}</Button>
      )}
      {l.status === 'listed' && l.me && <Alert type={l.me.qualified ? 'success' : 'info'} message={t('listings.myStatus', { bidderNo: l.me.bidderNo, state: l.me.qualified ? t('listings.qualifiedState') : l.me.depositPaidAt ? t('listings.awaitingQualification') : t('listings.payDeposit', { amount: money(l.depositFen) }) })} />}

      {l.mayManage && (
        <Card title={t('listings.biddersTitle')}>
          <Table size="small" rowKey="id" pagination={false} dataSource={l.bidders} columns={bidderColumns} scroll={{ x: true }} />
        </Card>
      )}
    </Space>
  );
}
