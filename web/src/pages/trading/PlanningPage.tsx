import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, errorText, get, showFieldErrors } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatYuan, yuanToFen } from '../../money';
import type { Entity } from '../identity/types';
import type { PublicEntity } from '../public/portal-data';
import { MarketPriceHint } from '../supervision/MarketPrices';
import { BudgetExchangeButtons } from './BudgetExchange';

interface BudgetLine {
  id: string;
  fiscalYear: number;
  code: string;
  name: string;
  category: string;
  amountFen: number;
  remainingFen: number;
  contractedFen: number;
  paidFen: number;
}
interface Plan {
  id: string;
  budgetLineId: string;
  title: string;
  category: string;
  amountFen: number;
  importStatus: string;
  status: string;
  revision: number;
  warehouseCheck: { matches: { assetId: string; name: string; quantity: number; condition: string }[]; resolutions: { assetId: string }[] } | null;
}

const CATEGORIES = ['goods', 'services', 'works'];

/** The purchaser's side before a project: budget lines, plans, the warehouse check, the intention, the project. */
export function PlanningPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const lines = useQuery({ queryKey: ['budget-lines'], queryFn: () => get<BudgetLine[]>('/api/budget-lines') });
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => get<Plan[]>('/api/plans') });
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => get<{ items: Entity[] }>('/api/entities?entityType=agency&status=active&pageSize=200').catch(() => ({ items: [] })) });
  const [modal, setModal] = useState<null | { kind: 'line' } | { kind: 'plan' } | { kind: 'intention' | 'project'; plan: Plan }>(null);
  const [form] = Form.useForm();
  // 参考市场均价: what the budget line's or the plan's name field holds, looked up on request.
  const typedName: string | undefined = Form.useWatch('name', form);
  const typedTitle: string | undefined = Form.useWatch('title', form);
  const chosenMethod: string | undefined = Form.useWatch('method', form);
  // PQ-01: works tendered under the Bidding Law may prequalify their bidders.
  const mayPrequalify = modal?.kind === 'project' && modal.plan.category === 'works' && chosenMethod === 'openTender';
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['budget-lines'] }), queryClient.invalidateQueries({ queryKey: ['plans'] })]);

  async function submit(values: Record<string, any>) {
    try {
      if (modal?.kind === 'line') await api('POST', '/api/budget-lines', { ...values, amountFen: yuanToFen(values.amount), amount: undefined });
      if (modal?.kind === 'plan')
        await api('POST', '/api/plans', { ...values, amountFen: yuanToFen(values.amount), amount: undefined, assetCategory: values.assetCategory || null, importJustification: values.importJustification || null });
      if (modal?.kind === 'intention') await api('POST', `/api/plans/${modal.plan.id}/intention`, { ...values, smeOnly: Boolean(values.smeOnly) });
      if (modal?.kind === 'project') {
        const budgetFen = yuanToFen(values.budget)!;
        const lot = {
          title: values.lotTitle,
          budgetFen,
          maxPriceFen: yuanToFen(values.maxPrice),
          depositFen: yuanToFen(values.deposit) ?? 0,
          evaluationMethod: values.evaluationMethod,
          criteria:
            values.evaluationMethod === 'scoring'
              ? [
                  { name: '价格', weight: values.priceWeight, isPrice: true },
                  { name: '技术', weight: 100 - values.priceWeight, isPrice: false },
                ]
              : [],
          sme: { measure: values.smeMeasure, deductionBp: values.smeMeasure === 'priceDeduction' ? Math.round(values.deductionPercent * 100) : null, notSuitableReason: values.notSuitableReason || null },
        };
        const created = await api<{ id: string }>('POST', '/api/projects', {
          planId: modal.plan.id,
          title: values.title,
          description: values.description,
          method: values.method,
          methodJustification: values.methodJustification || null,
          twoSupplierException: values.method === 'consultation' ? (values.twoSupplierException ?? null) : null,
          ...(values.method === 'singleSource' ? { singleSourceSupplierEntityId: values.singleSourceSupplierEntityId, singleSourceGround: values.singleSourceGround } : {}),
          ...(mayPrequalify && values.prequalification ? { prequalification: true } : {}),
          agencyEntityId: values.agencyEntityId || null,
          contactName: values.contactName,
          contactPhone: values.contactPhone,
          lots: [lot],
        });
        navigate(`/workspace/projects/${created.id}`);
      }
      message.success(t('common.done'));
      setModal(null);
      form.resetFields();
      await refresh();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    }
  }

  async function resolve(plan: Plan, assetId: string, action: 'taken' | 'unsuitable') {
    let reason: string | null = null;
    if (action === 'unsuitable') {
      reason = window.prompt(t('trading.unsuitableReason')) ?? '';
      if (!reason) return;
    }
    try {
      await api('POST', `/api/plans/${plan.id}/warehouse-resolutions`, { assetId, action, reason, revision: plan.revision });
      await refresh();
    } catch (error) {
      message.error(errorText(error));
    }
  }

  const open = (m: NonNullable<typeof modal>) => {
    form.resetFields();
    if (m.kind === 'project')
      form.setFieldsValue({ title: m.plan.title, method: 'openTender', evaluationMethod: 'scoring', priceWeight: 30, smeMeasure: 'priceDeduction', deductionPercent: 10, lotTitle: m.plan.title, budget: (m.plan.amountFen / 100).toFixed(2) });
    setModal(m);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('trading.budgetLines')} extra={<Space><BudgetExchangeButtons /><Button onClick={() => open({ kind: 'line' })}>{t('trading.addBudgetLine')}</Button></Space>}>
        <Table<BudgetLine>
          rowKey="id"
          size="small"
          dataSource={lines.data}
          pagination={false}
          columns={[
            { title: t('trading.fiscalYear'), dataIndex: 'fiscalYear' },
            { title: t('trading.code'), dataIndex: 'code' },
            { title: t('trading.name'), dataIndex: 'name' },
            { title: t('trading.category'), dataIndex: 'category', render: (c) => t(`trading.categories.${c}`) },
            { title: t('trading.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
            { title: t('trading.remaining'), dataIndex: 'remainingFen', align: 'right', render: formatYuan },
            { title: t('trading.contracted'), dataIndex: 'contractedFen', align: 'right', render: formatYuan },
            { title: t('trading.paid'), dataIndex: 'paidFen', align: 'right', render: formatYuan },
          ]}
        />
      </Card>
      <Card title={t('trading.plans')} extra={<Button type="primary" onClick={() => open({ kind: 'plan' })}>{t('trading.addPlan')}</Button>}>
        <Table<Plan>
          rowKey="id"
          size="small"
          dataSource={plans.data}
          pagination={false}
          expandable={{
            rowExpandable: (p) => p.status === 'warehouseCheck',
            expandedRowRender: (p) => (
              <Space direction="vertical">
                <Alert type="warning" showIcon title={t('trading.warehouseMatches')} />
                {p.warehouseCheck!.matches
                  .filter((m) => !p.warehouseCheck!.resolutions.some((r) => r.assetId === m.assetId))
                  .map((m) => (
                    <Space key={m.assetId}>
                      {m.name} × {m.quantity}（{m.condition}）
                      <Button size="small" onClick={() => void resolve(p, m.assetId, 'taken')}>
                        {t('trading.take')}
                      </Button>
                      <Button size="small" onClick={() => void resolve(p, m.assetId, 'unsuitable')}>
                        {t('trading.unsuitable')}
                      </Button>
                    </Space>
                  ))}
              </Space>
            ),
          }}
          columns={[
            { title: t('trading.planTitle'), dataIndex: 'title' },
            { title: t('trading.category'), dataIndex: 'category', render: (c) => t(`trading.categories.${c}`) },
            { title: t('trading.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
            { title: t('trading.importProducts'), dataIndex: 'importStatus', render: (s) => t(`trading.importStatus.${s}`) },
            { title: t('trading.status'), dataIndex: 'status', render: (s) => <Tag color={s === 'ready' ? 'green' : 'gold'}>{t(`trading.planStatus.${s}`)}</Tag> },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_, p) =>
                p.status === 'ready' && (
                  <Space>
                    <Button size="small" onClick={() => open({ kind: 'intention', plan: p })}>
                      {t('trading.intention')}
                    </Button>
                    <Button size="small" type="primary" onClick={() => open({ kind: 'project', plan: p })}>
                      {t('trading.createProject')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={Boolean(modal)} width={720} onCancel={() => setModal(null)} onOk={() => form.submit()} destroyOnHidden
        title={modal && t(modal.kind === 'line' ? 'trading.addBudgetLine' : modal.kind === 'plan' ? 'trading.addPlan' : modal.kind === 'intention' ? 'trading.intention' : 'trading.createProject')}>
        <Form form={form} layout="vertical" onFinish={submit}>
          {modal?.kind === 'line' && (
            <>
              <Form.Item name="fiscalYear" label={t('trading.fiscalYear')} initialValue={new Date().getFullYear()} rules={[{ required: true }]}>
                <InputNumber min={2020} max={2100} />
              </Form.Item>
              <Form.Item name="code" label={t('trading.code')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="name" label={t('trading.name')} rules={[{ required: true }]} extra={<MarketPriceHint item={typedName} />}><Input data-testid="budget-line-name" /></Form.Item>
              <Form.Item name="category" label={t('trading.category')} initialValue="goods"><Select options={CATEGORIES.map((c) => ({ value: c, label: t(`trading.categories.${c}`) }))} /></Form.Item>
              <Form.Item name="amount" label={t('trading.amount')} rules={[{ required: true }]}><InputNumber stringMode min="0.01" precision={2} style={{ width: 240 }} /></Form.Item>
            </>
          )}
          {modal?.kind === 'plan' && (
            <>
              <Form.Item name="budgetLineId" label={t('trading.budgetLine')} rules={[{ required: true }]}>
                <Select options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} ${l.name}（${t('trading.remaining')} ${formatYuan(l.remainingFen)}）` }))} />
              </Form.Item>
              <Form.Item name="title" label={t('trading.planTitle')} rules={[{ required: true }]} extra={<MarketPriceHint item={typedTitle} />}><Input data-testid="plan-title" /></Form.Item>
              <Form.Item name="category" label={t('trading.category')} initialValue="goods"><Select options={CATEGORIES.map((c) => ({ value: c, label: t(`trading.categories.${c}`) }))} /></Form.Item>
              <Form.Item name="amount" label={t('trading.amount')} rules={[{ required: true }]}><InputNumber stringMode min="0.01" precision={2} style={{ width: 240 }} /></Form.Item>
              <Form.Item name="assetCategory" label={t('trading.assetCategory')}><Input placeholder="A02010104" /></Form.Item>
              <Form.Item name="importProducts" valuePropName="checked"><Checkbox>{t('trading.importProducts')}</Checkbox></Form.Item>
              <Form.Item name="importJustification" label={t('trading.importJustification')}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {modal?.kind === 'intention' && (
            <>
              <Form.Item name="summary" label={t('trading.intentionSummary')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
              <Form.Item name="expectedMonth" label={t('trading.expectedMonth')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}><Input placeholder="2026-12" /></Form.Item>
              <Form.Item name="smeOnly" valuePropName="checked"><Checkbox>{t('trading.smeOnly')}</Checkbox></Form.Item>
            </>
          )}
          {modal?.kind === 'project' && (
            <>
              <Form.Item name="title" label={t('trading.projectTitle')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="description" label={t('trading.description')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
              <Space wrap>
                {/* FA-01: a framework agreement buys goods and services, never works. */}
                <Form.Item name="method" label={t('trading.method')}><Select style={{ width: 180 }} options={['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource', 'framework'].filter((m) => m !== 'framework' || modal.plan.category !== 'works').map((m) => ({ value: m, label: t(`trading.methods.${m}`) }))} /></Form.Item>
                <Form.Item name="agencyEntityId" label={t('trading.agency')}><Select allowClear style={{ width: 260 }} options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} /></Form.Item>
              </Space>
              {/* 单一来源: the one supplier and the ground (政府采购法 第三十一条); only the sole-supplier ground is publicised (DS-01). */}
              <Form.Item noStyle dependencies={['method']}>
                {({ getFieldValue }) =>
                  getFieldValue('method') === 'singleSource' && (
                    <Space wrap align="start">
                      <Form.Item name="singleSourceSupplierEntityId" label={t('publicity.namedSupplier')} rules={[{ required: true, message: t('publicity.namedSupplierRequired') }]}>
                        <SupplierSelect />
                      </Form.Item>
                      <Form.Item name="singleSourceGround" label={t('trading.singleSourceGround')} rules={[{ required: true }]}>
                        <Select style={{ width: '100%', minWidth: 200, maxWidth: 420 }} options={['soleSupplier', 'emergency', 'consistency'].map((g) => ({ value: g, label: t(`trading.singleSourceGrounds.${g}`) }))} />
                      </Form.Item>
                    </Space>
                  )
                }
              </Form.Item>
              {/* CS-06: a consultation for research or for services may go on with two suppliers; the reason goes in the justification. */}
              <Form.Item noStyle dependencies={['method']}>
                {({ getFieldValue }) =>
                  getFieldValue('method') === 'consultation' && (
                    <Form.Item name="twoSupplierException" label={t('trading.twoSupplierException')} extra={<RuleRef id="CS-06" />}>
                      <Select allowClear style={{ width: '100%', maxWidth: 420 }} options={['research', 'governmentServices'].map((e) => ({ value: e, label: t(`trading.twoSupplierExceptions.${e}`) }))} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Form.Item name="methodJustification" label={t('trading.methodJustification')}><Input /></Form.Item>
              {mayPrequalify && (
                <Form.Item name="prequalification" valuePropName="checked" extra={t('prequalification.chooseHelp')}>
                  <Checkbox data-testid="choose-prequalification">{t('prequalification.choose')}</Checkbox>
                </Form.Item>
              )}
              <Space wrap>
                <Form.Item name="contactName" label={t('trading.contactName')} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="contactPhone" label={t('trading.contactPhone')} rules={[{ required: true }]}><Input /></Form.Item>
              </Space>
              <Form.Item name="lotTitle" label={t('trading.lotTitle')} rules={[{ required: true }]}><Input /></Form.Item>
              <Space wrap>
                <Form.Item name="budget" label={t('trading.budget')} rules={[{ required: true }]}><InputNumber stringMode precision={2} style={{ width: 180 }} /></Form.Item>
                <Form.Item name="maxPrice" label={t('trading.maxPrice')}><InputNumber stringMode precision={2} style={{ width: 180 }} /></Form.Item>
                <Form.Item name="deposit" label={t('trading.deposit')} extra={<>≤ 2% · <RuleRef id="GP-20" /></>}><InputNumber stringMode precision={2} style={{ width: 180 }} /></Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="evaluationMethod" label={t('trading.evaluationMethod')}><Select style={{ width: 180 }} options={['lowestPrice', 'scoring'].map((m) => ({ value: m, label: t(`trading.evaluationMethods.${m}`) }))} /></Form.Item>
                <Form.Item name="priceWeight" label={t('trading.priceWeight')}><InputNumber min={0} max={100} /></Form.Item>
                <Form.Item name="smeMeasure" label={t('trading.smeMeasure')}><Select style={{ width: 200 }} options={['none', 'reserved', 'priceDeduction'].map((m) => ({ value: m, label: t(`trading.smeMeasures.${m}`) }))} /></Form.Item>
                <Form.Item name="deductionPercent" label={t('trading.deductionPercent')}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
              </Space>
              <Form.Item name="notSuitableReason" label={t('trading.notSuitableReason')}><Input /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

/** A registered supplier, found by name as the user types (市场主体查询). */
function SupplierSelect({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const [search, setSearch] = useState('');
  const suppliers = useQuery({
    queryKey: ['public-entities', 'supplier', search],
    queryFn: () => get<{ items: PublicEntity[] }>(`/api/public/entities?${new URLSearchParams({ type: 'supplier', pageSize: '20', ...(search.trim() ? { q: search.trim() } : {}) })}`),
  });
  return (
    <Select
      showSearch
      filterOption={false}
      value={value}
      onChange={onChange}
      onSearch={setSearch}
      style={{ width: '100%', minWidth: 240, maxWidth: 420 }}
      options={(suppliers.data?.items ?? []).flatMap((e) => (e.id ? [{ value: e.id, label: e.name }] : []))}
      data-testid="single-source-supplier"
    />
  );
}
