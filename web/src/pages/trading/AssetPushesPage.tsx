import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { hasRole, useSession } from '../../session';

interface AssetRecord {
  lineNo: number;
  name: string;
  brand: string | null;
  model: string | null;
  quantity: number;
  unitPriceFen: number;
  valueFen: number;
}
interface AssetPush {
  id: string;
  contractId: string;
  contractNumber: string;
  contractTitle: string;
  purchaserName: string;
  supplierName: string;
  records: AssetRecord[];
  totalFen: number;
  adapter: string;
  status: 'pushed' | 'acknowledged';
  pushedAt: string;
  cardNumbers: Record<string, string> | null;
  acknowledgedAt: string | null;
  note: string | null;
  revision: number;
}

/** 新增资产推送: what accepted goods contracts pushed to the asset system, and its acknowledgement. */
export function AssetPushesPage() {
  const { t } = useTranslation();
  const call = useAction(['asset-pushes']);
  const { data: session } = useSession();
  const pushes = useQuery({ queryKey: ['asset-pushes'], queryFn: () => get<AssetPush[]>('/api/asset-pushes') });
  const [acknowledging, setAcknowledging] = useState<AssetPush | null>(null);
  const [form] = Form.useForm();
  const purchaser = hasRole(session, ['purchaser']);

  async function acknowledge(values: { cards: Record<string, string>; note?: string }) {
    const push = acknowledging!;
    if (!(await call(() => api('POST', `/api/contracts/${push.contractId}/asset-push/acknowledgement`, { revision: push.revision, cardNumbers: values.cards, note: values.note || null }), t('assets.statuses.acknowledged')))) return;
    setAcknowledging(null);
    form.resetFields();
  }

  const records = (p: AssetPush) => (
    <Table<AssetRecord>
      rowKey="lineNo"
      size="small"
      pagination={false}
      dataSource={p.records}
      columns={[
        { title: t('assets.lineNo'), dataIndex: 'lineNo', width: 60 },
        { title: t('assets.name'), dataIndex: 'name' },
        { title: t('assets.brandModel'), render: (_, r) => [r.brand, r.model].filter(Boolean).join(' ') || '—' },
        { title: t('assets.quantity'), dataIndex: 'quantity' },
        { title: t('assets.unitPrice'), dataIndex: 'unitPriceFen', render: formatYuan },
        { title: t('assets.value'), dataIndex: 'valueFen', render: formatYuan },
        { title: t('assets.cardNumber'), render: (_, r) => p.cardNumbers?.[String(r.lineNo)] ?? '—' },
      ]}
    />
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('assets.title')}>
        <Alert type="info" showIcon message={t('assets.intro')} style={{ marginBottom: 16 }} />
        <Table<AssetPush>
          rowKey="id"
          loading={pushes.isLoading}
          dataSource={pushes.data}
          expandable={{ expandedRowRender: records, defaultExpandAllRows: true }}
          columns={[
            { title: t('assets.contract'), render: (_, p) => <Link to={`/workspace/contracts/${p.contractId}`}>{p.contractNumber}</Link> },
            { title: t('trading.name'), dataIndex: 'contractTitle' },
            { title: t('assets.purchaser'), dataIndex: 'purchaserName' },
            { title: t('assets.supplier'), dataIndex: 'supplierName' },
            { title: t('assets.total'), dataIndex: 'totalFen', render: formatYuan },
            { title: t('assets.pushedAt'), dataIndex: 'pushedAt', render: formatTime },
            {
              title: t('assets.status'),
              render: (_, p) => (
                <Space direction="vertical" size={0}>
                  <Tag color={p.status === 'acknowledged' ? 'green' : 'orange'}>{t(`assets.statuses.${p.status}`)}</Tag>
                  {p.acknowledgedAt && <span>{formatTime(p.acknowledgedAt)}</span>}
                  {p.note && <span>{p.note}</span>}
                </Space>
              ),
            },
            {
              title: '',
              render: (_, p) => purchaser && p.status === 'pushed' && <Button onClick={() => setAcknowledging(p)}>{t('assets.acknowledge')}</Button>,
            },
          ]}
        />
      </Card>
      <Modal open={acknowledging !== null} title={`${t('assets.acknowledge')} · ${acknowledging?.contractNumber ?? ''}`} onCancel={() => setAcknowledging(null)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={acknowledge}>
          {acknowledging?.records.map((r) => (
            <Form.Item key={r.lineNo} name={['cards', String(r.lineNo)]} label={`${r.lineNo}. ${r.name} × ${r.quantity}`} rules={[{ required: true }]}>
              <Input placeholder={t('assets.cardNumber')} />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('assets.note')}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
