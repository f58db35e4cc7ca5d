import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Grid, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatDuration, formatTime } from '../../format';
import { useSession } from '../../session';
import { AUCTION_POLL_MS, bilingualText, shanghaiDay, STATUS_COLOURS, statusText, yuanText, type PublicBid, type PublicListing } from './listing-data';

/** Labels on one line: on a phone the bordered label column would otherwise break 交易类型 after two characters. */
const LABELS = { label: { whiteSpace: 'nowrap' as const } };

const heading = (text: ReactNode, id?: string) => (
  <Typography.Title level={2} id={id} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
    {text}
  </Typography.Title>
);

/**
 * The server's time now, from the last answer's serverTime and when it arrived, ticking every second
 * while `ticking`: the countdown and what may still be done follow the platform's clock, not the reader's.
 */
function useServerNow(serverTime: string | undefined, receivedAt: number, ticking: boolean): number {
  const [local, setLocal] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setLocal(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  if (!serverTime) return local;
  return Date.parse(serverTime) + Math.max(0, Math.max(local, receivedAt) - receivedAt);
}

/** An <a href> that looks like a primary button and navigates within the app (never a button inside a link). */
function LinkButton({ to, children, testId }: { to: string; children: ReactNode; testId: string }) {
  const navigate = useNavigate();
  return (
    <Button
      type="primary"
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

/** 竞价记录: by 竞买号 only, the newest first; the last bid leads while the auction runs and is the sale after it. */
function BidRecord({ l }: { l: PublicListing }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const last = l.bids.at(-1)?.seq;
  const state = (b: PublicBid) => {
    if (b.seq !== last) return <Tag>{t('portal.listings.outbid')}</Tag>;
    if (l.status === 'sold' && l.result?.winnerBidderNo === b.bidderNo) return <Tag color="green">{t('portal.listings.won')}</Tag>;
    return l.status === 'auction' ? <Tag color="red">{t('portal.listings.leading')}</Tag> : <Tag>{t('portal.listings.outbid')}</Tag>;
  };
  return (
    <Card title={heading(t('portal.listings.bids'), 'listing-bids-title')} data-testid="listing-bids">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('portal.listings.anonymous')}
      </Typography.Paragraph>
      {l.bids.length === 0 ? (
        <Typography.Text type="secondary">{t('portal.listings.noBids')}</Typography.Text>
      ) : phone ? (
        // On a phone one bid is two lines (number, amount and state; time), not a table to scroll sideways.
        <List
          size="small"
          aria-labelledby="listing-bids-title"
          dataSource={[...l.bids].reverse()}
          pagination={l.bids.length > 10 ? { pageSize: 10, size: 'small', align: 'center' } : false}
          renderItem={(b) => (
            <List.Item key={b.seq} style={{ display: 'block', paddingInline: 0 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 8 }}>
                <span>
                  {`${t('portal.listings.bidNo')} `}
                  <span data-testid="bid-number">{b.bidderNo}</span>
                </span>
                <Typography.Text strong>{yuanText(b.amountFen)}</Typography.Text>
                <span style={{ marginLeft: 'auto' }}>
                  {state(b)}
                  {b.extended && <Tag color="orange">{t('portal.listings.extended')}</Tag>}
                </span>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatTime(b.at)}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Table<PublicBid>
          size="small"
          rowKey="seq"
          aria-labelledby="listing-bids-title"
          dataSource={[...l.bids].reverse()}
          pagination={l.bids.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('portal.listings.bidNo'), dataIndex: 'bidderNo', render: (no: string) => <span data-testid="bid-number">{no}</span> },
            { title: t('portal.listings.bidAmount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => yuanText(fen) },
            { title: t('portal.listings.bidAt'), dataIndex: 'at', render: (at: string) => formatTime(at) },
            {
              title: t('portal.listings.bidState'),
              key: 'state',
              render: (_: unknown, b: PublicBid) => (
                <Space size={4}>
                  {state(b)}
                  {b.extended && <Tag color="orange">{t('portal.listings.extended')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** 网络竞价: the price, the leading number and the time left, refreshed by polling the public route. */
function LiveAuction({ l, now, signedIn }: { l: PublicListing; now: number; signedIn: boolean }) {
  const { t } = useTranslation();
  const a = l.auction!;
  const left = Date.parse(a.endsAt) - now;
  const workspace = `/workspace/listings/${l.id}`;
  return (
    <Card title={heading(t('portal.listings.live'))} extra={<Tag color="red">{t('portal.listings.statuses.auction')}</Tag>} data-testid="listing-live">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Statistic
            title={t('portal.listings.livePrice')}
            value={a.currentPriceFen !== null ? yuanText(a.currentPriceFen) : t('portal.listings.noBidYet')}
            styles={{ content: { color: '#a8071a', fontSize: 22 } }}
            data-testid="live-price"
          />
          {a.currentPriceFen === null && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('portal.listings.startingAt', { price: yuanText(l.listedPriceFen) })}
            </Typography.Text>
          )}
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('portal.listings.leader')} value={a.leadingBidderNo ?? '—'} formatter={(v) => String(v)} styles={{ content: { fontSize: 22 } }} data-testid="live-leader" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('portal.listings.timeLeft')} value={left > 0 ? formatDuration(left) : '00:00'} styles={{ content: { fontSize: 22, fontVariantNumeric: 'tabular-nums', color: left < 60_000 ? '#a8071a' : undefined } }} data-testid="live-countdown" />
        </Col>
        <Col xs={12} md={5}>
          <Statistic title={t('portal.listings.extensions')} value={a.extensions} styles={{ content: { fontSize: 22 } }} data-testid="live-extensions" />
        </Col>
      </Row>
      {left <= 0 && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('portal.listings.ended')} data-testid="live-ended" />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 8, fontSize: 13 }}>
        <span style={{ display: 'block' }}>{t('portal.listings.auctionPeriod', { from: formatTime(a.startsAt), to: formatTime(a.endsAt) })}</span>
        <span style={{ display: 'block' }}>{t('portal.listings.liveNote', { seconds: AUCTION_POLL_MS / 1000 })}</span>
      </Typography.Paragraph>
      {!signedIn && left > 0 && (
        <LinkButton to={`/login?next=${encodeURIComponent(workspace)}`} testId="listing-sign-in">
          {t('portal.listings.signInToBidLive')}
        </LinkButton>
      )}
    </Card>
  );
}

/** 成交公告 (or the notice that nothing was sold): the buyer by name, the price and the time, once the result is out. */
function ResultNotice({ l }: { l: PublicListing }) {
  const { t, i18n } = useTranslation();
  const r = l.result!;
  if (l.status === 'failed') {
    return (
      <Card title={heading(bilingualText(l.notices.result))} data-testid="listing-result">
        <Typography.Paragraph style={{ marginBottom: 0 }}>{l.auction ? t('portal.listings.failedAuction') : t('portal.listings.failedListing')}</Typography.Paragraph>
        <Typography.Text type="secondary">{`${t('portal.listings.publishedAt')} ${formatTime(r.at)}`}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={heading(bilingualText(l.notices.result))} data-testid="listing-result">
      <Descriptions styles={LABELS} size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t(`portal.listings.winner.${l.assetType}`)} span={{ xs: 1, md: 2 }}>
          <span data-testid="listing-winner">{r.winnerName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.listings.winnerNo')}>{r.winnerBidderNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('portal.listings.dealPrice')}>
          <Typography.Text strong data-testid="listing-deal-price">
            {r.priceFen !== null ? yuanText(r.priceFen) : '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('portal.listings.how')}>{t(`portal.listings.hows.${l.status === 'transferred' ? 'transferred' : 'sold'}`)}</Descriptions.Item>
        <Descriptions.Item label={t('portal.listings.at')}>{formatTime(r.at)}</Descriptions.Item>
        {l.bidderCount !== null && <Descriptions.Item label={t('portal.listings.bidderCount')}>{l.bidderCount}</Descriptions.Item>}
      </Descriptions>
      {r.depositAppliedFen > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {[t('portal.listings.depositApplied', { amount: yuanText(r.depositAppliedFen) }), (l.bidderCount ?? 0) > 1 && t('portal.listings.depositsRefunded')].filter(Boolean).join(i18n.language === 'en-US' ? ' ' : '')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/**
 * One listing as a visitor reads it on the portal: the 挂牌公告 (transferor, price, increment, deposit,
 * period, conditions, the asset), the live auction while it runs (polled every few seconds: the live
 * stream needs a signed-in reader), the bid record by 竞买号, and once decided the 成交公告 naming the
 * buyer. Registering and bidding are in the trading system, one sign-in away.
 */
export function PublicListingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: session } = useSession();
  const query = useQuery({
    queryKey: ['public-listing', id],
    queryFn: () => get<PublicListing>(`/api/public/listings/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'auction' ? AUCTION_POLL_MS : q.state.data?.status === 'listed' ? 30_000 : false),
  });
  const l = query.data;
  const active = l?.status === 'auction' || l?.status === 'listed';
  const now = useServerNow(l?.serverTime, query.dataUpdatedAt, active);
  if (query.error && !l) return <Alert type="error" title={errorText(query.error)} />;
  if (!l) return <Card loading />;
  const signedIn = session?.stage === 'active';
  const workspace = `/workspace/listings/${l.id}`;
  const open = l.status === 'listed' && now < Date.parse(l.listingEndsAt);
  const judicial = l.assetType === 'judicialAuction';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/listings">{`‹ ${t('portal.listings.back')}`}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0, whiteSpace: 'normal' }} data-testid="listing-title">
          {l.title}
        </Typography.Title>
        <Space wrap size={4}>
          <Tag>{bilingualText(l.assetTypeName)}</Tag>
          <Tag color={STATUS_COLOURS[l.status]} data-testid="listing-status">
            {statusText(l.status, l.auction !== null)}
          </Tag>
        </Space>
        {query.error && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={errorText(query.error)} />}
        {l.status === 'listed' && !open && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('portal.listings.listingOver')} data-testid="listing-over" />}
      </Card>

      {l.result && <ResultNotice l={l} />}
      {l.status === 'auction' && l.auction && <LiveAuction l={l} now={now} signedIn={signedIn} />}
      {l.auction && <BidRecord l={l} />}

      <Card data-testid="listing-notice">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0, textAlign: 'center' }} data-testid="listing-notice-title">
          {bilingualText(l.notices.listing)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {`${t('portal.listings.publishedAt')} ${formatTime(l.publishedAt)}`}
        </Typography.Paragraph>
        <section aria-labelledby="listing-summary">
          <Typography.Title level={3} id="listing-summary" style={{ fontSize: 16 }}>
            {t('portal.listings.summary')}
          </Typography.Title>
          <Descriptions styles={LABELS} size="small" bordered column={{ xs: 1, md: 2 }} data-testid="listing-summary">
            <Descriptions.Item label={t('portal.listings.assetType')}>{bilingualText(l.assetTypeName)}</Descriptions.Item>
            <Descriptions.Item label={t(`portal.listings.transferor.${l.assetType}`)}>
              <span data-testid="listing-transferor">{l.transferorName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t(`portal.listings.listedPrice.${l.assetType}`)}>
              <Typography.Text strong data-testid="listing-price">
                {yuanText(l.listedPriceFen)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.increment')}>{yuanText(l.incrementFen)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.deposit')}>{yuanText(l.depositFen)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.period')}>{t('portal.listings.periodValue', { from: shanghaiDay(l.publishedAt), to: shanghaiDay(l.listingEndsAt) })}</Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.endsAt')}>{formatTime(l.listingEndsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.bidding')}>{t('portal.listings.biddingValue', { seconds: l.extensionSeconds })}</Descriptions.Item>
            <Descriptions.Item label={t('portal.listings.way')} span={{ xs: 1, md: 2 }}>
              {t(`portal.listings.ways.${judicial ? 'auction' : 'transfer'}`)}
            </Descriptions.Item>
          </Descriptions>
        </section>
        <section aria-labelledby="listing-description" style={{ marginTop: 24 }}>
          <Typography.Title level={3} id="listing-description" style={{ fontSize: 16 }}>
            {t('portal.listings.description')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{l.description}</Typography.Paragraph>
        </section>
        <section aria-labelledby="listing-qualification" style={{ marginTop: 24 }}>
          <Typography.Title level={3} id="listing-qualification" style={{ fontSize: 16 }}>
            {t('portal.listings.qualification')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{l.qualification || t('portal.listings.noQualification')}</Typography.Paragraph>
        </section>
        <section aria-labelledby="listing-sign-up" style={{ marginTop: 24 }}>
          <Typography.Title level={3} id="listing-sign-up" style={{ fontSize: 16 }}>
            {t('portal.listings.signUp')}
          </Typography.Title>
          <Typography.Paragraph>{open ? t('portal.listings.signUpText') : t('portal.listings.closed')}</Typography.Paragraph>
          {open &&
            (signedIn ? (
              <LinkButton to={workspace} testId="listing-register">
                {t('portal.listings.openInWorkspace')}
              </LinkButton>
            ) : (
              <LinkButton to={`/login?next=${encodeURIComponent(workspace)}`} testId="listing-register">
                {t('portal.listings.signInToBid')}
              </LinkButton>
            ))}
        </section>
      </Card>
    </Space>
  );
}
