import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, errorText, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { formatAmount } from '../../money';
import { hasRole, useSession } from '../../session';
import { AdmissionCard } from './AdmissionPages';
import { BasketsCard, BasketStatusTag } from './BasketPages';
import type { Basket, Category, Product, SplitCheck } from './types';

interface Order {
  id: string;
  orderNumber: string;
  purchaserName: string;
  supplierName: string;
  totalFen: number;
  lines: { name: string; quantity: number }[];
  contract: { id: string; contractNumber: string; status: string } | null;
  splitFlag: { checks: SplitCheck[]; reason: string } | null;
  orderedAt: string;
}

/**
 * 电子卖场: purchasers buy admitted suppliers' products directly or put a basket out for quotes (网上竞价); suppliers
 * apply to join, list products and quote; supervision sees the split purchases (MALL-01..08, GP-94).
 */
export function MallPage() {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const money = (fen: number) => formatAmount(fen, i18n.language);
  const purchaser = hasRole(session, ['purchaser']);
  const supplier = hasRole(session, ['supplier']);
  const overseer = hasRole(session, ['supervisor', 'authority', 'operator']);
  const [category, setCategory] = useState<string | undefined>();
  const categories = useQuery({ queryKey: ['mall', 'categories'], queryFn: () => get<{ items: Category[] }>('/api/mall/categories') });
  const products = useQuery({ queryKey: ['mall', 'products', category], queryFn: () => get<{ thresholdFen: number; items: Product[] }>(`/api/mall/products${category ? `?categoryCode=${category}` : ''}`) });
  const orders = useQuery({ queryKey: ['mall', 'orders'], queryFn: () => get<{ items: Order[] }>('/api/mall/orders'), enabled: purchaser || supplier });
  const splits = useQuery({ queryKey: ['mall', 'splits'], queryFn: () => get<{ items: Order[]; baskets: Basket[] }>('/api/mall/split-purchases'), enabled: overseer });
  const [buying, setBuying] = useState<Product | null>(null);
  const [listing, setListing] = useState(false);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {supplier && <AdmissionCard />}
      <Card title={t('mall.title')} extra={supplier && <Button onClick={() => setListing(true)} data-testid="mall-list-product">{t('mall.listProduct')}</Button>}>
        {products.data && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('mall.intro', { threshold: money(products.data.thresholdFen) })} />}
        <Select
          allowClear
          style={{ width: 240, maxWidth: '100%', marginBottom: 16 }}
          placeholder={t('mall.allCategories')}
          value={category}
          onChange={setCategory}
          data-testid="mall-category"
          options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.name[language]}` }))}
        />
        <Table<Product>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={products.isLoading}
          dataSource={products.data?.items}
          columns={[
            { title: t('mall.category'), key: 'category', render: (_, p) => p.categoryName[language] },
            { title: t('mall.name'), dataIndex: 'name' },
            { title: t('mall.specification'), dataIndex: 'specification' },
            { title: t('mall.unitPrice'), dataIndex: 'unitPriceFen', render: money },
            { title: t('mall.stock'), dataIndex: 'stock' },
            { title: t('mall.supplier'), dataIndex: 'supplierName' },
            ...(purchaser
              ? [{ title: '', key: 'buy', render: (_: unknown, p: Product) => <Button type="primary" size="small" disabled={p.stock === 0} onClick={() => setBuying(p)} data-testid={`mall-buy-${p.name}`}>{t('mall.buy')}</Button> }]
              : []),
          ]}
        />
      </Card>
      <BasketsCard />
      {(purchaser || supplier) && (
        <Card title={t('mall.myOrders')}>
          <OrderTable orders={orders.data?.items} money={money} />
        </Card>
      )}
      {overseer && (
        <Card title={t('mall.splitPurchases')}>
          <OrderTable orders={splits.data?.items} money={money} withReason />
        </Card>
      )}
      {overseer && (
        <Card title={t('mall.flaggedBaskets')}>
          <Table<Basket>
            rowKey="id"
            size="small"
            scroll={{ x: 'max-content' }}
            dataSource={splits.data?.baskets}
            columns={[
              { title: t('mall.baskets.number'), dataIndex: 'basketNumber', render: (n: string, b) => <Link to={`/workspace/mall/baskets/${b.id}`}>{n}</Link> },
              { title: t('mall.purchaser'), dataIndex: 'purchaserName' },
              { title: t('mall.baskets.titleField'), dataIndex: 'title' },
              { title: t('mall.baskets.budget'), dataIndex: 'budgetFen', render: money },
              { title: t('mall.cumulative'), key: 'cumulative', render: (_: unknown, b: Basket) => b.splitFlag?.checks.map((c) => `${money(c.cumulativeFen)} / ${money(c.thresholdFen)}`).join('；') },
              { title: t('mall.reason'), key: 'reason', render: (_: unknown, b: Basket) => b.splitFlag?.reason },
              { title: t('mall.baskets.status'), key: 'status', render: (_: unknown, b: Basket) => <BasketStatusTag basket={b} /> },
            ]}
          />
        </Card>
      )}
      {buying && <BuyModal product={buying} onClose={() => setBuying(null)} money={money} />}
      {listing && <ListProductModal categories={categories.data?.items ?? []} language={language} onClose={() => setListing(false)} />}
    </Space>
  );
}

function OrderTable({ orders, money, withReason }: { orders: Order[] | undefined; money: (fen: number) => string; withReason?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Order>
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      dataSource={orders}
      columns={[
        { title: t('mall.orderNumber'), dataIndex: 'orderNumber', render: (n, o) => (<Space>{n}{o.splitFlag && <Tag color="orange">{t('mall.flagged')}</Tag>}</Space>) },
        ...(withReason ? [{ title: t('mall.purchaser'), dataIndex: 'purchaserName' }] : [{ title: t('mall.supplier'), dataIndex: 'supplierName' }]),
        { title: t('mall.name'), key: 'lines', render: (_, o) => o.lines.map((l) => `${l.name} × ${l.quantity}`).join('；') },
        { title: t('mall.total'), dataIndex: 'totalFen', render: money },
        ...(withReason
          ? [
              { title: t('mall.cumulative'), key: 'cumulative', render: (_: unknown, o: Order) => o.splitFlag?.checks.map((c) => `${money(c.cumulativeFen)} / ${money(c.thresholdFen)}`).join('；') },
              { title: t('mall.reason'), key: 'reason', render: (_: unknown, o: Order) => o.splitFlag?.reason },
            ]
          : []),
        { title: t('mall.contract'), key: 'contract', render: (_, o) => o.contract && <Link to={`/workspace/contracts/${o.contract.id}`}>{o.contract.contractNumber}</Link> },
        { title: t('mall.orderedAt'), dataIndex: 'orderedAt', render: formatTime },
      ]}
    />
  );
}

function BuyModal({ product, onClose, money }: { product: Product; onClose: () => void; money: (fen: number) => string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useAction(['mall']);
  const [form] = Form.useForm<{ quantity: number; deliveryAddress: string; splitReason?: string }>();
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const [warning, setWarning] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ contractId: string; contractNumber: string } | null>(null);

  async function submit(values: { quantity: number; deliveryAddress: string; splitReason?: string }) {
    setBusy(true);
    try {
      const body = { lines: [{ productId: product.id, quantity: values.quantity }], deliveryAddress: values.deliveryAddress, ...(warning ? { acknowledgeSplit: true, splitReason: values.splitReason ?? '' } : {}) };
      const placed = await api<{ contractId: string; contractNumber: string }>('POST', '/api/mall/orders', body);
      setDone(placed);
      await call(async () => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SPLIT_PURCHASE_WARNING') setWarning(e.localized());
      else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${t('mall.buy')}：${product.name}`}
      onCancel={onClose}
      footer={
        done ? (
          <Button onClick={onClose}>OK</Button>
        ) : (
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="mall-place-order">
            {warning ? t('mall.confirmOrder') : t('mall.placeOrder')}
          </Button>
        )
      }
    >
      {done ? (
        <Alert type="success" showIcon message={t('mall.ordered', { contractNumber: done.contractNumber })} description={<Link to={`/workspace/contracts/${done.contractId}`} data-testid="mall-contract-link">{done.contractNumber}</Link>} />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ quantity: 1 }} onFinish={submit}>
          <Typography.Paragraph type="secondary">{product.specification} · {money(product.unitPriceFen)} · {product.supplierName}</Typography.Paragraph>
          <Form.Item name="quantity" label={t('mall.quantity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={product.stock} data-testid="mall-quantity" />
          </Form.Item>
          <Form.Item name="deliveryAddress" label={t('mall.deliveryAddress')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="mall-address" />
          </Form.Item>
          <Typography.Text strong>{t('mall.total')}：{money(product.unitPriceFen * (quantity || 0))}</Typography.Text>
          {warning && (
            <>
              <Alert type="warning" showIcon style={{ margin: '16px 0' }} message={t('mall.splitTitle')} description={warning} data-testid="mall-split-warning" />
              <Form.Item name="splitReason" label={t('mall.splitReason')} rules={[{ required: true, min: 2 }]}>
                <Input.TextArea rows={2} data-testid="mall-split-reason" />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

function ListProductModal({ categories, language, onClose }: { categories: Category[]; language: 'zh-CN' | 'en-US'; onClose: () => void }) {
  const { t } = useTranslation();
  const call = useAction(['mall']);
  const [form] = Form.useForm();
  async function submit(v: { categoryCode: string; name: string; specification: string; unitPriceYuan: number; stock: number }) {
    const ok = await call(() => api('POST', '/api/mall/products', { categoryCode: v.categoryCode, name: v.name, specification: v.specification, unitPriceFen: Math.round(v.unitPriceYuan * 100), stock: v.stock, deliveryRegions: ['310000'] }));
    if (ok) onClose();
  }
  return (
    <Modal open title={t('mall.listProduct')} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="categoryCode" label={t('mall.category')} rules={[{ required: true }]}>
          <Select options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name[language]}` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('mall.name')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
        <Form.Item name="specification" label={t('mall.specification')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
        <Form.Item name="unitPriceYuan" label={t('mall.unitPrice')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
        <Form.Item name="stock" label={t('mall.stock')} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}
