import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorText, get } from '../../api';
import { beijingTime, enterPicksDateOnly } from '../../forms';
import { formatTime } from '../../format';
import { yuanToFen } from '../../money';
import { hasRole, useSession } from '../../session';
import { useMallText, type Basket, type BasketStatus, type Product } from './types';

const STATUS_COLOR: Record<BasketStatus, string> = { bidding: 'processing', awaitingConfirmation: 'warning', awarded: 'success', failed: 'default' };

/** The status of a basket as its reader should read it: 竞价中 until the close, then what the close found. */
export function BasketStatusTag({ basket }: { basket: Pick<Basket, 'status' | 'sealed'> }) {
  const { t } = useMallText();
  const closing = basket.status === 'bidding' && !basket.sealed;
  return (
    <Tag color={closing ? 'default' : STATUS_COLOR[basket.status]} data-testid="basket-status">
      {closing ? t('mall.baskets.closing') : t(`mall.baskets.statuses.${basket.status}`)}
    </Tag>
  );
}

/** 网上竞价 in the e-mall page: the baskets the reader may see; purchasers put one out from here. */
export function BasketsCard() {
  const { t, money } = useMallText();
  const { data: session } = useSession();
  const baskets = useQuery({ queryKey: ['mall', 'baskets'], queryFn: () => get<{ items: Basket[] }>('/api/mall/baskets') });
  return (
    <Card
      title={t('mall.baskets.title')}
      extra={
        hasRole(session, ['purchaser']) && (
          <Link to="/workspace/mall/baskets/new">
            <Button type="primary" data-testid="basket-new">{t('mall.baskets.publish')}</Button>
          </Link>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('mall.baskets.intro')}</Typography.Paragraph>
      <List
        loading={baskets.isLoading}
        dataSource={baskets.data?.items ?? []}
        locale={{ emptyText: t('mall.baskets.none') }}
        renderItem={(b) => (
          <List.Item data-testid="basket-item">
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/workspace/mall/baskets/${b.id}`} data-testid="basket-link">{b.title}</Link>
                  <BasketStatusTag basket={b} />
                </Space>
              }
              description={
                <Space wrap size={[12, 0]}>
                  <span>{b.basketNumber}</span>
                  <span>{b.purchaserName}</span>
                  <span>{t('mall.baskets.budget')} {money(b.budgetFen)}</span>
                  <span>{t('mall.baskets.closesAt')} {formatTime(b.closesAt)}</span>
                  {b.result?.supplierName && (
                    <span>
                      {t('mall.baskets.winner')} {b.result.supplierName} · {money(b.result.priceFen!)}
                    </span>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

interface LineForm {
  categoryCode: string;
  name: string;
  specification: string;
  quantity: number;
  budgetUnitPriceYuan: string;
}
interface BasketForm {
  title: string;
  lines: LineForm[];
  deliveryAddress: string;
  closesAt: dayjs.Dayjs;
  splitReason?: string;
}

/** 发起网上竞价: the purchaser's basket, its close and where to deliver; the split-purchase warning as for an order (MALL-03). */
export function BasketNewPage() {
  const { t, money, language, categories } = useMallText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<BasketForm>();
  const [warning, setWarning] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lines = Form.useWatch('lines', form) ?? [];
  const budget = lines.reduce((n, l) => n + (l?.quantity ?? 0) * (yuanToFen(l?.budgetUnitPriceYuan) ?? 0), 0);

  async function submit(v: BasketForm) {
    setBusy(true);
    try {
      const body = {
        title: v.title,
        lines: v.lines.map((l) => ({ categoryCode: l.categoryCode, name: l.name, specification: l.specification, quantity: l.quantity, budgetUnitPriceFen: yuanToFen(l.budgetUnitPriceYuan) ?? 0 })),
        deliveryAddress: v.deliveryAddress,
        closesAt: beijingTime(v.closesAt),
        ...(warning ? { acknowledgeSplit: true, splitReason: v.splitReason ?? '' } : {}),
      };
      const created = await api<Basket>('POST', '/api/mall/baskets', body);
      message.success(t('mall.baskets.published'));
      await client.invalidateQueries({ queryKey: ['mall'] });
      navigate(`/workspace/mall/baskets/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SPLIT_PURCHASE_WARNING') setWarning(e.localized());
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('mall.baskets.publish')} extra={<Link to="/workspace/mall">{t('mall.baskets.back')}</Link>}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mall.baskets.periodHint')} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ lines: [{ quantity: 1 }] }} {...enterPicksDateOnly}>
        <Form.Item name="title" label={t('mall.baskets.titleField')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="basket-title" />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} title={`${t('mall.baskets.line')} ${i + 1}`} extra={fields.length > 1 && <Button size="small" onClick={() => remove(field.name)}>{t('mall.baskets.removeLine')}</Button>}>
                  <Form.Item name={[field.name, 'categoryCode']} label={t('mall.category')} rules={[{ required: true }]}>
                    <Select data-testid={`basket-line-category-${i}`} options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name[language]}` }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} label={t('mall.name')} rules={[{ required: true, min: 2 }]}>
                    <Input data-testid={`basket-line-name-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'specification']} label={t('mall.specification')} rules={[{ required: true, min: 2 }]}>
                    <Input.TextArea rows={2} data-testid={`basket-line-spec-${i}`} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name={[field.name, 'quantity']} label={t('mall.quantity')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100000} precision={0} data-testid={`basket-line-quantity-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'budgetUnitPriceYuan']} label={t('mall.baskets.budgetUnitPrice')} rules={[{ required: true }]}>
                      <InputNumber min="0.01" precision={2} stringMode addonAfter={language === 'zh-CN' ? '元' : 'yuan'} data-testid={`basket-line-budget-${i}`} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add({ quantity: 1 })} style={{ marginBottom: 16 }} data-testid="basket-add-line">{t('mall.baskets.addLine')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="deliveryAddress" label={t('mall.baskets.deliveryAddress')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="basket-address" />
        </Form.Item>
        <Form.Item name="closesAt" label={t('mall.baskets.closesAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="basket-closes" />
        </Form.Item>
        <Typography.Paragraph strong data-testid="basket-budget">
          {t('mall.baskets.budget')}：{money(budget)}
        </Typography.Paragraph>
        {warning && (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('mall.baskets.splitTitle')} description={warning} data-testid="basket-split-warning" />
            <Form.Item name="splitReason" label={t('mall.baskets.splitReason')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={2} data-testid="basket-split-reason" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="basket-publish">
          {warning ? t('mall.baskets.confirmPublish') : t('mall.baskets.publish')}
        </Button>
      </Form>
    </Card>
  );
}

/** One basket: sealed until its close; the supplier's quote form; the result, the opened quotes and the contract after it. */
export function BasketPage() {
  const { id = '' } = useParams();
  const { t, money, categoryName, language } = useMallText();
  const { data: session } = useSession();
  const query = useQuery({ queryKey: ['mall', 'basket', id], queryFn: () => get<Basket>(`/api/mall/baskets/${id}`) });
  const b = query.data;
  if (!b) return <Card loading={query.isLoading}>{query.error ? errorText(query.error) : null}</Card>;
  const supplier = hasRole(session, ['supplier']);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Link to="/workspace/mall">{t('mall.baskets.back')}</Link>
        {/* The title wraps on a phone, where a card's head would cut it off. */}
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          <span data-testid="basket-title">{b.title}</span> <BasketStatusTag basket={b} />
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('mall.baskets.number')}>{b.basketNumber}</Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.purchaser')}>{b.purchaserName}</Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.budget')}>{money(b.budgetFen)}</Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.publishedAt')}>{formatTime(b.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.closesAt')}>
            <span data-testid="basket-closes-at">{formatTime(b.closesAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.deliveryAddress')}>{b.deliveryAddress}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t(b.tooFewQuotes === 'fail' ? 'mall.baskets.ruleFail' : 'mall.baskets.ruleConfirm', { count: b.minimumQuotes })}
        </Typography.Paragraph>
        {b.status === 'bidding' && b.sealed && <Alert type="info" showIcon message={t('mall.baskets.sealed')} data-testid="basket-sealed" />}
        {b.splitFlag && <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('mall.flagged')} description={b.splitFlag.reason} />}
      </Card>
      <Card title={t('mall.baskets.lines')} size="small">
        <List
          dataSource={b.lines}
          renderItem={(l) => (
            <List.Item>
              <List.Item.Meta
                title={`${l.lineNo}. ${l.name} × ${l.quantity}`}
                description={
                  <>
                    <div>{categoryName(l.categoryCode)} · {t('mall.baskets.budgetUnitPrice')} {money(l.budgetUnitPriceFen)}</div>
                    <div>{l.specification}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {b.result && <ResultCard basket={b} />}
      {b.mayDecide && <DecisionCard basket={b} />}
      {b.quotes && b.quotes.length > 0 && (
        <Card title={t('mall.baskets.quotes')} size="small">
          <Table
            rowKey="supplierName"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="basket-quotes"
            dataSource={b.quotes}
            columns={[
              { title: t('mall.baskets.rank'), dataIndex: 'rank', render: (r: number | null) => r ?? '—' },
              { title: t('mall.supplier'), dataIndex: 'supplierName' },
              { title: t('mall.baskets.total'), dataIndex: 'totalFen', render: money },
              { title: t('mall.baskets.submittedAt'), dataIndex: 'submittedAt', render: formatTime },
              { title: t('mall.baskets.meets'), key: 'meets', render: (_: unknown, q: NonNullable<Basket['quotes']>[number]) => (q.problems.length ? q.problems.map((p) => p.messages[language]).join('；') : t('mall.baskets.yes')) },
            ]}
          />
        </Card>
      )}
      {b.myQuote && (
        <Card title={t('mall.baskets.myQuote')} size="small" data-testid="my-quote">
          {b.myQuote.lines.map((l) => (
            <div key={l.lineNo}>
              {l.lineNo}. {l.productName} · {money(l.unitPriceFen)}
            </div>
          ))}
          <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 0 }}>
            {t('mall.baskets.total')} {money(b.myQuote.totalFen)} · {t('mall.baskets.submittedAt')} {formatTime(b.myQuote.submittedAt)}
          </Typography.Paragraph>
        </Card>
      )}
      {b.mayQuote && <QuoteForm basket={b} />}
      {supplier && !b.myQuote && !b.mayQuote && b.status === 'bidding' && b.sealed && <NotAdmittedNotice />}
    </Space>
  );
}

/** A supplier of the province that may not quote while the basket is open: it is not (or no longer) admitted to the mall. */
function NotAdmittedNotice() {
  const { t } = useMallText();
  return <Alert type="warning" showIcon message={t('mall.baskets.notAdmitted')} data-testid="basket-not-admitted" />;
}

function ResultCard({ basket: b }: { basket: Basket }) {
  const { t, money, language } = useMallText();
  return (
    <Card title={t('mall.baskets.result')} size="small" data-testid="basket-result">
      {b.result!.supplierName ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('mall.baskets.winner')}>
            <span data-testid="basket-winner">{b.result!.supplierName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('mall.baskets.price')}>
            <span data-testid="basket-price">{money(b.result!.priceFen!)}</span>
          </Descriptions.Item>
          {b.contract && (
            <Descriptions.Item label={t('mall.baskets.contract')}>
              <Link to={`/workspace/contracts/${b.contract.id}`} data-testid="basket-contract">{b.contract.contractNumber}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Typography.Text>{b.result!.reason?.[language]}</Typography.Text>
      )}
    </Card>
  );
}

/** MALL-07: with too few quotes, where the region lets it, the purchaser takes the lowest or declines, with its reason. */
function DecisionCard({ basket: b }: { basket: Basket }) {
  const { t } = useMallText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function decide(decision: 'confirm' | 'decline') {
    setBusy(true);
    try {
      await api('POST', `/api/mall/baskets/${b.id}/decision`, { decision, reason, revision: b.revision });
      await client.invalidateQueries({ queryKey: ['mall'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('mall.baskets.awaiting')} size="small">
      <Input.TextArea rows={2} placeholder={t('mall.baskets.decisionReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="basket-decision-reason" style={{ marginBottom: 12 }} />
      <Space wrap>
        <Button type="primary" loading={busy} disabled={reason.trim().length < 2} onClick={() => void decide('confirm')} data-testid="basket-confirm">{t('mall.baskets.confirm')}</Button>
        <Button danger loading={busy} disabled={reason.trim().length < 2} onClick={() => void decide('decline')} data-testid="basket-decline">{t('mall.baskets.decline')}</Button>
      </Space>
    </Card>
  );
}

/** MALL-06: the supplier's one quote: for each line one of its own products of the line's 品目, and a unit price. */
function QuoteForm({ basket: b }: { basket: Basket }) {
  const { t, money, language } = useMallText();
  const { data: session } = useSession();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ lines: { productId: string; unitPriceYuan: string }[] }>();
  const [busy, setBusy] = useState(false);
  const products = useQuery({ queryKey: ['mall', 'products'], queryFn: () => get<{ items: Product[] }>('/api/mall/products') });
  const mine = (products.data?.items ?? []).filter((p) => p.supplierEntityId === session?.entity.id);
  const values = Form.useWatch('lines', form) ?? [];
  const total = b.lines.reduce((n, l, i) => n + l.quantity * (yuanToFen(values[i]?.unitPriceYuan) ?? 0), 0);
  async function submit(v: { lines: { productId: string; unitPriceYuan: string }[] }) {
    setBusy(true);
    try {
      await api('POST', `/api/mall/baskets/${b.id}/quotes`, { lines: b.lines.map((l, i) => ({ lineNo: l.lineNo, productId: v.lines[i]!.productId, unitPriceFen: yuanToFen(v.lines[i]!.unitPriceYuan) ?? 0 })) });
      message.success(t('mall.baskets.quoted'));
      await client.invalidateQueries({ queryKey: ['mall'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('mall.baskets.quote')} size="small">
      <Typography.Paragraph type="secondary">{t('mall.baskets.quoteHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        {b.lines.map((l, i) => (
          <Card key={l.lineNo} size="small" style={{ marginBottom: 12 }} title={`${l.lineNo}. ${l.name} × ${l.quantity}`}>
            <Form.Item name={['lines', i, 'productId']} label={t('mall.baskets.product')} rules={[{ required: true }]}>
              <Select
                data-testid={`quote-product-${l.lineNo}`}
                options={mine.filter((p) => p.categoryCode === l.categoryCode).map((p) => ({ value: p.id, label: `${p.name}（${p.categoryName[language]}）` }))}
              />
            </Form.Item>
            <Form.Item name={['lines', i, 'unitPriceYuan']} label={t('mall.baskets.unitPrice')} rules={[{ required: true }]}>
              <InputNumber min="0.01" precision={2} stringMode addonAfter={language === 'zh-CN' ? '元' : 'yuan'} data-testid={`quote-price-${l.lineNo}`} />
            </Form.Item>
          </Card>
        ))}
        <Typography.Paragraph strong data-testid="quote-total">
          {t('mall.baskets.total')}：{money(total)} / {t('mall.baskets.budget')} {money(b.budgetFen)}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-quote">{t('mall.baskets.submitQuote')}</Button>
      </Form>
    </Card>
  );
}
