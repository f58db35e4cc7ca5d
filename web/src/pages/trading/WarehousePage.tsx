import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { hasRole, useSession } from '../../session';

interface Asset {
  id: string;
  assetCategory: string;
  name: string;
  specification: string | null;
  quantity: number;
  condition: string;
  status: string;
  addedAt: string;
}

/** 公物仓: idle assets in stock and where reallocated ones went. */
export function WarehousePage() {
  const { t } = useTranslation();
  const call = useAction(['assets']);
  const { data: session } = useSession();
  const assets = useQuery({ queryKey: ['assets'], queryFn: () => get<Asset[]>('/api/warehouse/assets') });
  const reallocations = useQuery({ queryKey: ['reallocations'], queryFn: () => get<{ assetId: string; assetName: string; quantity: number; reallocatedAt: string }[]>('/api/warehouse/reallocations') });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const keeper = hasRole(session, ['operator', 'supervisor']);
  async function add(values: Record<string, unknown>) {
    if (!(await call(() => api('POST', '/api/warehouse/assets', values)))) return;
    setAdding(false);
    form.resetFields();
  }
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('trading.assets')} extra={keeper && <Button onClick={() => setAdding(true)}>{t('trading.addAsset')}</Button>}>
        <Table<Asset>
          rowKey="id"
          dataSource={assets.data}
          columns={[
            { title: t('trading.assetCategory'), dataIndex: 'assetCategory' },
            { title: t('trading.name'), dataIndex: 'name' },
            { title: t('trading.specification'), dataIndex: 'specification' },
            { title: t('trading.quantity'), dataIndex: 'quantity' },
            { title: t('trading.condition'), dataIndex: 'condition' },
            { title: t('trading.status'), dataIndex: 'status', render: (s) => <Tag color={s === 'inStock' ? 'green' : 'default'}>{t(`trading.assetStatus.${s}`)}</Tag> },
            { title: t('audit.occurredAt'), dataIndex: 'addedAt', render: formatTime },
          ]}
        />
      </Card>
      <Card title={t('trading.reallocations')}>
        <Table
          rowKey={(r) => r.assetId + r.reallocatedAt}
          dataSource={reallocations.data ?? []}
          columns={[
            { title: t('trading.name'), dataIndex: 'assetName' },
            { title: t('trading.quantity'), dataIndex: 'quantity' },
            { title: t('audit.occurredAt'), dataIndex: 'reallocatedAt', render: formatTime },
          ]}
        />
      </Card>
      <Modal open={adding} title={t('trading.addAsset')} onCancel={() => setAdding(false)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" onFinish={add}>
          <Form.Item name="assetCategory" label={t('trading.assetCategory')} rules={[{ required: true }]}><Input placeholder="A02010104" /></Form.Item>
          <Form.Item name="name" label={t('trading.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="specification" label={t('trading.specification')}><Input /></Form.Item>
          <Form.Item name="quantity" label={t('trading.quantity')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="condition" label={t('trading.condition')} rules={[{ required: true }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
