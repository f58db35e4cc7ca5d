import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, DatePicker, Descriptions, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorText, get, showFieldErrors } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import type dayjs from '../../dayjs';
import { formatTime } from '../../format';
import { beijingTime, dateStringField, enterPicksDateOnly } from '../../forms';
import { formatAmount, yuanToFen } from '../../money';
import type { Project } from './types';

interface Order {
  id: string;
  orderNumber: string;
  title: string;
  description: string;
  mode: 'direct' | 'competition';
  status: 'competing' | 'decided' | 'failed';
  deadline: string | null;
  ceilingFen: number | null;
  open: boolean;
  supplierName: string | null;
  priceFen: number | null;
  contract: { id: string; contractNumber: string; status: string } | null;
  offers: { supplierEntityId: string; supplierName: string; priceFen: number; submittedAt: string }[] | null;
  myOffer: { priceFen: number; submittedAt: string } | null;
  mayOffer: boolean;
  mayDecide: boolean;
}
interface Framework {
  agreement: {
    id: string;
    kind: 'closed' | 'open';
    termStart: string;
    termEnd: string;
    admittedAt: string;
    members: { supplierEntityId: string; supplierName: string; rank: number; admittedPriceFen: number; joinedAt: string | null }[];
    ceilingFen: number;
  } | null;
  orders: Order[];
  mayOrder: boolean;
  applications: Application[];
  mayApply: boolean;
  mayLeave: boolean;
  admission: { responding: number; qualifying: number; maximumAdmitted: number; minimumAdmitted: number; termMonths: number } | null;
}

interface Application {
  id: string;
  supplierName: string;
  statement: string;
  priceFen: number;
  status: 'pending' | 'admitted' | 'refused';
  reasons: string | null;
  submittedAt: string;
  decidedAt: string | null;
  mayDecide: boolean;
}

const APPLICATION_COLOURS = { pending: 'blue', admitted: 'green', refused: 'red' } as const;

const STATUS_COLOURS = { competing: 'blue', decided: 'green', failed: 'red' } as const;

/**
 * 框架协议采购 (财政部令第110号) on the project page: the admission after the evaluation (FA-04, FA-05),
 * the agreement's members and prices, and its orders — the purchaser's direct selections (FA-08) and
 * second-round competitions (FA-07), a member's one sealed offer, the result and its contract. The
 * server sends no offers, nor their count, before a competition's deadline.
 */
export function FrameworkCard({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const framework = useQuery({ queryKey: ['framework', project.id], queryFn: () => get<Framework | null>(`/api/public/projects/${project.id}/framework`), refetchInterval: 5000 });
  const refresh = () => Promise.all(['framework', 'project', 'contracts'].map((key) => queryClient.invalidateQueries({ queryKey: [key, project.id] })));
  const f = framework.data;
  if (framework.isLoading) return <Card loading />;
  if (!f || (!f.agreement && !f.admission)) return null;
  const a = f.agreement;
  const money = (fen: number) => formatAmount(fen, i18n.language);
  return (
    <Card title={t('framework.title')} data-testid="framework">
      <Space direction="vertical" style={{ width: '100%' }}>
        {!a && f.admission && <AdmissionForm project={project} facts={f.admission} onDone={refresh} />}
        {a && (
          <>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('framework.kind')}>{t(`framework.kinds.${a.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('framework.term')}>
                <span data-testid="framework-term">{a.termStart} ~ {a.termEnd}</span>
              </Descriptions.Item>
            </Descriptions>
            <List
              header={<Typography.Text strong>{t('framework.members', { count: a.members.length })}</Typography.Text>}
              dataSource={a.members}
              data-testid="framework-members"
              renderItem={(m) => (
                <List.Item data-testid="framework-member">
                  <Space wrap>
                    <Tag>{m.rank}</Tag>
                    <Typography.Text strong>{m.supplierName}</Typography.Text>
                    <Typography.Text type="secondary">{t('framework.admittedPrice')}</Typography.Text>
                    <Typography.Text>{money(m.admittedPriceFen)}</Typography.Text>
                    {m.joinedAt && <Tag color="cyan">{t('framework.joined')} {formatTime(m.joinedAt)}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
            {f.mayLeave && <LeaveButton project={project} onDone={refresh} />}
            {f.mayApply && <ApplyForm project={project} ceilingFen={a.ceilingFen} onDone={refresh} />}
            {f.applications.length > 0 && (
              <List
                header={<Typography.Text strong>{t('framework.applications')}</Typography.Text>}
                dataSource={f.applications}
                data-testid="framework-applications"
                renderItem={(x) => (
                  <List.Item>
                    <ApplicationItem application={x} onDone={refresh} />
                  </List.Item>
                )}
              />
            )}
            {f.mayOrder && <NewOrder project={project} framework={f} onDone={refresh} />}
            {f.orders.length > 0 && (
              <List
                header={<Typography.Text strong>{t('framework.orders')}</Typography.Text>}
                dataSource={f.orders}
                data-testid="framework-orders"
                renderItem={(o) => (
                  <List.Item>
                    <OrderItem order={o} onDone={refresh} />
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

function AdmissionForm({ project, facts, onDone }: { project: Project; facts: NonNullable<Framework['admission']>; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: 'closed' | 'open'; admittedCount?: number; termStart: string; termEnd: string }>();
  const kind = Form.useWatch('kind', form) ?? 'closed';
  const [busy, setBusy] = useState(false);
  async function submit(v: { kind: 'closed' | 'open'; admittedCount?: number; termStart: string; termEnd: string }) {
    setBusy(true);
    try {
      // FA-09: an open framework admits every qualifying supplier — no count.
      await api('POST', `/api/projects/${project.id}/framework/admission`, v.kind === 'open' ? { kind: 'open', termStart: v.termStart, termEnd: v.termEnd } : v);
      message.success(t('common.done'));
      onDone();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'closed', admittedCount: facts.maximumAdmitted }} onFinish={(v) => void submit(v)} {...enterPicksDateOnly} style={{ maxWidth: 640 }} data-testid="admission-form">
      <Alert
        type="info"
        showIcon
        message={t(kind === 'open' ? 'framework.openAdmissionIntro' : 'framework.admissionIntro', { responding: facts.responding, qualifying: facts.qualifying, maximum: facts.maximumAdmitted, minimum: facts.minimumAdmitted, months: facts.termMonths })}
        description={<Space size={4} wrap>{(kind === 'open' ? ['FA-02', 'FA-09', 'FA-05'] : ['FA-02', 'FA-04', 'FA-05']).map((id) => <RuleRef key={id} id={id} />)}</Space>}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="kind" label={t('framework.kind')} rules={[{ required: true }]}>
        <Select data-testid="framework-kind" options={(['closed', 'open'] as const).map((k) => ({ value: k, label: t(`framework.kinds.${k}`) }))} />
      </Form.Item>
      {kind === 'closed' && (
        <Form.Item name="admittedCount" label={t('framework.admittedCount')} rules={[{ required: true }]}>
          <InputNumber min={1} max={facts.qualifying} precision={0} data-testid="admitted-count" />
        </Form.Item>
      )}
      <Form.Item name="termStart" label={t('framework.termStart')} rules={[{ required: true }]} {...dateStringField}>
        <DatePicker data-testid="term-start" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="termEnd" label={t('framework.termEnd')} rules={[{ required: true }]} {...dateStringField}>
        <DatePicker data-testid="term-end" style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="admit">
        {t('framework.admit')}
      </Button>
    </Form>
  );
}

interface ContractValues {
  performancePeriod: string;
  performancePlace: string;
  acceptanceCriteria: string;
  dueDate: string;
  terms: string;
}

/** The order's contract: one milestone for the whole order, paid after its acceptance. */
function ContractFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="performancePeriod" label={t('framework.performancePeriod')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input maxLength={200} data-testid="order-period" />
      </Form.Item>
      <Form.Item name="performancePlace" label={t('framework.performancePlace')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input maxLength={200} data-testid="order-place" />
      </Form.Item>
      <Form.Item name="acceptanceCriteria" label={t('framework.acceptanceCriteria')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input maxLength={2000} data-testid="order-criteria" />
      </Form.Item>
      <Form.Item name="dueDate" label={t('framework.dueDate')} rules={[{ required: true }]} {...dateStringField}>
        <DatePicker data-testid="order-due" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="terms" label={t('framework.terms')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input.TextArea rows={2} maxLength={20_000} data-testid="order-terms" />
      </Form.Item>
    </>
  );
}

const contractOf = (v: ContractValues) => ({ performancePeriod: v.performancePeriod, performancePlace: v.performancePlace, acceptanceCriteria: v.acceptanceCriteria, dueDate: v.dueDate, terms: v.terms });

/** FA-06: the purchaser orders directly from a member (FA-08) or opens a second-round competition (FA-07). */
function NewOrder({ project, framework, onDone }: { project: Project; framework: Framework; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'direct' | 'competition' | null>(null);
  const [form] = Form.useForm<ContractValues & { title: string; supplierEntityId?: string; price?: string; deadline?: dayjs.Dayjs }>();
  const [busy, setBusy] = useState(false);
  const members = framework.agreement!.members;
  async function submit(v: ContractValues & { title: string; supplierEntityId?: string; price?: string; deadline?: dayjs.Dayjs }) {
    setBusy(true);
    try {
      const body =
        mode === 'direct'
          ? { mode, title: v.title, supplierEntityId: v.supplierEntityId, priceFen: yuanToFen(v.price), contract: contractOf(v) }
          : { mode, title: v.title, deadline: beijingTime(v.deadline!) };
      await api('POST', `/api/projects/${project.id}/framework/orders`, body);
      message.success(t('common.done'));
      form.resetFields();
      setMode(null);
      onDone();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  if (!mode)
    return (
      <Space wrap>
        <Button onClick={() => setMode('direct')} data-testid="new-direct-order">{t('framework.newDirect')}</Button>
        <Button type="primary" onClick={() => setMode('competition')} data-testid="new-competition">{t('framework.newCompetition')}</Button>
      </Space>
    );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} {...enterPicksDateOnly} style={{ maxWidth: 640 }} data-testid="order-form">
      <Alert type="info" showIcon message={t(mode === 'direct' ? 'framework.directIntro' : 'framework.competitionIntro', { ceiling: formatAmount(framework.agreement!.ceilingFen, i18n.language) })} description={<RuleRef id={mode === 'direct' ? 'FA-08' : 'FA-07'} />} style={{ marginBottom: 16 }} />
      <Form.Item name="title" label={t('framework.orderTitle')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input maxLength={200} data-testid="order-title" />
      </Form.Item>
      {mode === 'direct' ? (
        <>
          <Form.Item name="supplierEntityId" label={t('framework.member')} rules={[{ required: true }]}>
            <Select data-testid="order-supplier" options={members.map((m) => ({ value: m.supplierEntityId, label: `${m.supplierName}（${t('framework.admittedPrice')} ${formatAmount(m.admittedPriceFen, i18n.language)}）` }))} />
          </Form.Item>
          <Form.Item name="price" label={t('framework.priceYuan')} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
            <Input inputMode="decimal" data-testid="order-price" />
          </Form.Item>
          <ContractFields />
        </>
      ) : (
        <Form.Item name="deadline" label={t('framework.deadline')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="order-deadline" style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="place-order">{t(mode === 'direct' ? 'framework.placeDirect' : 'framework.openCompetition')}</Button>
        <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function OrderItem({ order: o, onDone }: { order: Order; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const money = (fen: number) => formatAmount(fen, i18n.language);
  const [price, setPrice] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ContractValues>();
  async function offer() {
    const priceFen = yuanToFen(price);
    if (!priceFen) return void message.error(t('framework.priceInvalid'));
    setBusy(true);
    try {
      await api('POST', `/api/framework-orders/${o.id}/offers`, { priceFen });
      message.success(t('framework.offered'));
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  async function decide(v: ContractValues) {
    setBusy(true);
    try {
      await api('POST', `/api/framework-orders/${o.id}/decision`, { contract: contractOf(v) });
      message.success(t('common.done'));
      onDone();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  const lowest = o.offers?.length ? Math.min(...o.offers.map((x) => x.priceFen)) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="framework-order">
      <Space wrap>
        <Typography.Text strong>{o.title}</Typography.Text>
        <Typography.Text type="secondary">{o.orderNumber}</Typography.Text>
        <Tag>{t(`framework.modes.${o.mode}`)}</Tag>
        <Tag color={STATUS_COLOURS[o.status]} data-testid="order-status">{t(`framework.statuses.${o.status}`)}</Tag>
      </Space>
      {o.mode === 'competition' && (
        <Typography.Text type="secondary">
          {t('framework.deadline')}：{formatTime(o.deadline)}　{t('framework.ceiling')}：{o.ceilingFen !== null ? money(o.ceilingFen) : '—'}
        </Typography.Text>
      )}
      {o.open && <Typography.Text type="secondary" data-testid="offers-sealed">{t('framework.sealed')}</Typography.Text>}
      {o.myOffer && (
        <Typography.Text data-testid="my-offer">
          {t('framework.myOffer')}：{money(o.myOffer.priceFen)}（{formatTime(o.myOffer.submittedAt)}）
        </Typography.Text>
      )}
      {o.mayOffer && (
        <Space wrap>
          <Input inputMode="decimal" placeholder={t('framework.priceYuan')} value={price} onChange={(e) => setPrice(e.target.value)} style={{ width: 200 }} data-testid="offer-price" />
          <Button type="primary" loading={busy} onClick={() => void offer()} data-testid="submit-offer">{t('framework.submitOffer')}</Button>
          <Typography.Text type="secondary">{t('framework.onceOnly')}</Typography.Text>
        </Space>
      )}
      {o.offers && (
        <List
          size="small"
          header={t('framework.offers')}
          dataSource={o.offers}
          data-testid="order-offers"
          renderItem={(x) => (
            <List.Item>
              <Space wrap>
                <Typography.Text>{x.supplierName}</Typography.Text>
                <Typography.Text strong={x.priceFen === lowest}>{money(x.priceFen)}</Typography.Text>
                {x.priceFen === lowest && o.status === 'competing' && <Tag color="green">{t('framework.lowest')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {o.status === 'decided' && o.supplierName && (
        <Typography.Text data-testid="order-winner">
          {t('framework.supplier')}：{o.supplierName}　{o.priceFen !== null ? money(o.priceFen) : ''}
        </Typography.Text>
      )}
      {o.contract && (
        <Link to={`/workspace/contracts/${o.contract.id}`} data-testid="order-contract">
          {t('framework.contract')} {o.contract.contractNumber}
        </Link>
      )}
      {o.mayDecide && (
        <Form form={form} layout="vertical" onFinish={(v) => void decide(v)} {...enterPicksDateOnly} style={{ maxWidth: 640 }} data-testid="decision-form">
          <Alert type="info" showIcon message={t(o.offers?.length ? 'framework.decideIntro' : 'framework.noOffers')} description={<RuleRef id="FA-07" />} style={{ marginBottom: 16 }} />
          {Boolean(o.offers?.length) && <ContractFields />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="decide-order">{t(o.offers?.length ? 'framework.decide' : 'framework.closeWithout')}</Button>
        </Form>
      )}
    </Space>
  );
}

/** FA-09: a supplier that is not a member applies to join an open agreement during its term. */
function ApplyForm({ project, ceilingFen, onDone }: { project: Project; ceilingFen: number; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ statement: string; price: string }>();
  const [busy, setBusy] = useState(false);
  async function submit(v: { statement: string; price: string }) {
    setBusy(true);
    try {
      await api('POST', `/api/projects/${project.id}/framework/applications`, { statement: v.statement, priceFen: yuanToFen(v.price) });
      message.success(t('framework.applied'));
      form.resetFields();
      setOpen(false);
      onDone();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  if (!open)
    return (
      <Button type="primary" onClick={() => setOpen(true)} data-testid="apply-to-join">
        {t('framework.apply')}
      </Button>
    );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }} data-testid="application-form">
      <Alert type="info" showIcon message={t('framework.applyIntro', { ceiling: formatAmount(ceilingFen, i18n.language) })} description={<RuleRef id="FA-09" />} style={{ marginBottom: 16 }} />
      <Form.Item name="statement" label={t('framework.statement')} rules={[{ required: true, whitespace: true, min: 2 }]}>
        <Input.TextArea rows={3} maxLength={4000} data-testid="application-statement" />
      </Form.Item>
      <Form.Item name="price" label={t('framework.priceYuan')} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
        <Input inputMode="decimal" data-testid="application-price" />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-application">{t('framework.submitApplication')}</Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** FA-09: an application to join — its statement, price and state; those running the project admit or refuse it with reasons. */
function ApplicationItem({ application: x, onDone }: { application: Application; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  async function decide(decision: 'admit' | 'refuse') {
    if (reasons.trim().length < 2) return void message.error(t('framework.reasonsRequired'));
    setBusy(true);
    try {
      await api('POST', `/api/framework-applications/${x.id}/decision`, { decision, reasons });
      message.success(t('common.done'));
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="framework-application">
      <Space wrap>
        <Typography.Text strong>{x.supplierName}</Typography.Text>
        <Typography.Text>{formatAmount(x.priceFen, i18n.language)}</Typography.Text>
        <Tag color={APPLICATION_COLOURS[x.status]} data-testid="application-status">{t(`framework.applicationStatuses.${x.status}`)}</Tag>
        <Typography.Text type="secondary">{formatTime(x.submittedAt)}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{x.statement}</Typography.Paragraph>
      {x.reasons && (
        <Typography.Text type="secondary">
          {t('framework.reasons')}：{x.reasons}
        </Typography.Text>
      )}
      {x.mayDecide && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('framework.reasons')} value={reasons} onChange={(e) => setReasons(e.target.value)} data-testid="application-reasons" />
          <Space wrap>
            <Button type="primary" loading={busy} onClick={() => void decide('admit')} data-testid="admit-application">{t('framework.admitApplication')}</Button>
            <Button danger loading={busy} onClick={() => void decide('refuse')} data-testid="refuse-application">{t('framework.refuseApplication')}</Button>
          </Space>
        </Space>
      )}
    </Space>
  );
}

/** FA-09: a member leaves an open agreement by notice; it takes part in no order from then on. */
function LeaveButton({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function leave() {
    setBusy(true);
    try {
      await api('POST', `/api/projects/${project.id}/framework/withdrawal`);
      message.success(t('common.done'));
      onDone();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Popconfirm title={t('framework.leaveConfirm')} onConfirm={() => void leave()}>
      <Button danger loading={busy} data-testid="leave-agreement">
        {t('framework.leave')}
      </Button>
    </Popconfirm>
  );
}
