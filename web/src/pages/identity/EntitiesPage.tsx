import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { formatTime, regionName } from '../../format';
import { useRegions } from '../../regions';
import { hasRole, useSession } from '../../session';
import { useMyFunctions } from '../supervision/functions';
import { creditPath } from '../supervision/types';
import { ENTITY_STATUS_COLORS, type Entity } from './types';

type Transition = 'approve' | 'reject' | 'suspend' | 'reinstate';
const ALLOWED: Record<Entity['status'], Transition[]> = { pending: ['approve', 'reject'], active: ['suspend'], suspended: ['reinstate'], rejected: [] };
const NEEDS_REASON: Transition[] = ['reject', 'suspend'];

export function EntityDetails({ entity }: { entity: Entity }) {
  const { t } = useTranslation();
  const regions = useRegions();
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t('register.name')}>{entity.name}</Descriptions.Item>
      <Descriptions.Item label={t('register.creditCode')}>{entity.creditCode}</Descriptions.Item>
      <Descriptions.Item label={t('register.entityType')}>{t(`entityType.${entity.entityType}`)}</Descriptions.Item>
      <Descriptions.Item label={t('common.region')}>{regionName(regions.data, entity.regionCode)}</Descriptions.Item>
      {entity.entityType === 'supplier' && <Descriptions.Item label={t('register.smeSize')}>{t(`smeSize.${entity.smeSize ?? 'none'}`)}</Descriptions.Item>}
      <Descriptions.Item label={t('entities.contact')}>
        {entity.contactName} {entity.contactPhone} {entity.contactEmail ?? ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('register.address')}>{entity.address}</Descriptions.Item>
      <Descriptions.Item label={t('common.status')}>
        <Tag color={ENTITY_STATUS_COLORS[entity.status]}>{t(`entityStatus.${entity.status}`)}</Tag>
        {entity.statusReason}
      </Descriptions.Item>
      <Descriptions.Item label={t('entities.registeredAt')}>{formatTime(entity.registeredAt)}</Descriptions.Item>
    </Descriptions>
  );
}

export function EntitiesPage() {
  const { t } = useTranslation();
  const call = useAction(['entities']);
  const { data: session } = useSession();
  const regions = useRegions();
  const [filter, setFilter] = useState<{ status?: string; entityType?: string; q?: string; page: number }>({ page: 1 });
  const [detail, setDetail] = useState<Entity | null>(null);
  const [pending, setPending] = useState<{ entity: Entity; transition: Transition } | null>(null);
  const [reason, setReason] = useState('');
  const canReview = hasRole(session, ['operator']);
  // Overseers whose roles have the credit function (监管功能设置) open an entity's credit file.
  const readsCredit = Boolean(useMyFunctions(session).data?.includes('credit'));

  const query = new URLSearchParams(Object.entries({ ...filter, page: String(filter.page) }).filter(([, v]) => v) as [string, string][]);
  const list = useQuery({ queryKey: ['entities', filter], queryFn: () => get<{ items: Entity[]; total: number }>(`/api/entities?${query}`) });

  async function review(entity: Entity, transition: Transition, why?: string) {
    if (!(await call(() => api('POST', `/api/entities/${entity.id}/${transition}`, { revision: entity.revision, reason: why ?? null }), t('common.done')))) return;
    setPending(null);
    setReason('');
  }

  return (
    <Card title={t('entities.title')}>
      <Form layout="inline" style={{ marginBottom: 16 }} onFinish={(v) => setFilter({ ...v, page: 1 })}>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear style={{ width: 120 }} options={Object.keys(ENTITY_STATUS_COLORS).map((s) => ({ value: s, label: t(`entityStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="entityType" label={t('register.entityType')}>
          <Select allowClear style={{ width: 160 }} options={['purchaser', 'supplier', 'agency', 'authority', 'supervisor', 'treasury', 'operator', 'bank'].map((s) => ({ value: s, label: t(`entityType.${s}`) }))} />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={`${t('register.name')} / ${t('register.creditCode')}`} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <Table<Entity>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ current: filter.page, total: list.data?.total, pageSize: 20, showTotal: (count) => t('common.total', { count }), onChange: (page) => setFilter({ ...filter, page }) }}
        columns={[
          { title: t('register.name'), dataIndex: 'name', render: (name, row) => <a onClick={() => setDetail(row)}>{name}</a> },
          { title: t('register.creditCode'), dataIndex: 'creditCode' },
          { title: t('register.entityType'), dataIndex: 'entityType', render: (v) => t(`entityType.${v}`) },
          { title: t('common.region'), dataIndex: 'regionCode', render: (v) => regionName(regions.data, v) },
          { title: t('common.status'), dataIndex: 'status', render: (v: Entity['status']) => <Tag color={ENTITY_STATUS_COLORS[v]}>{t(`entityStatus.${v}`)}</Tag> },
          { title: t('entities.registeredAt'), dataIndex: 'registeredAt', render: formatTime },
          ...(canReview
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, row: Entity) => (
                    <Space>
                      {ALLOWED[row.status].map((tr) => (
                        <Button
                          key={tr}
                          size="small"
                          danger={NEEDS_REASON.includes(tr)}
                          type={tr === 'approve' ? 'primary' : 'default'}
                          data-testid={`${tr}-${row.creditCode}`}
                          onClick={() => (NEEDS_REASON.includes(tr) ? setPending({ entity: row, transition: tr }) : void review(row, tr))}
                        >
                          {t(`entities.${tr}`)}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Drawer open={Boolean(detail)} onClose={() => setDetail(null)} size={560} title={detail?.name}>
        {detail && <EntityDetails entity={detail} />}
        {/* Overseers open the entity's credit file: records, measures and the alerts involving it. */}
        {detail && readsCredit && (
          <Link to={creditPath(detail.id)} style={{ display: 'inline-block', marginTop: 16 }} data-testid="entity-credit-link">
            {t('supervision.credit.title')}
          </Link>
        )}
      </Drawer>
      <Modal
        open={Boolean(pending)}
        title={pending ? `${t(`entities.${pending.transition}`)}：${pending.entity.name}` : ''}
        onCancel={() => setPending(null)}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        onOk={() => pending && void review(pending.entity, pending.transition, reason)}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('entities.reasonPlaceholder')} />
      </Modal>
    </Card>
  );
}
