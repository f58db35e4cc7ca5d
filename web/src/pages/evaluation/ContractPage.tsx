import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Form, Grid, Input, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAction } from '../../action';
import { api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan, yuanToFen } from '../../money';
import { hasRole, useSession } from '../../session';
import { DueTag } from '../money/PaymentApplicationPage';
import { ContractFinancingCard } from '../money/ContractFinancingCard';
import { PaymentApplicationForm } from '../money/PaymentApplicationForm';
import { statusColor, type PaymentApplication } from '../money/payment-types';

interface Signature {
  personId: string;
  signedAt: string;
  seal: string;
}
interface Contract {
  id: string;
  contractNumber: string;
  projectId: string | null;
  sourceName: string | null;
  title: string;
  purchaserEntityId: string;
  supplierEntityId: string;
  purchaserName: string;
  supplierName: string;
  purchaserCreditCode: string;
  supplierCreditCode: string;
  priceFen: number;
  items: { name: string; brand: string | null; model: string | null; quantity: number; unitPriceFen: number; totalFen: number }[];
  milestones: { no: number; name: string; amountFen: number; acceptanceCriteria: string; dueDate: string }[];
  performancePeriod: string;
  performancePlace: string;
  terms: string;
  status: 'draft' | 'signed' | 'refused' | 'completed';
  contentHash: string;
  supplierSignature: Signature | null;
  purchaserSignature: Signature | null;
  refusalReason: string | null;
  revision: number;
  acceptances: { id: string; milestoneNo: number; result: 'pass' | 'partial' | 'fail'; payableFen: number; findings: string; members: string[]; recordedAt: string }[];
  payable: { milestoneNo: number; amountFen: number; payableFen: number }[];
  reviews: { direction: string; ratings: Record<string, number>; comment: string | null; recordedAt: string }[];
}

/** 合同: both parties sign with the e-seal; the purchaser records acceptance per milestone; both review performance. */
export function ContractPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const call = useAction(['contract', id]);
  const contract = useQuery({ queryKey: ['contract', id], queryFn: () => get<Contract>(`/api/contracts/${id}`) });
  const [refusal, setRefusal] = useState('');
  const c = contract.data;
  if (contract.error) return <Alert type="error" title={errorText(contract.error)} />;
  if (!c || !session) return <Card loading />;
  const side = hasRole(session, ['supplier']) && session.entity.id === c.supplierEntityId ? 'supplier' : hasRole(session, ['purchaser']) && session.entity.id === c.purchaserEntityId ? 'purchaser' : null;
  const mySignature = side === 'supplier' ? c.supplierSignature : side === 'purchaser' ? c.purchaserSignature : null;
  const sealTag = (label: string, s: Signature | null) => <Tag color={s ? 'red' : 'default'}>{s ? `${label} · ${formatTime(s.signedAt)}` : `${label} · ${t('evaluation.notSigned')}`}</Tag>;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={c.title} extra={<Tag data-testid="contract-status">{t(`evaluation.contractStatus.${c.status}`)}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('evaluation.contract')}>{c.contractNumber}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.amount')}>{formatYuan(c.priceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('role.purchaser')}>{c.purchaserName}</Descriptions.Item>
          <Descriptions.Item label={t('role.supplier')}>{c.supplierName}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.performancePeriod')}>{c.performancePeriod}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.performancePlace')}>{c.performancePlace}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.terms')} span={{ xs: 1, md: 2 }}>{c.terms}</Descriptions.Item>
          <Descriptions.Item label="SHA-256" span={{ xs: 1, md: 2 }}>{c.contentHash}</Descriptions.Item>
        </Descriptions>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={c.items}
          columns={[
            { title: t('evaluation.item'), dataIndex: 'name' },
            { title: t('evaluation.brand'), dataIndex: 'brand' },
            { title: t('evaluation.model'), dataIndex: 'model' },
            { title: t('evaluation.quantity'), dataIndex: 'quantity' },
            { title: t('evaluation.amount'), dataIndex: 'totalFen', align: 'right', render: formatYuan },
          ]}
        />
        <Space style={{ marginTop: 16 }} wrap>
          {sealTag(t('evaluation.supplierSigned'), c.supplierSignature)}
          {sealTag(t('evaluation.purchaserSigned'), c.purchaserSignature)}
          {c.status === 'draft' && side && !mySignature && (
            <Button type="primary" data-testid="sign-contract" onClick={() => call(() => api('POST', `/api/contracts/${c.id}/signatures`, { revision: c.revision }))}>
              {t('evaluation.sign')}
            </Button>
          )}
          {c.status === 'draft' && side === 'supplier' && !mySignature && (
            <Space>
              <Input placeholder={t('evaluation.refusalReason')} value={refusal} onChange={(e) => setRefusal(e.target.value)} />
              <Button danger onClick={() => call(() => api('POST', `/api/contracts/${c.id}/refusal`, { reason: refusal }))}>
                {t('evaluation.refuseSign')}
              </Button>
            </Space>
          )}
          {c.refusalReason && <Typography.Text type="danger">{c.refusalReason}</Typography.Text>}
          <a href={`/api/contracts/${c.id}/contract.pdf`} target="_blank" rel="noreferrer">
            {t('evaluation.contractPdf')}
          </a>
          {c.projectId && <Link to={`/workspace/projects/${c.projectId}`}>{t('trading.nav.projects')}</Link>}
          {c.sourceName && <Tag data-testid="contract-source">{t('evaluation.registeredBy', { source: c.sourceName })}</Tag>}
        </Space>
      </Card>
      <Card title={t('evaluation.acceptance')}>
        <Table
          rowKey="no"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={c.milestones}
          columns={[
            { title: '#', dataIndex: 'no' },
            { title: t('evaluation.milestoneName'), dataIndex: 'name' },
            { title: t('evaluation.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
            { title: t('evaluation.acceptanceCriteria'), dataIndex: 'acceptanceCriteria' },
            { title: t('evaluation.dueDate'), dataIndex: 'dueDate' },
            {
              title: t('evaluation.acceptance'),
              key: 'acc',
              render: (_, m) =>
                c.acceptances
                  .filter((a) => a.milestoneNo === m.no)
                  .map((a) => (
                    <div key={a.id}>
                      <Tag color={a.result === 'pass' ? 'green' : a.result === 'partial' ? 'orange' : 'red'} data-testid={`acceptance-${m.no}`}>
                        {t(`evaluation.result.${a.result}`)}
                      </Tag>
                      {a.findings}
                    </div>
                  )),
            },
            { title: t('evaluation.payable'), key: 'payable', align: 'right', render: (_, m) => formatYuan(c.payable.find((p) => p.milestoneNo === m.no)?.payableFen ?? 0) },
          ]}
        />
        {side === 'purchaser' && c.status === 'signed' && <AcceptanceForm contract={c} />}
      </Card>
      {c.acceptances.length > 0 && side && <PaymentsCard contract={c} side={side} />}
      {side === 'supplier' && (c.status === 'signed' || c.status === 'completed') && <ContractFinancingCard contractId={c.id} />}
      {c.acceptances.length > 0 && side && <ReviewCard contract={c} side={side} />}
    </Space>
  );
}

function AcceptanceForm({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const call = useAction(['contract', contract.id]);
  const [form] = Form.useForm();
  const result = Form.useWatch('result', form);
  // On a phone the fields stack (a mall contract is accepted on the spot, at delivery).
  const phone = Grid.useBreakpoint().md === false;
  const open = contract.milestones.filter((m) => !contract.acceptances.some((a) => a.milestoneNo === m.no && a.result === 'pass'));
  async function record(values: { milestoneNo: number; result: string; payable?: string; findings?: string; members: string }) {
    const recorded = await call(() =>
      api('POST', `/api/contracts/${contract.id}/acceptances`, {
        milestoneNo: values.milestoneNo,
        result: values.result,
        payableFen: values.result === 'partial' ? yuanToFen(values.payable) : null,
        findings: values.findings ?? '',
        members: values.members.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
      }),
    );
    if (recorded) form.resetFields();
  }
  if (open.length === 0) return null;
  return (
    <Form form={form} layout={phone ? 'vertical' : 'inline'} style={{ marginTop: 16, rowGap: 8 }} onFinish={record} initialValues={{ milestoneNo: open[0]!.no, result: 'pass' }}>
      <Form.Item name="milestoneNo" label={t('evaluation.milestoneName')}>
        <Select style={{ width: 160 }} options={open.map((m) => ({ value: m.no, label: `${m.no} ${m.name}` }))} data-testid="acceptance-milestone" />
      </Form.Item>
      <Form.Item name="result">
        <Select style={{ width: 120 }} options={(['pass', 'partial', 'fail'] as const).map((r) => ({ value: r, label: t(`evaluation.result.${r}`) }))} />
      </Form.Item>
      {result === 'partial' && (
        <Form.Item name="payable" label={t('evaluation.payable')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
      )}
      <Form.Item name="findings" label={t('evaluation.findings')}>
        <Input style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="members" label={t('evaluation.members')} rules={[{ required: true }]}>
        <Input style={{ width: 200 }} data-testid="acceptance-members" />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="record-acceptance">
        {t('evaluation.record')}
      </Button>
    </Form>
  );
}

/** The contract's payment applications, and for its supplier the form to file one against an accepted milestone. */
function PaymentsCard({ contract, side }: { contract: Contract; side: 'supplier' | 'purchaser' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['payment-applications', 'contract', contract.id], queryFn: () => get<PaymentApplication[]>(`/api/payment-applications?contractId=${contract.id}`) });
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <Card title={t('payments.applications')}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 600 }}
        dataSource={list.data}
        locale={{ emptyText: t('payments.none') }}
        columns={[
          { title: t('payments.application'), dataIndex: 'applicationNumber', render: (v: string, a) => <Link to={`/workspace/payments/${a.id}`}>{v}</Link> },
          { title: t('payments.milestone'), dataIndex: 'milestoneNo' },
          { title: t('payments.total'), key: 'total', align: 'right', render: (_, a) => formatYuan(a.invoice.totalFen) },
          { title: t('trading.status'), key: 'status', render: (_, a) => <Tag color={statusColor(a.status)}>{a.statusName[lang]}</Tag> },
          { title: t('payments.due'), key: 'due', render: (_, a) => <DueTag a={a} /> },
        ]}
      />
      {side === 'supplier' && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[{ key: 'apply', label: <span data-testid="open-payment-form">{t('payments.apply')}</span>, children: <PaymentApplicationForm contract={contract} onDone={(a) => navigate(`/workspace/payments/${a.id}`)} /> }]}
        />
      )}
    </Card>
  );
}

function ReviewCard({ contract, side }: { contract: Contract; side: 'supplier' | 'purchaser' }) {
  const { t } = useTranslation();
  const call = useAction(['contract', contract.id]);
  const direction = side === 'purchaser' ? 'purchaserRatesSupplier' : 'supplierFeedback';
  const aspects = side === 'purchaser' ? (['quality', 'delivery', 'service'] as const) : (['cooperation', 'payment'] as const);
  const mine = contract.reviews.find((r) => r.direction === direction);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  return (
    <Card title={t('evaluation.rating')}>
      {contract.reviews.map((r) => (
        <Typography.Paragraph key={r.direction}>
          {Object.entries(r.ratings).map(([k, v]) => `${t(`evaluation.aspects.${k}`)} ${'★'.repeat(v)}`).join('　')} {r.comment}
        </Typography.Paragraph>
      ))}
      {!mine && (
        <Space direction="vertical">
          {aspects.map((a) => (
            <Space key={a}>
              {t(`evaluation.aspects.${a}`)}
              <Rate value={ratings[a]} onChange={(v) => setRatings({ ...ratings, [a]: v })} />
            </Space>
          ))}
          <Input.TextArea rows={2} placeholder={t('evaluation.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Button onClick={() => call(() => api('POST', `/api/contracts/${contract.id}/reviews`, { ratings, comment: comment || null }))}>{t('evaluation.submitRating')}</Button>
        </Space>
      )}
    </Card>
  );
}

export interface ContractSummary {
  id: string;
  contractNumber: string;
  lotId: string;
  title: string;
  priceFen: number;
  status: string;
}

/** Contracts as a list, each linking to its page (a project's, or a supplier's own). */
export function ContractsTable({ contracts }: { contracts: ContractSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={contracts}
      columns={[
        { title: t('evaluation.contract'), dataIndex: 'contractNumber', render: (v: string, c) => <Link to={`/workspace/contracts/${c.id}`} data-testid="contract-link">{v}</Link> },
        { title: t('evaluation.contractTitle'), dataIndex: 'title' },
        { title: t('evaluation.amount'), dataIndex: 'priceFen', align: 'right', render: formatYuan },
        { title: t('trading.status'), dataIndex: 'status', render: (st: string) => <Tag data-testid="contract-status">{t(`evaluation.contractStatus.${st}`)}</Tag> },
      ]}
    />
  );
}
