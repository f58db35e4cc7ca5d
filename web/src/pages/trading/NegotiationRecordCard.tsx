import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../action';
import { ApiError, api, errorText, get, showFieldErrors } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { formatAmount, yuanToFen } from '../../money';
import type { Project } from './types';

type Decision = 'agree' | 'dissent' | 'refuse';

interface LotRecord {
  lotId: string;
  lotNo: number;
  title: string;
  budgetFen: number;
  supplierName: string;
  status: 'none' | 'draft' | 'signed';
  publicityAccount: { startsAt: string; endsOn: string; objections: { text: string; status: 'pending' | 'upheld' | 'dismissed'; review: string | null }[] } | null;
  record: {
    negotiatedOn: string;
    place: string;
    supplierCost: string | null;
    comparablePrices: string | null;
    patentDetails: string | null;
    contractTerms: string;
    agreedPriceFen: number;
    contentHash: string;
    signedAt: string | null;
  } | null;
  negotiators: { personId: string; displayName: string }[];
  signatures: { personId: string; displayName: string; decision: Decision; reasons: string | null; standing: 'agrees' | 'dissents' | 'deemedToAgree'; signedAt: string }[];
  missing: string[];
  mayDraft: boolean;
  maySign: boolean;
}
interface Records {
  projectId: string;
  reader: 'negotiator' | 'overseer' | 'supplier';
  lots: LotRecord[];
}

const AFTER_OPENING = ['evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed'];
const STANDING_COLOURS = { agrees: 'green', dissents: 'orange', deemedToAgree: 'default' } as const;

/**
 * 单一来源 协商情况记录 (SS-05, SS-07) on the project page, after the supplier's response is opened: the
 * negotiators write it and sign it (agree, dissent with reasons, or refuse); then it is read-only. Those
 * running and supervising the project read it; the supplier reads the agreed terms once awarded.
 */
export function NegotiationRecordCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const shown = project.method === 'singleSource' && AFTER_OPENING.includes(project.status);
  const records = useQuery({
    queryKey: ['negotiation-record', project.id],
    queryFn: () => get<Records>(`/api/projects/${project.id}/negotiation-record`),
    enabled: shown,
    retry: false,
    refetchInterval: 5000,
  });
  if (!shown || !records.data || records.data.lots.length === 0) return null;
  const refresh = () => Promise.all(['negotiation-record', 'project'].map((key) => queryClient.invalidateQueries({ queryKey: [key, project.id] })));
  return (
    <Card title={<Space wrap>{t('negotiation.title')}<RuleRef id="SS-05" /></Space>} data-testid="negotiation-record">
      <List dataSource={records.data.lots} renderItem={(l) => <List.Item style={{ display: 'block' }}><LotRecordView projectId={project.id} lot={l} reader={records.data!.reader} onChange={refresh} /></List.Item>} />
    </Card>
  );
}

function LotRecordView({ projectId, lot: l, reader, onChange }: { projectId: string; lot: LotRecord; reader: Records['reader']; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const r = l.record;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`negotiation-lot-${l.lotNo}`}>
      <Space wrap>
        <Typography.Text strong>{t('negotiation.lot', { no: l.lotNo, title: l.title })}</Typography.Text>
        <Tag color={l.status === 'signed' ? 'green' : l.status === 'draft' ? 'blue' : 'default'} data-testid="negotiation-status">{t(`negotiation.status.${l.status}`)}</Tag>
      </Space>
      <Typography.Text>{t('negotiation.supplierAndBudget', { supplier: l.supplierName, budget: formatAmount(l.budgetFen, i18n.language) })}</Typography.Text>
      {reader !== 'supplier' && (
        <Descriptions size="small" column={1} bordered title={t('negotiation.publicity')}>
          {l.publicityAccount ? (
            <>
              <Descriptions.Item label={t('negotiation.publicityPeriod')}>{`${formatTime(l.publicityAccount.startsAt)} — ${l.publicityAccount.endsOn}`}</Descriptions.Item>
              <Descriptions.Item label={t('negotiation.objections')}>
                {l.publicityAccount.objections.length === 0
                  ? t('negotiation.noObjections')
                  : l.publicityAccount.objections.map((o, i) => (
                      <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>
                        <Tag>{t(`publicity.objectionStatus.${o.status}`)}</Tag>
                        {o.text}
                        {o.review && <Typography.Text type="secondary">{` — ${o.review}`}</Typography.Text>}
                      </Typography.Paragraph>
                    ))}
              </Descriptions.Item>
            </>
          ) : (
            <Descriptions.Item label={t('negotiation.publicityPeriod')}>{t('negotiation.noPublicity')}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      {r && (
        <Descriptions size="small" column={1} bordered data-testid="negotiation-record-view">
          <Descriptions.Item label={t('negotiation.negotiatedOn')}>{r.negotiatedOn}</Descriptions.Item>
          <Descriptions.Item label={t('negotiation.place')}>{r.place}</Descriptions.Item>
          {l.negotiators.length > 0 && <Descriptions.Item label={t('negotiation.staff')}>{l.negotiators.map((n) => n.displayName).join('、')}</Descriptions.Item>}
          {r.supplierCost !== null && <Descriptions.Item label={t('negotiation.supplierCost')}>{r.supplierCost}</Descriptions.Item>}
          {r.comparablePrices !== null && <Descriptions.Item label={t('negotiation.comparablePrices')}>{r.comparablePrices}</Descriptions.Item>}
          {r.patentDetails !== null && <Descriptions.Item label={t('negotiation.patentDetails')}>{r.patentDetails}</Descriptions.Item>}
          <Descriptions.Item label={t('negotiation.contractTerms')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.contractTerms}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('negotiation.agreedPrice')}>
            <span data-testid="agreed-price">{formatAmount(r.agreedPriceFen, i18n.language)}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {reader !== 'supplier' && l.negotiators.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('negotiation.signatures')}</Typography.Text>}
          dataSource={l.negotiators}
          data-testid="negotiation-signatures"
          renderItem={(n) => {
            const s = l.signatures.find((x) => x.personId === n.personId);
            return (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space wrap>
                    <Typography.Text>{n.displayName}</Typography.Text>
                    {s ? <Tag color={STANDING_COLOURS[s.standing]}>{t(`negotiation.standing.${s.standing}`)}</Tag> : <Tag>{t('negotiation.notSigned')}</Tag>}
                    {s && <Typography.Text type="secondary">{formatTime(s.signedAt)}</Typography.Text>}
                  </Space>
                  {s?.reasons && <Typography.Text type="secondary">{t('negotiation.reasonsShown', { reasons: s.reasons })}</Typography.Text>}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {l.status === 'signed' && reader !== 'supplier' && <Alert type="success" showIcon message={t('negotiation.signedResult')} />}
      {l.mayDraft && <RecordForm projectId={projectId} lot={l} onSaved={onChange} />}
      {l.maySign && <SignForm projectId={projectId} lot={l} onSigned={onChange} />}
    </Space>
  );
}

interface RecordValues {
  negotiatedOn: string;
  place: string;
  supplierCost: string;
  comparablePrices: string;
  patentDetails: string;
  contractTerms: string;
  agreedPrice: string;
}

/** SS-05 items (二)–(四); (一) is filled from the publicity. SS-07: the price is at most the budget, else the procurement ends. */
function RecordForm({ projectId, lot: l, onSaved }: { projectId: string; lot: LotRecord; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; terminate: boolean } | null>(null);
  const r = l.record;
  async function submit(values: RecordValues) {
    setBusy(true);
    setRefusal(null);
    try {
      const { agreedPrice, ...rest } = values;
      await api('PUT', `/api/evaluations/${projectId}/lots/${l.lotId}/negotiation-record`, { ...rest, agreedPriceFen: yuanToFen(agreedPrice) ?? 0 });
      message.success(t('common.done'));
      onSaved();
    } catch (error) {
      const terminate = error instanceof ApiError && error.code === 'PRICE_OVER_BUDGET';
      if (terminate || !showFieldErrors(form, error)) setRefusal({ text: errorText(error), terminate });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid="negotiation-record-form"
      initialValues={r ? { negotiatedOn: r.negotiatedOn, place: r.place, supplierCost: r.supplierCost ?? '', comparablePrices: r.comparablePrices ?? '', patentDetails: r.patentDetails ?? '', contractTerms: r.contractTerms, agreedPrice: String(r.agreedPriceFen / 100) } : {}}
    >
      <Alert type="info" showIcon message={t('negotiation.intro')} description={<Space wrap><RuleRef id="SS-05" /><RuleRef id="SS-07" /></Space>} style={{ marginBottom: 16 }} />
      <Form.Item name="negotiatedOn" label={t('negotiation.negotiatedOn')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="place" label={t('negotiation.place')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="supplierCost" label={t('negotiation.supplierCost')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="comparablePrices" label={t('negotiation.comparablePrices')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="patentDetails" label={t('negotiation.patentDetails')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="contractTerms" label={t('negotiation.contractTerms')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={8000} />
      </Form.Item>
      <Form.Item
        name="agreedPrice"
        label={t('negotiation.agreedPriceYuan')}
        extra={t('negotiation.budgetLimit', { budget: formatAmount(l.budgetFen, i18n.language) })}
        rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: t('negotiation.priceFormat') }]}
      >
        <Input inputMode="decimal" suffix={t('negotiation.yuan')} />
      </Form.Item>
      {refusal && <Alert style={{ marginBottom: 16 }} type="error" showIcon message={refusal.text} description={refusal.terminate ? t('negotiation.terminateHint') : undefined} data-testid="negotiation-refusal" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="save-negotiation-record">
        {t('negotiation.save')}
      </Button>
    </Form>
  );
}

/** SS-05: sign; or sign a dissent with its reasons; or refuse to sign (without reasons deemed to agree). */
function SignForm({ projectId, lot: l, onSigned }: { projectId: string; lot: LotRecord; onSigned: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decision: Decision; reasons?: string }>();
  const { busy, run } = useSubmit(form);
  const decision = Form.useWatch('decision', form);
  async function submit(values: { decision: Decision; reasons?: string }) {
    await run(() => api('POST', `/api/evaluations/${projectId}/lots/${l.lotId}/negotiation-record/signatures`, { decision: values.decision, reasons: values.reasons ?? null }), { then: onSigned });
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'agree' }} data-testid="negotiation-sign-form">
      <Form.Item name="decision" label={t('negotiation.myAnswer')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="agree">{t('negotiation.decision.agree')}</Radio>
            <Radio value="dissent">{t('negotiation.decision.dissent')}</Radio>
            <Radio value="refuse">{t('negotiation.decision.refuse')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {decision !== 'agree' && (
        <Form.Item
          name="reasons"
          label={t('negotiation.reasons')}
          extra={decision === 'refuse' ? t('negotiation.refuseHint') : undefined}
          rules={decision === 'dissent' ? [{ required: true, whitespace: true, message: t('negotiation.reasonsRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="sign-negotiation-record">
        {t('negotiation.sign')}
      </Button>
    </Form>
  );
}
