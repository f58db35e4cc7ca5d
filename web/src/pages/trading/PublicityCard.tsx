import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, List, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSubmit } from '../../action';
import { api, errorText, get, showFieldErrors } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { useSession } from '../../session';
import { may, type Project } from './types';

export interface Publicity {
  id: string;
  kind: 'singleSource' | 'candidates';
  lotId: string | null;
  noticeId: string;
  supplierName: string | null;
  startsAt: string;
  endsOn: string;
  running: boolean;
  reviewBy: string | null;
  objectionCount: number | null;
  /** SS-03: the caller may object now. */
  mayObject: boolean;
  objections: {
    id: string;
    text: string;
    filedAt: string;
    /** Who objected, for those running or overseeing the project. */
    filedBy: { person: string | null; organisation: string | null } | null;
    mine: boolean;
    status: 'pending' | 'upheld' | 'dismissed';
    review: string | null;
    decidedAt: string | null;
  }[];
}

export interface ProjectStep {
  id: string;
  name: { 'zh-CN': string; 'en-US': string };
  ruleIds: string[];
  state: 'done' | 'current' | 'upcoming';
}

/** The method's steps and where the project stands, named by the server (methods/*.ts); the current step shows its rules. */
export function MethodSteps({ steps }: { steps: ProjectStep[] }) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const current = steps.findIndex((s) => s.state === 'current');
  return (
    <Steps
      size="small"
      data-testid="method-steps"
      current={current < 0 ? (steps.every((s) => s.state === 'done') ? steps.length : -1) : current}
      items={steps.map((s) => ({
        title: <span data-testid={`step-${s.id}`} data-state={s.state}>{s.name[language]}</span>,
        description: s.state === 'current' && s.ruleIds.length ? <Space size={4} wrap>{s.ruleIds.map((id) => <RuleRef key={id} id={id} />)}</Space> : undefined,
      }))}
    />
  );
}

const OBJECTION_COLOURS = { pending: 'orange', upheld: 'red', dismissed: 'default' } as const;

/** 公示: the single-source publicity (DS-01) with its objections and their review (SS-03, SS-04); the works candidates' publicity (WK-13). */
export function PublicitiesCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const publicities = useQuery({ queryKey: ['publicities', project.id], queryFn: () => get<Publicity[]>(`/api/public/projects/${project.id}/publicities`) });
  const refresh = () => Promise.all(['publicities', 'project', 'project-notices'].map((key) => queryClient.invalidateQueries({ queryKey: [key, project.id] })));
  const rows = publicities.data ?? [];
  const lotNo = (r: Publicity) => project.lots.find((l) => l.id === r.lotId)?.lotNo ?? null;
  const needsSingleSource = project.method === 'singleSource' && may(project, 'publish') && !rows.some((r) => r.kind === 'singleSource');
  if (!rows.length && !needsSingleSource) return null;
  return (
    <Card title={t('publicity.title')} data-testid="publicities">
      {needsSingleSource && <SingleSourcePublicityForm project={project} onDone={refresh} />}
      <List
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={r.running ? 'blue' : 'default'}>{t(r.running ? 'publicity.running' : 'publicity.over')}</Tag>
                <Link to={`/notices/${r.noticeId}`}>{t(`publicity.kinds.${r.kind}`)}</Link>
                <Typography.Text>{t('publicity.period', { from: formatTime(r.startsAt), until: r.endsOn })}</Typography.Text>
                <RuleRef id={r.kind === 'singleSource' ? 'DS-01' : 'WK-13'} />
              </Space>
              {r.supplierName && <Typography.Text>{t('publicity.supplier', { name: r.supplierName })}</Typography.Text>}
              {r.kind === 'singleSource' && r.objectionCount !== null && (
                <Typography.Text type="secondary">{t('publicity.objectionCount', { count: r.objectionCount, reviewBy: r.reviewBy })}</Typography.Text>
              )}
              {/* WK-13, WK-19: an objection to the candidates names their lot, and holds that lot's award only. */}
              {r.kind === 'candidates' && (
                <Space wrap data-testid="candidates-publicity">
                  {lotNo(r) !== null && <Tag>{t('publicity.lot', { no: lotNo(r) })}</Tag>}
                  {r.objectionCount !== null && <Typography.Text type="secondary" data-testid="candidate-objections">{t('publicity.candidateObjections', { count: r.objectionCount })}</Typography.Text>}
                  {r.mayObject && (
                    <Link to={`/workspace/projects/${project.id}/challenge?subject=candidates&lotId=${r.lotId}`} data-testid="object-to-candidates">
                      {t('publicity.objectToCandidates')}
                    </Link>
                  )}
                </Space>
              )}
              {r.objections.map((o) => (
                <Objection key={o.id} objection={o} publicity={r} project={project} onDecided={refresh} />
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Objection({ objection: o, publicity, project, onDecided }: { objection: Publicity['objections'][number]; publicity: Publicity; project: Project; onDecided: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ review: string }>();
  const { busy, run } = useSubmit(form);
  async function decide(upheld: boolean) {
    const { review } = await form.validateFields();
    await run(() => api('POST', `/api/publicity-objections/${o.id}/decision`, { upheld, review }), { then: onDecided });
  }
  // SS-04: reviewed after the publicity, by those running the project.
  const mayDecide = o.status === 'pending' && !publicity.running && may(project, 'publish');
  return (
    <Card size="small" data-testid="objection">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={OBJECTION_COLOURS[o.status]}>{t(`publicity.objectionStatus.${o.status}`)}</Tag>
          <Typography.Text type="secondary">{formatTime(o.filedAt)}</Typography.Text>
          {o.filedBy && <Typography.Text>{[o.filedBy.organisation, o.filedBy.person].filter(Boolean).join(' · ')}</Typography.Text>}
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.text}</Typography.Paragraph>
        {o.review && <Alert type={o.status === 'upheld' ? 'warning' : 'info'} message={t('publicity.review')} description={o.review} />}
        {mayDecide && (
          <Form form={form} layout="vertical">
            <Form.Item name="review" label={t('publicity.review')} rules={[{ required: true, whitespace: true, message: t('publicity.reviewRequired') }]} extra={<RuleRef id="SS-04" />}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Space wrap>
              <Button onClick={() => void decide(false)} loading={busy} data-testid="dismiss-objection">
                {t('publicity.dismiss')}
              </Button>
              <Button danger onClick={() => void decide(true)} loading={busy} data-testid="uphold-objection">
                {t('publicity.uphold')}
              </Button>
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  );
}

interface PublicityValues {
  itemsDescription: string;
  reason: string;
  experts: { name: string; organisation: string; title: string; opinion: string }[];
  endsOn?: { format(f: string): string };
}

/** DS-01, SS-02: the purchaser's reasons, the one supplier and the professionals' opinions, publicised for at least 5 working days. */
function SingleSourcePublicityForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PublicityValues>();
  const { busy, run } = useSubmit(form);
  async function submit(values: PublicityValues) {
    await run(() => api('POST', `/api/projects/${project.id}/single-source-publicity`, { ...values, endsOn: values.endsOn?.format('YYYY-MM-DD') }), { then: onDone });
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ experts: [{}] }} data-testid="single-source-publicity-form">
      <Alert type="info" showIcon message={t('publicity.singleSourceIntro')} description={<RuleRef id="DS-01" />} style={{ marginBottom: 16 }} />
      <Form.Item name="itemsDescription" label={t('publicity.itemsDescription')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="reason" label={t('publicity.reason')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.List name="experts">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('publicity.experts')}</Typography.Text>
            {fields.map((f) => (
              <Card key={f.key} size="small" extra={fields.length > 1 && <Button type="link" onClick={() => remove(f.name)}>{t('common.delete')}</Button>}>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'name']} label={t('publicity.expertName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
                  <Form.Item name={[f.name, 'organisation']} label={t('publicity.expertOrganisation')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
                  <Form.Item name={[f.name, 'title']} label={t('publicity.expertTitle')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
                </Space>
                <Form.Item name={[f.name, 'opinion']} label={t('publicity.expertOpinion')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
              </Card>
            ))}
            {fields.length < 9 && <Button onClick={() => add({})}>{t('publicity.addExpert')}</Button>}
          </Space>
        )}
      </Form.List>
      <Form.Item name="endsOn" label={t('publicity.endsOn')} extra={t('publicity.endsOnHelp')} style={{ marginTop: 16 }}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="publish-publicity">
        {t('publicity.publish')}
      </Button>
    </Form>
  );
}

/**
 * SS-03: on the publicity's notice, anyone signed in may object in writing while it runs. The public
 * pages have no antd App (no toasts): the outcome shows in the card.
 */
export function ObjectionForm({ noticeId }: { noticeId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const publicity = useQuery({ queryKey: ['notice-publicity', noticeId], queryFn: () => get<Publicity>(`/api/public/notices/${noticeId}/publicity`), retry: false });
  const { data: session } = useSession();
  const p = publicity.data;
  if (!p || p.kind !== 'singleSource') return null;
  async function submit(values: { text: string }) {
    setBusy(true);
    setOutcome(null);
    try {
      await api('POST', `/api/publicities/${p!.id}/objections`, values);
      setOutcome({ type: 'success', text: t('publicity.objectionFiled') });
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['notice-publicity', noticeId] });
    } catch (error) {
      if (!showFieldErrors(form, error)) setOutcome({ type: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('publicity.objectTitle')} data-testid="objection-card">
      {outcome && <Alert style={{ marginBottom: 8 }} type={outcome.type} showIcon message={outcome.text} data-testid="objection-outcome" />}
      {p.objections.filter((o) => o.mine).map((o) => (
        <Alert
          key={o.id}
          style={{ marginBottom: 8 }}
          type={o.status === 'upheld' ? 'success' : 'info'}
          message={`${t('publicity.myObjection')} · ${t(`publicity.objectionStatus.${o.status}`)} · ${formatTime(o.filedAt)}`}
          description={
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: o.review ? 8 : 0 }}>{o.text}</Typography.Paragraph>
              {o.review && <Typography.Text>{`${t('publicity.review')}：${o.review}`}</Typography.Text>}
            </>
          }
        />
      ))}
      {p.running && !session ? (
        <Link to="/login">{t('publicity.signInToObject')}</Link>
      ) : p.mayObject ? (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="text" label={t('publicity.objectionText')} rules={[{ required: true, whitespace: true }]} extra={<RuleRef id="SS-03" />}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="objection-text" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="file-objection">
            {t('publicity.fileObjection')}
          </Button>
        </Form>
      ) : p.running ? null : (
        <Typography.Text type="secondary">{t('publicity.closedForObjections', { until: p.endsOn })}</Typography.Text>
      )}
    </Card>
  );
}
