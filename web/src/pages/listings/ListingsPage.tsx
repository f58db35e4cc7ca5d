import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, get, showFieldErrors } from '../../api';
import { formatDuration, formatTime } from '../../format';
import { formatYuan, yuanToFen } from '../../money';
import { hasRole, useSession } from '../../session';

type Bilingual = { 'zh-CN': string; 'en-US': string };
type Status = 'listed' | 'auction' | 'transferred' | 'sold' | 'failed';
type Deposit = 'unpaid' | 'partial' | 'held' | 'applied' | 'refundDue' | 'refunded';
interface Summary { id: string; assetType: string; assetTypeName: Bilingual; title: string; status: Status; listedPriceFen: number; currentPriceFen: number | null; listingEndsAt: string; auctionEndsAt: string | null }
interface BidderView { id: string; bidderNo: string; name: string | null; depositAccountNumber?: string | null; depositPaidFen: number; depositPaidAt: string | null; qualified: boolean; deposit: Deposit; refundDueOn: string | null; refundedAt: string | null }
interface ListingView {
  id: string; assetType: string; assetTypeName: Bilingual; title: string; description: string; qualification: string; transferorName: string;
  listedPriceFen: number; reserveFen: number | null; incrementFen: number; depositFen: number; publishedAt: string; listingEndsAt: string;
  status: Status; confirmedBy: 'transferor' | 'operator' | 'automatic'; extensionSeconds: number;
  auction: { startsAt: string; endsAt: string; extensions: number; currentPriceFen: number | null; leadingBidderNo: string | null } | null;
  notices: { listing: Bilingual; result: Bilingual };
  result: { status: string; priceFen: number | null; at: string; winnerBidderNo: string | null; winnerName: string | null; depositAppliedFen: number } | null;
  bids: { seq: number; bidderNo: string; amountFen: number; at: string; extended: boolean }[];
  bidderCount: number | null;
  bidders: BidderView[]; me: BidderView | null; mayManage: boolean;
  may?: { register: boolean; recordDeposit: boolean; confirmQualification: boolean; bid: boolean };
  serverTime: string;
}
interface Live { status: Status; currentPriceFen: number | null; leadingBidderNo: string | null; seq: number; minimumNextFen: number; endsAt: string | null; extensions: number; serverTime: string }

const ASSET_TYPES = ['propertyRights', 'land', 'judicialAuction', 'carbon'] as const;
const FINAL: readonly Status[] = ['transferred', 'sold', 'failed'];
const STATUS_COLOR: Record<Status, string> = { listed: 'blue', auction: 'red', transferred: 'green', sold: 'green', failed: 'default' };

/**
 * The page's texts (i18n listings.*), the API's bilingual names, and money as exact yuan: an auction's
 * prices and increments must read to the fen (10万 rounded to two decimals would hide an increment of 50元).
 */
function useTx() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return { t, bi: (b: Bilingual) => (en ? b['en-US'] : b['zh-CN']), yuan: (fen: number) => (en ? `¥${formatYuan(fen)}` : `${formatYuan(fen)}元`) };
}

function StatusTag({ status }: { status: Status }) {
  const { t } = useTx();
  return <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="listing-status">{t(`listings.status.${status}`, { defaultValue: status })}</Tag>;
}

/** 挂牌与拍卖: every listing, its type, its status, its price and its end; a transferor publishes one here. */
export function ListingsPage() {
  const { t, bi, yuan } = useTx();
  const { data: session } = useSession();
  const [publishing, setPublishing] = useState(false);
  const list = useQuery({ queryKey: ['listings'], queryFn: () => get<Summary[]>('/api/listings') });
  return (
    <Card
      title={t('listings.title')}
      data-testid="listings"
      extra={hasRole(session, ['purchaser', 'operator']) && <Button type="primary" onClick={() => setPublishing(true)} data-testid="listing-publish-open">{t('listings.publish')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('listings.intro')}</Typography.Paragraph>
      <List
        loading={list.isLoading}
        dataSource={list.data}
        locale={{ emptyText: t('listings.none') }}
        renderItem={(l) => (
          <List.Item data-testid="listing-item">
            <List.Item.Meta
              title={<Link to={`/workspace/listings/${l.id}`} style={{ whiteSpace: 'normal' }}>{l.title}</Link>}
              description={
                <Space wrap size={[8, 4]}>
                  <Tag>{bi(l.assetTypeName)}</Tag>
                  <StatusTag status={l.status} />
                  <span>{t('listings.listedAt')} {yuan(l.listedPriceFen)}</span>
                  {l.currentPriceFen !== null && <span>{t('listings.priceNow')} {yuan(l.currentPriceFen)}</span>}
                  {l.status === 'listed' && <span>{t('listings.listingEndsOn', { time: formatTime(l.listingEndsAt) })}</span>}
                  {l.status === 'auction' && l.auctionEndsAt && <span>{t('listings.auctionEndsOn', { time: formatTime(l.auctionEndsAt) })}</span>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {publishing && <PublishModal onClose={() => setPublishing(false)} />}
    </Card>
  );
}

interface PublishForm { assetType: (typeof ASSET_TYPES)[number]; title: string; description: string; qualification?: string; listedPriceFen: string; incrementFen: string; depositFen: string; reserveFen?: string; endsOn: string }

/** 发布挂牌公告: amounts typed in yuan (the fields carry the API's names so that its refusals land on them). */
function PublishModal({ onClose }: { onClose: () => void }) {
  const { t } = useTx();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<PublishForm>();
  const [busy, setBusy] = useState(false);
  const assetType = Form.useWatch('assetType', form) ?? 'propertyRights';
  const amountRule = (required: boolean) => ({ required, validator: async (_: unknown, v?: string) => {
    if (!v && !required) return;
    if (!v || (yuanToFen(v) ?? 0) <= 0) throw new Error(t('listings.form.amount'));
  } });
  async function submit(v: PublishForm) {
    setBusy(true);
    try {
      const body = { assetType: v.assetType, title: v.title, description: v.description, qualification: v.qualification ?? '', listedPriceFen: yuanToFen(v.listedPriceFen)!, incrementFen: yuanToFen(v.incrementFen)!, depositFen: yuanToFen(v.depositFen) ?? 0, reserveFen: v.reserveFen ? yuanToFen(v.reserveFen) : null, endsOn: v.endsOn };
      const created = await api<{ id: string }>('POST', '/api/listings', body);
      void message.success(t('listings.form.published'));
      await client.invalidateQueries({ queryKey: ['listings'] });
      navigate(`/workspace/listings/${created.id}`);
    } catch (e) {
      if (!showFieldErrors(form, e)) void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const amount = (name: keyof PublishForm, label: string, required = true, extra?: string) => (
    <Form.Item name={name} label={label} rules={[amountRule(required)]} extra={extra}>
      <InputNumber<string> stringMode min="0.01" precision={2} style={{ width: '100%' }} addonAfter={t('listings.yuan')} data-testid={`publish-${name}`} />
    </Form.Item>
  );
  return (
    <Modal open title={t('listings.publish')} onCancel={onClose} onOk={() => form.submit()} okText={t('listings.form.submit')} confirmLoading={busy} okButtonProps={{ 'data-testid': 'publish-submit' } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ assetType: 'propertyRights' }}>
        <Form.Item name="assetType" label={t('listings.type')} rules={[{ required: true }]} extra={t(`listings.form.periodHint.${assetType}`)}>
          <Select options={ASSET_TYPES.map((a) => ({ value: a, label: t(`listings.assetTypes.${a}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('listings.form.title')} rules={[{ required: true, message: t('listings.form.required') }]}><Input maxLength={200} data-testid="publish-title" /></Form.Item>
        <Form.Item name="description" label={t('listings.description')} rules={[{ required: true, message: t('listings.form.required') }]}><Input.TextArea rows={3} maxLength={5000} data-testid="publish-description" /></Form.Item>
        <Form.Item name="qualification" label={t('listings.qualification')}><Input.TextArea rows={2} maxLength={5000} data-testid="publish-qualification" /></Form.Item>
        {amount('listedPriceFen', t('listings.listedPrice'))}
        {amount('incrementFen', t('listings.increment'))}
        {amount('depositFen', t('listings.deposit'))}
        {amount('reserveFen', t('listings.form.reserve'), false, t('listings.form.reserveHelp'))}
        <Form.Item name="endsOn" label={t('listings.form.endsOn')} rules={[{ required: true, message: t('listings.form.required') }]}><Input type="date" data-testid="publish-endsOn" /></Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The live view (server-sent events, while the listing is not yet decided): the price, the leading
 * 竞买号, the end; `onChange` when the status or the bids changed, so the page reads the listing again.
 */
function useLive(id: string, enabled: boolean, onState: (s: Live) => void) {
  const [live, setLive] = useState<Live | null>(null);
  const [own, setOwn] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/api/listings/${id}/live`);
    source.addEventListener('hello', (e) => setOwn(JSON.parse((e as MessageEvent).data).ownBidderNo));
    source.addEventListener('state', (e) => {
      const s = JSON.parse((e as MessageEvent).data) as Live;
      setLive(s);
      onState(s);
    });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, enabled]);
  return { live, own };
}

/** The server's time as this browser estimates it (its own clock plus the offset last seen), ticking. */
function useServerNow(offset: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}

/** A card's title that wraps on a phone instead of being cut off. */
const Wrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'normal' }}>{children}</span>;

/** A figure of the live view, shown as it is (a 竞买号 is no number to group by thousands). */
function Figure({ title, value, testId, color }: { title: string; value: string | number; testId: string; color?: string }) {
  return <Statistic title={title} value={value} formatter={(v) => <span data-testid={testId}>{v}</span>} valueStyle={color ? { color } : undefined} />;
}

/** Days, then h:mm:ss: a listing's weeks and an auction's last seconds alike. */
function timeLeft(ms: number, t: TFunction) {
  const left = Math.max(0, ms);
  const days = Math.floor(left / 86_400_000);
  return days > 0 ? t('listings.daysLeft', { days, rest: formatDuration(left % 86_400_000) }) : formatDuration(left);
}

export function ListingPage() {
  const { id = '' } = useParams();
  const { t, bi, yuan } = useTx();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const client = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [awaiting, setAwaiting] = useState(false);
  const query = useQuery({ queryKey: ['listing', id], queryFn: () => get<ListingView>(`/api/listings/${id}`), refetchInterval: awaiting ? 2000 : false });
  const l = query.data;
  const final = !!l && FINAL.includes(l.status);
  const refresh = () => void client.invalidateQueries({ queryKey: ['listing', id] });
  const lastSeen = useRef<{ status: string; seq: number } | null>(null);
  const { live, own } = useLive(id, !!l && !final, (s) => {
    setOffset(Date.parse(s.serverTime) - Date.now());
    const before = lastSeen.current;
    if (before && (before.status !== s.status || before.seq !== s.seq)) refresh();
    lastSeen.current = { status: s.status, seq: s.seq };
  });
  useEffect(() => {
    if (l) setOffset(Date.parse(l.serverTime) - query.dataUpdatedAt);
  }, [l, query.dataUpdatedAt]);
  const serverNow = useServerNow(offset);
  const [amount, setAmount] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The live stream is fresher than the page's read, except once the result is out.
  const status: Status = !l ? 'listed' : final ? l.status : (live?.status ?? l.status);
  const inAuction = status === 'auction';
  const endsAt = inAuction ? (live?.endsAt ?? l?.auction?.endsAt ?? null) : (l?.listingEndsAt ?? null);
  const listingOver = status === 'listed' && !!l && serverNow >= Date.parse(l.listingEndsAt);
  const auctionOver = inAuction && !!endsAt && serverNow >= Date.parse(endsAt);
  // Past the end on the server's clock, the platform moves the listing on within a moment: read it until it has.
  useEffect(() => setAwaiting(listingOver || auctionOver), [listingOver, auctionOver]);

  if (!l) return <Card loading />;
  const may = l.may ?? { register: false, recordDeposit: false, confirmQualification: false, bid: false };
  const myNumber = own ?? l.me?.bidderNo ?? null;
  const price = live ? live.currentPriceFen : (l.auction?.currentPriceFen ?? null);
  const leader = live ? live.leadingBidderNo : (l.auction?.leadingBidderNo ?? null);
  const extensions = live?.extensions ?? l.auction?.extensions ?? 0;
  const minimum = live?.minimumNextFen ?? (price === null ? l.listedPriceFen : price + l.incrementFen);
  const typedFen = amount === null ? minimum : yuanToFen(amount);
  const tooLow = typedFen === null || typedFen < minimum;

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) void message.success(done);
      refresh();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      refresh();
      return false;
    } finally {
      setBusy(false);
    }
  };
  const bid = () => act(() => api('POST', `/api/listings/${id}/bids`, { amountFen: typedFen }), t('listings.bidAccepted')).then((ok) => ok && setAmount(null));

  const depositText = (b: BidderView) =>
    b.deposit === 'refundDue' ? t('listings.refundDueBy', { date: b.refundDueOn }) : b.deposit === 'refunded' && b.refundedAt ? t('listings.refundedOn', { time: formatTime(b.refundedAt) }) : t(`listings.depositStatus.${b.deposit}`);
  const depositTag = (b: BidderView) => <Tag color={{ unpaid: 'default', partial: 'gold', held: 'blue', applied: 'green', refundDue: 'orange', refunded: 'default' }[b.deposit]} data-testid={`deposit-${b.bidderNo}`} style={{ whiteSpace: 'normal' }}>{depositText(b)}</Tag>;
  const confirmer = l.confirmedBy === 'operator' ? t('listings.byOperator') : t('listings.byTransferor');

  const details = (
    <Card key="details" title={<Wrap>{l.title}</Wrap>} extra={<StatusTag status={status} />}>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('listings.type')}>{bi(l.assetTypeName)}</Descriptions.Item>
        <Descriptions.Item label={t('listings.transferor')}>{l.transferorName}</Descriptions.Item>
        <Descriptions.Item label={t('listings.listedPrice')}><span data-testid="listed-price">{yuan(l.listedPriceFen)}</span></Descriptions.Item>
        <Descriptions.Item label={t('listings.increment')}>{yuan(l.incrementFen)}</Descriptions.Item>
        <Descriptions.Item label={t('listings.deposit')}>{yuan(l.depositFen)}</Descriptions.Item>
        {l.reserveFen !== null && <Descriptions.Item label={t('listings.reserve')}>{yuan(l.reserveFen)} {t('listings.stewardsOnly')}</Descriptions.Item>}
        <Descriptions.Item label={t('listings.listingPeriod')}>{t('listings.periodRange', { from: formatTime(l.publishedAt), to: formatTime(l.listingEndsAt) })}</Descriptions.Item>
        <Descriptions.Item label={t('listings.extension')}>{t('listings.extensionRule', { seconds: l.extensionSeconds })}</Descriptions.Item>
        <Descriptions.Item label={t('listings.qualification')}>{l.qualification || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('listings.description')} span={2}>{l.description}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">{bi(l.notices.listing)}</Typography.Text>
    </Card>
  );
  const phase = status === 'listed' && (
      <Card key="phase" size="small" data-testid="listing-phase">
        {listingOver ? (
          <Alert type="warning" showIcon icon={<Spin size="small" />} message={t('listings.listingEnded')} data-testid="awaiting-result" />
        ) : (
          <Figure title={t('listings.timeLeftListing')} value={timeLeft(Date.parse(l.listingEndsAt) - serverNow, t)} testId="listing-countdown" />
        )}
      </Card>
  );
  const registration = status === 'listed' && !l.mayManage && (l.me || may.register) && (
      <Card key="registration" title={t('listings.mine')} size="small" data-testid="my-registration">
        {l.me ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('listings.myNumber')}><Typography.Text strong data-testid="own-number">{l.me.bidderNo}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('listings.deposit')}>
              {l.me.depositPaidAt ? (
                depositTag(l.me)
              ) : (
                <span data-testid="my-deposit">
                  {l.me.depositPaidFen > 0 ? t('listings.partialPaid', { paid: yuan(l.me.depositPaidFen), short: yuan(l.depositFen - l.me.depositPaidFen) }) : t('listings.payDeposit', { amount: yuan(l.depositFen) })}
                </span>
              )}
            </Descriptions.Item>
            {l.me.depositAccountNumber && !l.me.depositPaidAt && (
              <Descriptions.Item label={t('listings.depositAccount')}>
                <Typography.Text copyable strong data-testid="my-deposit-account">{l.me.depositAccountNumber}</Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('listings.qualified')}>
              <span data-testid="my-qualification">{l.me.qualified ? <Tag color="green">{t('listings.confirmed')}</Tag> : l.me.depositPaidAt ? t('listings.awaiting', { by: confirmer }) : t('listings.afterDeposit')}</span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('listings.registerHint', { amount: yuan(l.depositFen) })}</Typography.Text>
            <Button type="primary" block={phone} loading={busy} data-testid="register" onClick={() => void act(() => api('POST', `/api/listings/${id}/bidders`), t('listings.registered'))}>{t('listings.register')}</Button>
          </Space>
        )}
      </Card>
  );
  const liveCard = (inAuction || l.auction) && (
      <Card key="live" title={t('listings.live')} data-testid="live">
        <Space wrap size={phone ? 'middle' : 'large'} align="start">
          <Figure title={t(inAuction ? 'listings.currentPrice' : 'listings.finalPrice')} value={price !== null ? yuan(price) : t('listings.noBids')} color="#cf1322" testId="live-price" />
          <Figure title={t(inAuction ? 'listings.leader' : 'listings.finalLeader')} value={leader ?? '—'} testId="live-leader" />
          {inAuction && endsAt && !auctionOver && (
            <Figure title={t('listings.timeLeft')} value={timeLeft(Date.parse(endsAt) - serverNow, t)} color={Date.parse(endsAt) - serverNow <= l.extensionSeconds * 1000 ? '#cf1322' : undefined} testId="countdown" />
          )}
          <Figure title={t('listings.extensions')} value={extensions} testId="live-extensions" />
          {myNumber && <Figure title={t('listings.myNumber')} value={myNumber} testId="own-number" />}
        </Space>
        {inAuction && endsAt && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="ends-at">
            {t('listings.endsAt', { time: formatTime(endsAt) })}
            {extensions > 0 && ` · ${t('listings.extendedTimes', { count: extensions })}`}
          </Typography.Paragraph>
        )}
        {inAuction && l.me && !l.me.qualified && <Alert style={{ marginTop: 12 }} type="info" message={t('listings.notQualified')} data-testid="my-position" />}
        {inAuction && l.me?.qualified && leader && (leader === myNumber || l.bids.some((x) => x.bidderNo === myNumber)) && (
          <Alert style={{ marginTop: 12 }} type={leader === myNumber ? 'success' : 'warning'} message={leader === myNumber ? t('listings.youLead') : t('listings.outbid')} data-testid="my-position" />
        )}
        {auctionOver && <Alert style={{ marginTop: 12 }} type="warning" showIcon icon={<Spin size="small" />} message={t('listings.auctionEnded')} data-testid="awaiting-result" />}
        {inAuction && !auctionOver && may.bid && leader !== myNumber && (
          <div style={{ marginTop: 16 }}>
            <Space.Compact style={{ width: '100%', maxWidth: 520 }}>
              <InputNumber<string>
                stringMode
                precision={2}
                min={String(minimum / 100)}
                step={String(l.incrementFen / 100)}
                style={{ width: '100%' }}
                value={amount ?? String(minimum / 100)}
                onChange={(v) => setAmount(v)}
                formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
                parser={(v) => (v ?? '').replace(/,/g, '')}
                addonAfter={t('listings.yuan')}
                aria-label={t('listings.yourBid')}
                data-testid="bid-amount"
              />
              <Popconfirm title={t('listings.confirmBid', { amount: yuan(typedFen ?? 0) })} okText={t('listings.confirmBidOk')} onConfirm={() => void bid()} okButtonProps={{ 'data-testid': 'bid-confirm' } as never} disabled={tooLow}>
                <Button type="primary" loading={busy} disabled={tooLow} data-testid="bid">{t('listings.bid')}</Button>
              </Popconfirm>
            </Space.Compact>
            <Typography.Paragraph type={tooLow ? 'danger' : 'secondary'} style={{ marginTop: 8 }} data-testid="minimum-bid">
              {t(price === null ? 'listings.minimumFirstBid' : 'listings.minimumBid', { amount: yuan(minimum) })}
            </Typography.Paragraph>
          </div>
        )}
        {l.bids.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('listings.history')}</Typography.Title>
            <List
              size="small"
              data-testid="bid-history"
              dataSource={[...l.bids].reverse()}
              pagination={l.bids.length > 10 ? { pageSize: 10, size: 'small' } : false}
              renderItem={(b) => (
                <List.Item data-testid={`bid-${b.seq}`} extra={b.extended ? <Tag color="orange">{t('listings.extended')}</Tag> : null}>
                  <Space wrap size={[12, 0]}>
                    <Typography.Text type="secondary">#{b.seq}</Typography.Text>
                    <Typography.Text strong>{yuan(b.amountFen)}</Typography.Text>
                    <span>{t('listings.bidderNo')} {b.bidderNo}{b.bidderNo === myNumber ? t('listings.me') : ''}</span>
                    <Typography.Text type="secondary">{formatTime(b.at)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
  );
  const result = l.result && <ResultNotice key="result" l={l} depositTag={depositTag} />;
  const bidders = l.mayManage && <BiddersCard key="bidders" l={l} may={may} busy={busy} act={act} depositTag={depositTag} phone={phone} />;
  // What matters now comes first (on a phone, above the fold): the listing and registration while listed, the live auction while it runs, then the result notice.
  const order = status === 'listed' ? [details, phase, registration, bidders] : inAuction ? [liveCard, details, bidders] : [result, liveCard, details, bidders];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {order}
    </Space>
  );
}

/** 成交公告: the buyer by name, the price and how it was reached; the deposits' fate. */
function ResultNotice({ l, depositTag }: { l: ListingView; depositTag: (b: BidderView) => ReactNode }) {
  const { t, bi, yuan } = useTx();
  const r = l.result!;
  const failReason = !l.auction ? 'noBidders' : l.bids.length === 0 ? 'noBids' : 'reserve';
  return (
    <Card title={<Wrap>{bi(l.notices.result)}</Wrap>} data-testid="result-notice">
      {r.status === 'failed' ? (
        <Alert type="info" message={t('listings.notSold')} description={t(`listings.failReasons.${failReason}`)} />
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('listings.buyer')}>
            <Space direction="vertical" size={0}>
              <Typography.Text strong data-testid="winner-name">{r.winnerName}</Typography.Text>
              <span>{t('listings.bidderNo')} <span data-testid="winner-number">{r.winnerBidderNo}</span></span>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('listings.price')}><Typography.Text strong data-testid="result-price">{yuan(r.priceFen ?? 0)}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('listings.way')}><span data-testid="result-way">{t(`listings.ways.${r.status}`, { defaultValue: r.status })}</span></Descriptions.Item>
          <Descriptions.Item label={t('listings.depositApplied')}>{yuan(r.depositAppliedFen)}</Descriptions.Item>
          {r.priceFen !== null && <Descriptions.Item label={t('listings.balance')}>{yuan(r.priceFen - r.depositAppliedFen)}</Descriptions.Item>}
          {l.bidderCount !== null && <Descriptions.Item label={t('listings.bidderCount')}>{l.bidderCount}</Descriptions.Item>}
          <Descriptions.Item label={t('listings.concluded')}>{formatTime(r.at)}</Descriptions.Item>
        </Descriptions>
      )}
      {l.me && l.me.deposit !== 'unpaid' && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {t('listings.myDeposit')} {depositTag(l.me)}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 竞买人: for the transferor and the platform; the operator records deposits, the one who confirms qualification confirms. */
function BiddersCard({ l, may, busy, act, depositTag, phone }: { l: ListingView; may: NonNullable<ListingView['may']>; busy: boolean; act: (work: () => Promise<unknown>, done?: string) => Promise<boolean>; depositTag: (b: BidderView) => ReactNode; phone: boolean }) {
  const { t, yuan } = useTx();
  const [recording, setRecording] = useState<BidderView | null>(null);
  const paid = l.bidders.filter((b) => b.depositPaidAt).length;
  const sealed = l.bidders.some((b) => b.name === null);
  const qualified = l.bidders.filter((b) => b.qualified).length;
  const deposit = (b: BidderView) => (
    <Space direction="vertical" size={2}>
      {depositTag(b)}
      {b.depositPaidAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('listings.paidAt', { amount: yuan(b.depositPaidFen), time: formatTime(b.depositPaidAt) })}</Typography.Text>}
      {!b.depositPaidAt && b.depositPaidFen > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('listings.partialPaid', { paid: yuan(b.depositPaidFen), short: yuan(l.depositFen - b.depositPaidFen) })}</Typography.Text>}
      {b.depositAccountNumber && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('listings.accountShort', { account: b.depositAccountNumber })}</Typography.Text>}
      {/* The operator records a bank's receipt for a deposit of which nothing arrived yet; a part paid is completed by the bank's notices. */}
      {b.deposit === 'unpaid' && may.recordDeposit && <Button size="small" onClick={() => setRecording(b)} data-testid={`record-deposit-${b.bidderNo}`}>{t('listings.recordDeposit')}</Button>}
    </Space>
  );
  const qualification = (b: BidderView) =>
    b.qualified ? (
      <Tag color="green" data-testid={`qualified-${b.bidderNo}`}>{t('listings.confirmed')}</Tag>
    ) : may.confirmQualification && b.depositPaidAt ? (
      <Button size="small" type="primary" loading={busy} data-testid={`qualify-${b.bidderNo}`} onClick={() => void act(() => api('POST', `/api/listings/${l.id}/bidders/${b.id}/qualification`), t('listings.qualifyDone'))}>{t('listings.confirm')}</Button>
    ) : (
      <Typography.Text type="secondary">{b.depositPaidAt ? t('listings.awaiting', { by: l.confirmedBy === 'operator' ? t('listings.byOperator') : t('listings.byTransferor') }) : t('listings.afterDeposit')}</Typography.Text>
    );
  return (
    <Card title={<Wrap>{t('listings.biddersTitle')}</Wrap>} data-testid="bidders">
      <Typography.Paragraph type="secondary">
        {t('listings.biddersSummary', { registered: l.bidders.length, paid, qualified })}
        {sealed && ` ${t('listings.namesSealed')}`}
      </Typography.Paragraph>
      {phone ? (
        <List
          dataSource={l.bidders}
          locale={{ emptyText: t('listings.noBidders') }}
          renderItem={(b) => (
            <List.Item data-testid={`bidder-${b.bidderNo}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{b.name ?? t('listings.nameSealed')}</Typography.Text>
                <span>{t('listings.bidderNo')} {b.bidderNo}</span>
                {deposit(b)}
                <span>
                  <Typography.Text type="secondary">{t('listings.qualified')}：</Typography.Text>
                  {qualification(b)}
                </span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<BidderView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={l.bidders}
          locale={{ emptyText: t('listings.noBidders') }}
          onRow={(b) => ({ 'data-testid': `bidder-${b.bidderNo}` }) as never}
          columns={[
            { title: t('listings.bidderNo'), dataIndex: 'bidderNo', width: 90 },
            { title: t('listings.bidder'), dataIndex: 'name', render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('listings.nameSealed')}</Typography.Text> },
            { title: t('listings.deposit'), key: 'deposit', render: (_, b) => deposit(b) },
            { title: t('listings.qualified'), key: 'qualified', render: (_, b) => qualification(b) },
          ]}
        />
      )}
      {recording && <DepositModal l={l} bidder={recording} onClose={() => setRecording(null)} act={act} />}
    </Card>
  );
}

/** The operator records a deposit from the bank's receipt: the amount (the listing's deposit unless told otherwise) and the receipt's number. */
function DepositModal({ l, bidder, onClose, act }: { l: ListingView; bidder: BidderView; onClose: () => void; act: (work: () => Promise<unknown>, done?: string) => Promise<boolean> }) {
  const { t, yuan } = useTx();
  const [form] = Form.useForm<{ amount: string; reference: string }>();
  const [busy, setBusy] = useState(false);
  async function submit(v: { amount: string; reference: string }) {
    setBusy(true);
    const ok = await act(() => api('POST', `/api/listings/${l.id}/bidders/${bidder.id}/deposit`, { amountFen: yuanToFen(v.amount), reference: v.reference.trim() }), t('listings.depositRecorded'));
    setBusy(false);
    if (ok) onClose();
  }
  return (
    <Modal open title={`${t('listings.recordDeposit')} · ${bidder.name ? `${bidder.name} ` : ''}${t('listings.bidderNo')} ${bidder.bidderNo}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'deposit-submit' } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ amount: String(l.depositFen / 100) }}>
        <Form.Item name="amount" label={t('listings.depositAmount')} extra={t('listings.depositDue', { amount: yuan(l.depositFen) })} rules={[{ required: true, validator: async (_, v?: string) => { if ((yuanToFen(v) ?? 0) <= 0) throw new Error(t('listings.form.amount')); } }]}>
          <InputNumber<string> stringMode min="0.01" precision={2} style={{ width: '100%' }} addonAfter={t('listings.yuan')} data-testid="deposit-amount" />
        </Form.Item>
        <Form.Item name="reference" label={t('listings.depositReference')} rules={[{ required: true, whitespace: true, message: t('listings.form.required') }]}>
          <Input maxLength={100} data-testid="deposit-reference" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
