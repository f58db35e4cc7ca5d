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

/** Chinese first, English when the reader chose it. */
function useTx() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return { en, tx: (zh: string, enText: string) => (en ? enText : zh), bi: (b: Bilingual) => (en ? b['en-US'] : b['zh-CN']), money: (fen: number) => formatAmount(fen, i18n.language) };
}

const STATUS: Record<string, [string, string, string]> = {
  listed: ['挂牌中', 'Listed', 'blue'],
  auction: ['网络竞价中', 'Live auction', 'red'],
  transferred: ['协议转让成交', 'Transferred at the listed price', 'green'],
  sold: ['竞价成交', 'Sold at auction', 'green'],
  failed: ['未成交', 'Not sold', 'default'],
};

function StatusTag({ status }: { status: string }) {
  const { en } = useTx();
  const s = STATUS[status] ?? [status, status, 'default'];
  return <Tag color={s[2]} data-testid="listing-status">{en ? s[1] : s[0]}</Tag>;
}

/** 挂牌与拍卖: every listing, its type, its status and its price. */
export function ListingsPage() {
  const { tx, bi, money } = useTx();
  const list = useQuery({ queryKey: ['listings'], queryFn: () => get<Summary[]>('/api/listings') });
  return (
    <Card title={tx('挂牌与拍卖', 'Listings and auctions')} data-testid="listings">
      <List
        loading={list.isLoading}
        dataSource={list.data}
        renderItem={(l) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/workspace/listings/${l.id}`}>{l.title}</Link>}
              description={<Space wrap size={4}><Tag>{bi(l.assetTypeName)}</Tag><StatusTag status={l.status} /><span>{tx('挂牌价', 'Listed at')} {money(l.listedPriceFen)}</span>{l.currentPriceFen !== null && <span>· {tx('当前价', 'Now')} {money(l.currentPriceFen)}</span>}</Space>}
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
  const { tx } = useTx();
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
  return <Statistic title={tx('距结束', 'Time left')} value={text} valueStyle={{ color: left < 60_000 ? '#cf1322' : undefined }} />;
}

export function ListingPage() {
  const { id = '' } = useParams();
  const { tx, bi, money } = useTx();
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
      { title: tx('竞买号', 'No.'), dataIndex: 'bidderNo' },
      { title: tx('竞买人', 'Bidder'), dataIndex: 'name' },
      { title: tx('保证金', 'Deposit'), render: (_: unknown, b: BidderView) => <Tag data-testid={`deposit-${b.bidderNo}`}>{tx({ unpaid: '未到账', held: '已到账', applied: '转作价款', refundDue: '待退还', refunded: '已退还' }[b.deposit] ?? b.deposit, b.deposit)}</Tag> },
      {
        title: tx('资格', 'Qualified'),
        render: (_: unknown, b: BidderView) =>
          b.qualified ? <Tag color="green">{tx('已确认', 'Confirmed')}</Tag> : l?.status === 'listed' && b.depositPaidAt ? <Button size="small" loading={busy} data-testid={`qualify-${b.bidderNo}`} onClick={() => void act('POST', `/api/listings/${id}/bidders/${b.id}/qualification`, undefined)}>{tx('确认资格', 'Confirm')}</Button> : '—',
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
          <Descriptions.Item label={tx('类型', 'Type')}>{bi(l.assetTypeName)}</Descriptions.Item>
          <Descriptions.Item label={tx('转让方', 'Transferor')}>{l.transferorName}</Descriptions.Item>
          <Descriptions.Item label={tx('挂牌价（起拍价）', 'Listed (starting) price')}>{money(l.listedPriceFen)}</Descriptions.Item>
          <Descriptions.Item label={tx('加价幅度', 'Increment')}>{money(l.incrementFen)}</Descriptions.Item>
          <Descriptions.Item label={tx('保证金', 'Deposit')}>{money(l.depositFen)}</Descriptions.Item>
          <Descriptions.Item label={tx('挂牌截止', 'Listing ends')}>{formatTime(l.listingEndsAt)}</Descriptions.Item>
          <Descriptions.Item label={tx('限时竞价', 'Extension')}>{tx(`最后${l.extensionSeconds}秒内出价顺延${l.extensionSeconds}秒`, `a bid in the last ${l.extensionSeconds} s extends by ${l.extensionSeconds} s`)}</Descriptions.Item>
          <Descriptions.Item label={tx('资格条件', 'Qualification')}>{l.qualification || '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph>{l.description}</Typography.Paragraph>
        <Typography.Text type="secondary">{bi(l.notices.listing)} · {tx('规则', 'Rules')} LA-01…LA-11</Typography.Text>
      </Card>

      {(inAuction || l.auction) && (
        <Card title={tx('网络竞价', 'Live auction')} data-testid="live">
          <Space wrap size="large">
            <Statistic title={tx('当前价', 'Current price')} value={live?.currentPriceFen !== null && live?.currentPriceFen !== undefined ? money(live.currentPriceFen) : tx('暂无出价', 'No bids yet')} data-testid="live-price" />
            <Statistic title={tx('领先竞买号', 'Leading number')} value={live?.leadingBidderNo ?? '—'} data-testid="live-leader" />
            {inAuction && endsAt && <Countdown endsAt={endsAt} offset={offset} />}
            <Statistic title={tx('延时次数', 'Extensions')} value={live?.extensions ?? l.auction?.extensions ?? 0} data-testid="live-extensions" />
            {(own ?? l.me?.bidderNo) && <Statistic title={tx('我的竞买号', 'My number')} value={own ?? l.me!.bidderNo} data-testid="own-number" />}
          </Space>
          {inAuction && l.me?.qualified && (
            <Space.Compact style={{ width: '100%', marginTop: 16 }}>
              <InputNumber<number> style={{ width: '100%' }} min={minimum / 100} step={l.incrementFen / 100} value={amount ?? minimum / 100} onChange={(v) => setAmount(v)} addonAfter={tx('元', 'yuan')} data-testid="bid-amount" />
              <Button type="primary" loading={busy} data-testid="bid" onClick={() => void act('POST', `/api/listings/${id}/bids`, { amountFen: Math.round((amount ?? minimum / 100) * 100) }, tx('出价成功', 'Bid accepted')).then(() => setAmount(null))}>
                {tx('出价', 'Bid')}
              </Button>
            </Space.Compact>
          )}
          {inAuction && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{tx(`最低出价 ${money(minimum)}`, `Lowest bid now ${money(minimum)}`)}</Typography.Paragraph>}
          {l.bids.length > 0 && (
            <Table size="small" rowKey="seq" pagination={{ pageSize: 10 }} dataSource={[...l.bids].reverse()} scroll={{ x: true }} columns={[{ title: '#', dataIndex: 'seq' }, { title: tx('竞买号', 'No.'), dataIndex: 'bidderNo' }, { title: tx('出价', 'Bid'), dataIndex: 'amountFen', render: (f: number) => money(f) }, { title: tx('时间', 'Time'), dataIndex: 'at', render: (t: string) => formatTime(t) }, { title: '', dataIndex: 'extended', render: (x: boolean) => (x ? <Tag color="orange">{tx('延时', 'extended')}</Tag> : null) }]} />
          )}
        </Card>
      )}

      {l.result && (
        <Card title={bi(l.notices.result)} data-testid="result-notice">
          {l.result.status === 'failed' ? (
            <Alert type="info" message={tx('本项目未成交', 'Not sold')} />
          ) : (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={tx('受让方（买受人）', 'Buyer')}><span data-testid="winner-name">{l.result.winnerName}</span>（{tx('竞买号', 'No.')} {l.result.winnerBidderNo}）</Descriptions.Item>
              <Descriptions.Item label={tx('成交价', 'Price')}><span data-testid="result-price">{money(l.result.priceFen ?? 0)}</span></Descriptions.Item>
              <Descriptions.Item label={tx('保证金转作价款', 'Deposit counted towards the price')}>{money(l.result.depositAppliedFen)}</Descriptions.Item>
              <Descriptions.Item label={tx('成交时间', 'Concluded')}>{formatTime(l.result.at)}</Descriptions.Item>
            </Descriptions>
          )}
          {l.me && <Typography.Paragraph data-testid="my-deposit">{tx('我的保证金：', 'My deposit: ')}{tx({ applied: '转作价款', refundDue: `待退还（最迟 ${l.me.refundDueOn}）`, refunded: '已退还', held: '已到账', unpaid: '未到账' }[l.me.deposit] ?? '', l.me.deposit)}</Typography.Paragraph>}
        </Card>
      )}

      {l.status === 'listed' && !l.mayManage && !l.me && (
        <Button type="primary" block loading={busy} data-testid="register" onClick={() => void act('POST', `/api/listings/${id}/bidders`, undefined, tx('已登记竞买', 'Registered'))}>{tx('竞买登记', 'Register to bid')}</Button>
      )}
      {l.status === 'listed' && l.me && <Alert type={l.me.qualified ? 'success' : 'info'} message={tx(`您的竞买号 ${l.me.bidderNo}：${l.me.qualified ? '资格已确认' : l.me.depositPaidAt ? '保证金已到账，待确认资格' : `请交纳保证金 ${money(l.depositFen)}`}`, `Your number ${l.me.bidderNo}: ${l.me.qualified ? 'qualified' : l.me.depositPaidAt ? 'deposit in, awaiting qualification' : `pay the deposit of ${money(l.depositFen)}`}`)} />}

      {l.mayManage && (
        <Card title={tx('竞买人（仅转让方与平台可见）', 'Bidders (the transferor and the platform only)')}>
          <Table size="small" rowKey="id" pagination={false} dataSource={l.bidders} columns={bidderColumns} scroll={{ x: true }} />
        </Card>
      )}
    </Space>
  );
}
