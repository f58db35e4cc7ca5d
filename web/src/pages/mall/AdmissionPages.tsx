import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, List, Modal, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { useMallText, type Application } from './types';

const STATUS_COLOR = { pending: 'processing', admitted: 'success', refused: 'error' } as const;

interface MyAdmission {
  admitted: boolean;
  admittedAt: string | null;
  applications: Application[];
  mayApply: boolean;
}

/** 电子卖场入驻 for a supplier: where it stands, and the application form while it may apply (MALL-08). */
export function AdmissionCard() {
  const { t, language, categories } = useMallText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ categories: string[]; statement: string }>();
  const [busy, setBusy] = useState(false);
  const mine = useQuery({ queryKey: ['mall', 'my-admission'], queryFn: () => get<MyAdmission>('/api/mall/my-admission') });
  const m = mine.data;
  if (!m) return null;
  const last = m.applications[0];
  async function apply(v: { categories: string[]; statement: string }) {
    setBusy(true);
    try {
      await api('POST', '/api/mall/applications', v);
      message.success(t('mall.admission.applied'));
      await client.invalidateQueries({ queryKey: ['mall'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const status = m.admitted
    ? { type: 'success' as const, text: t('mall.admission.admitted', { at: formatTime(m.admittedAt) }) }
    : last?.status === 'pending'
      ? { type: 'info' as const, text: t('mall.admission.pending', { at: formatTime(last.appliedAt) }) }
      : last?.status === 'refused'
        ? { type: 'warning' as const, text: t('mall.admission.refused', { reason: last.reason }) }
        : { type: 'info' as const, text: t('mall.admission.none') };
  return (
    <Card title={t('mall.admission.title')}>
      <Alert type={status.type} showIcon message={status.text} data-testid="mall-admission-status" />
      {m.mayApply && (
        <Form form={form} layout="vertical" onFinish={apply} style={{ marginTop: 16 }}>
          <Form.Item name="categories" label={t('mall.admission.categories')} rules={[{ required: true }]}>
            <Select mode="multiple" data-testid="mall-apply-categories" options={categories.map((c) => ({ value: c.code, label: `${c.code} ${c.name[language]}` }))} />
          </Form.Item>
          <Form.Item name="statement" label={t('mall.admission.statement')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} data-testid="mall-apply-statement" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="mall-apply-submit">{t('mall.admission.apply')}</Button>
        </Form>
      )}
    </Card>
  );
}

/** 卖场入驻审核: the operator's page — its province's applications, the admitted suppliers, and direct admission (MALL-08, MALL-01). */
export function AdmissionsPage() {
  const { t, categoryName } = useMallText();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const [deciding, setDeciding] = useState<{ application: Application; decision: 'admit' | 'refuse' } | null>(null);
  // On a phone each label stands above its value: a credit code is not broken in two.
  const phone = Grid.useBreakpoint().md === false;
  const applications = useQuery({ queryKey: ['mall', 'applications', filter], queryFn: () => get<{ items: Application[] }>(`/api/mall/applications${filter === 'pending' ? '?status=pending' : ''}`) });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('mall.admissions.title')} extra={<Segmented<'pending' | 'all'> value={filter} onChange={setFilter} options={[{ value: 'pending', label: t('mall.admissions.statuses.pending') }, { value: 'all', label: t('mall.admissions.all') }]} data-testid="applications-filter" />}>
        <Typography.Paragraph type="secondary">{t('mall.admissions.intro')}</Typography.Paragraph>
        <List
          loading={applications.isLoading}
          dataSource={applications.data?.items ?? []}
          locale={{ emptyText: t('mall.admissions.none') }}
          renderItem={(a) => (
            <List.Item data-testid="application" data-entity={a.entityName}>
              <Card size="small" style={{ width: '100%' }} title={<Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>{a.entityName}</Typography.Text>} extra={<Tag color={STATUS_COLOR[a.status]} data-testid="application-status">{t(`mall.admissions.statuses.${a.status}`)}</Tag>}>
                <Descriptions column={1} size="small" layout={phone ? 'vertical' : 'horizontal'}>
                  <Descriptions.Item label={t('mall.admissions.creditCode')}>
                    <span data-testid="application-credit-code">{a.creditCode}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('mall.admissions.categories')}>
                    <Space wrap size={[4, 4]}>
                      {a.categories.map((c) => (
                        <Tag key={c}>{categoryName(c)}</Tag>
                      ))}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('mall.admissions.statement')}>{a.statement}</Descriptions.Item>
                  <Descriptions.Item label={t('mall.admissions.appliedAt')}>{formatTime(a.appliedAt)}</Descriptions.Item>
                  {a.reason && <Descriptions.Item label={t('mall.admissions.reason')}>{a.reason}</Descriptions.Item>}
                </Descriptions>
                {a.status === 'pending' && (
                  <Space wrap style={{ marginTop: 8 }}>
                    <Button type="primary" onClick={() => setDeciding({ application: a, decision: 'admit' })} data-testid="admit-application">{t('mall.admissions.admit')}</Button>
                    <Button danger onClick={() => setDeciding({ application: a, decision: 'refuse' })} data-testid="refuse-application">{t('mall.admissions.refuse')}</Button>
                  </Space>
                )}
              </Card>
            </List.Item>
          )}
        />
      </Card>
      <AdmittedCard />
      {deciding && <DecisionModal {...deciding} onClose={() => setDeciding(null)} />}
    </Space>
  );
}

function DecisionModal({ application, decision, onClose }: { application: Application; decision: 'admit' | 'refuse'; onClose: () => void }) {
  const { t } = useMallText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  async function submit(v: { reason: string }) {
    setBusy(true);
    try {
      await api('POST', `/api/mall/applications/${application.id}/decision`, { decision, reason: v.reason });
      message.success(t('mall.admissions.decided'));
      await client.invalidateQueries({ queryKey: ['mall'] });
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('mall.admissions.decide', { name: application.entityName })}
      onCancel={onClose}
      footer={
        <Button type="primary" danger={decision === 'refuse'} loading={busy} onClick={() => form.submit()} data-testid="decision-submit">
          {t(decision === 'admit' ? 'mall.admissions.admit' : 'mall.admissions.refuse')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('mall.admissions.reason')} rules={[{ required: true, min: 2, message: t('mall.admissions.reasonRequired') }]}>
          <Input.TextArea rows={3} data-testid="decision-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The suppliers admitted in the operator's province, and admitting one directly (MALL-01). */
function AdmittedCard() {
  const { t } = useMallText();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const admitted = useQuery({ queryKey: ['mall', 'suppliers'], queryFn: () => get<{ items: { entityId: string; name: string; creditCode: string; admittedAt: string }[] }>('/api/mall/suppliers') });
  const found = useQuery({
    queryKey: ['mall', 'supplier-search', q],
    queryFn: () => get<{ items: { id: string; name: string; creditCode: string }[] }>(`/api/entities?entityType=supplier&status=active&pageSize=20&q=${encodeURIComponent(q)}`),
    enabled: q.trim().length > 0,
  });
  const already = new Set((admitted.data?.items ?? []).map((s) => s.entityId));
  async function admit() {
    setBusy(true);
    try {
      await api('POST', '/api/mall/suppliers', { entityId: picked });
      message.success(t('mall.admissions.decided'));
      setPicked(undefined);
      await client.invalidateQueries({ queryKey: ['mall'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('mall.admissions.admittedList')}>
      <List
        size="small"
        loading={admitted.isLoading}
        dataSource={admitted.data?.items ?? []}
        renderItem={(s) => (
          <List.Item data-testid="admitted-supplier">
            <List.Item.Meta title={s.name} description={`${s.creditCode} · ${t('mall.admittedAt')} ${formatTime(s.admittedAt)}`} />
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('mall.admissions.direct')}</Typography.Title>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          showSearch
          filterOption={false}
          placeholder={t('mall.admissions.directHint')}
          value={picked}
          onSearch={setQ}
          onChange={setPicked}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="direct-admit-select"
          options={(found.data?.items ?? []).filter((e) => !already.has(e.id)).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }))}
        />
        <Button type="primary" disabled={!picked} loading={busy} onClick={() => void admit()} data-testid="direct-admit-submit">{t('mall.admissions.directSubmit')}</Button>
      </Space.Compact>
    </Card>
  );
}
