import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Tag, Timeline, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { ClockSteps, departmentKey, ErrorAlert, kindKey } from './case-parts';
import { StatusTag } from './CasesPage';
import { casePath, evidenceOf, MAX_EVIDENCE_FILES, oversizedFile, PAUSE_REASONS, type CaseAction, type CaseEvent, type CaseKind, type CaseView } from './case-types';

const caseUrl = (kind: CaseKind, id: string) => `/api/${kind === 'challenge' ? 'challenges' : 'complaints'}/${id}`;
export const caseQueryKey = (kind: CaseKind, id: string | undefined) => ['case', kind, id];

/**
 * A challenge (质疑) or a complaint (投诉) as its parties and the finance department see it: who against whom
 * about what, its legal periods, the claims with their answers, the decision, everything exchanged, and a form
 * for each step the server says the reader may take now.
 */
export function CasePage({ kind }: { kind: CaseKind }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useQuery({ queryKey: caseQueryKey(kind, id), queryFn: () => get<CaseView>(caseUrl(kind, id!)) });
  const c = query.data;
  if (query.error) return <Alert type="error" title={errorText(query.error)} />;
  if (!c) return <Card loading />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard c={c} />
      <Card title={t('cases.clocks')}>
        <ClockSteps clocks={c.clocks} />
      </Card>
      <ClaimsCard c={c} />
      {(c.verdict || c.outcome) && <ResultCard c={c} />}
      {c.actions.length > 0 && <ActionsCard c={c} />}
      <EventsCard events={c.events} />
    </Space>
  );
}

function HeaderCard({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const items = [
    { key: 'project', label: t('cases.project'), children: <Link to={`/workspace/projects/${c.project.id}`} data-testid="case-project">{`${c.project.title}（${c.project.projectNumber}）`}</Link>, span: { xs: 1, md: 2 } },
    { key: 'subject', label: t('cases.subjectLabel'), children: t(`cases.subject.${c.subject}`) },
    { key: 'filedAt', label: t('cases.filedAt'), children: formatTime(c.filedAt) },
    { key: 'filer', label: t(c.kind === 'challenge' ? 'cases.challenger' : 'cases.complainant'), children: <span data-testid="case-filer">{c.filer.name}</span> },
    { key: 'respondent', label: t('cases.respondent'), children: <span data-testid="case-respondent">{c.respondent.name}</span> },
    ...(c.department ? [{ key: 'department', label: t(departmentKey(c)), children: <span data-testid="case-department">{c.department.name}</span> }] : []),
    ...(c.knewOn ? [{ key: 'knewOn', label: t('cases.knewOn'), children: c.knewOn }] : []),
    ...(c.particulars
      ? [
          { key: 'contact', label: t('cases.contactPerson'), children: `${c.particulars.contactPerson} · ${c.particulars.phone}` },
          { key: 'address', label: t('cases.address'), children: `${c.particulars.address}（${c.particulars.postcode}）` },
        ]
      : []),
    ...(c.request ? [{ key: 'request', label: t('cases.request'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.request}</span>, span: { xs: 1, md: 2 } }] : []),
    ...(c.challengeId ? [{ key: 'challenge', label: t(kindKey({ kind: 'challenge', regime: c.regime })), children: <Link to={casePath({ kind: 'challenge', id: c.challengeId })}>{t('cases.openChallenge')}</Link> }] : []),
    ...(c.complaints?.length
      ? [
          {
            key: 'complaints',
            label: t('cases.kind.complaint'),
            children: (
              <Space wrap>
                {c.complaints.map((x) => (
                  <Link key={x.id} to={casePath({ kind: 'complaint', id: x.id })} data-testid="case-complaint-link">
                    {x.caseNumber}（{t(`cases.status.${x.status}`)}）
                  </Link>
                ))}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {t(kindKey(c))} <span data-testid="case-number">{c.caseNumber}</span>
        </span>
      }
      extra={<StatusTag status={c.status} testId="case-status" />}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {c.suspension && (
          <Alert
            type="warning"
            showIcon
            data-testid="suspension-banner"
            title={t('cases.suspended', { until: c.suspension.until, from: c.suspension.from })}
            description={<RuleRef id="QC-11" />}
          />
        )}
        {c.paused && <Alert type="info" showIcon data-testid="paused-banner" title={t('cases.pausedBanner')} description={<RuleRef id="QC-10" />} />}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />
      </Space>
    </Card>
  );
}

/** The matters as filed, each with the respondent's reply once answered. */
function ClaimsCard({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const reply = (no: number) => c.replies?.find((r) => r.no === no)?.reply;
  return (
    <Card title={t(c.kind === 'challenge' ? 'cases.claims' : 'cases.complaintClaims')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {c.claims.map((claim) => (
          <div key={claim.no} data-testid="case-claim" style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 12, overflowWrap: 'anywhere' }}>
            <Typography.Text strong>{t('cases.claimNo', { no: claim.no })}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{claim.claim}</Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('cases.facts')}：</Typography.Text>
              {claim.facts}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('cases.legalBasis')}：</Typography.Text>
              {claim.legalBasis}
            </Typography.Paragraph>
            {reply(claim.no) && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="case-reply">
                <Typography.Text type="success">{t('cases.reply')}：</Typography.Text>
                {reply(claim.no)}
              </Typography.Paragraph>
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}

/** The challenge's answer or the complaint's decision, with the published notice. */
function ResultCard({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const decided = [...c.events].reverse().find((e) => e.action === 'decide');
  const findings = typeof decided?.detail?.findings === 'string' ? decided.detail.findings : null;
  const basis = typeof decided?.detail?.basis === 'string' ? decided.detail.basis : null;
  const items = c.kind === 'challenge'
    ? [
        { key: 'verdict', label: t('cases.verdictLabel'), children: <Tag color={c.verdict === 'dismissed' ? 'default' : 'orange'} data-testid="case-verdict">{t(`cases.verdict.${c.verdict}`)}</Tag> },
        { key: 'affects', label: t('cases.affectsResult'), children: c.affectsResult === null ? '—' : t(c.affectsResult ? 'cases.yes' : 'cases.no') },
        ...(c.remedy ? [{ key: 'remedy', label: t('cases.remedyLabel'), children: t(`cases.remedy.${c.remedy}`) }] : []),
      ]
    : [
        { key: 'outcome', label: t('cases.outcomeLabel'), children: <Tag color={c.outcome === 'upheld' ? 'green' : c.outcome === 'falseComplaint' ? 'red' : 'default'} data-testid="case-outcome">{t(`cases.outcome.${c.outcome}`)}</Tag> },
        ...(findings ? [{ key: 'findings', label: t('cases.findings'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{findings}</span>, span: { xs: 1, md: 2 } }] : []),
        ...(basis ? [{ key: 'basis', label: t('cases.basis'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{basis}</span>, span: { xs: 1, md: 2 } }] : []),
        ...(c.noticeId
          ? [{ key: 'notice', label: t('cases.notice'), children: <Link to={`/notices/${c.noticeId}`} data-testid="case-notice">{t('trading.noticeTypes.complaintDecision')}</Link> }]
          : []),
      ];
  return (
    <Card title={t(c.kind === 'challenge' ? 'cases.answer' : 'cases.decision')}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />
    </Card>
  );
}

/** Every step of the case, with its text and the files exchanged. */
function EventsCard({ events }: { events: CaseEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('cases.eventsTitle')}>
      <Timeline
        data-testid="case-events"
        items={events.map((e) => ({
          key: e.id,
          color: e.action === 'refuse' || e.action === 'withdraw' ? 'gray' : e.action === 'decide' || e.action === 'answer' ? 'green' : e.action === 'suspend' || e.action === 'pause' || e.action === 'requestCorrection' ? 'orange' : 'blue',
          content: (
            <div data-testid="case-event" style={{ overflowWrap: 'anywhere' }}>
              <Typography.Text strong>{t(`cases.events.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {e.by.personName}（{e.by.entityName}）· {formatTime(e.at)}
                </Typography.Text>
              </div>
              <EventDetail e={e} />
              {e.text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.text}</Typography.Paragraph>}
              {e.files.length > 0 && (
                <Space orientation="vertical" size={0}>
                  {e.files.map((f) => (
                    <a key={f.url} href={f.url} download={f.name} data-testid="case-file">
                      {f.name}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {` · ${(f.size / 1024).toFixed(0)} KB · SHA-256 ${f.sha256.slice(0, 12)}…`}
                      </Typography.Text>
                    </a>
                  ))}
                </Space>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** What a step's detail says that its text does not: the pause's reason, the suspension's end, the outcome. */
function EventDetail({ e }: { e: CaseEvent }) {
  const { t } = useTranslation();
  const d = e.detail ?? {};
  const parts: string[] = [];
  if (typeof d.reason === 'string') parts.push(t(`cases.pauseReasons.${d.reason}`, { defaultValue: d.reason }));
  if (typeof d.until === 'string') parts.push(t('cases.untilDay', { day: d.until }));
  if (typeof d.verdict === 'string') parts.push(t(`cases.verdict.${d.verdict}`, { defaultValue: d.verdict }));
  if (typeof d.outcome === 'string') parts.push(t(`cases.outcome.${d.outcome}`, { defaultValue: d.outcome }));
  if (Array.isArray(d.claimNos)) parts.push(t('cases.claimsComplained', { nos: d.claimNos.join('、') }));
  if (parts.length === 0) return null;
  return <div>{parts.map((p) => <Tag key={p}>{p}</Tag>)}</div>;
}

/** The steps the server lists for the reader: one button each, opening its form. */
function ActionsCard({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const current = open && c.actions.includes(open) ? open : null;
  return (
    <Card title={t('cases.yourSteps')} data-testid="case-actions">
      <Space wrap style={{ marginBottom: current ? 16 : 0 }}>
        {c.actions.map((a) => (
          <Button key={a} type={current === a ? 'primary' : 'default'} danger={a === 'refuse' || a === 'withdraw'} data-testid={`action-${a}`} onClick={() => setOpen(current === a ? null : a)}>
            {t(`cases.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {current && <ActionForm key={`${current}-${c.revision}`} c={c} action={current} onDone={() => setOpen(null)} />}
    </Card>
  );
}

type Values = {
  text?: string;
  replies?: Record<string, string>;
  verdict?: string;
  affectsResult?: boolean;
  remedy?: string;
  claimNos?: number[];
  request?: string;
  reason?: string;
  until?: string;
  outcome?: string;
  findings?: string;
  basis?: string;
};

/** Texts the server needs for a step (refusals, withdrawals and corrections give their reasons). */
const TEXT_REQUIRED: CaseAction[] = ['withdraw', 'requestCorrection', 'correct', 'refuse', 'respond', 'hear', 'pause', 'suspend'];
const TEXT_OPTIONAL: CaseAction[] = ['accept', 'lift'];
const WITH_EVIDENCE: CaseAction[] = ['complain', 'correct', 'respond', 'hear'];

function ActionForm({ c, action, onDone }: { c: CaseView; action: CaseAction; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const verdict = Form.useWatch('verdict', form);
  const affectsResult = Form.useWatch('affectsResult', form);

  async function submit(values: Values) {
    setError(null);
    const tooBig = oversizedFile(files);
    if (tooBig) return setError(new Error(t('cases.fileTooBig', { name: tooBig.name })));
    setBusy(true);
    try {
      const evidence = await evidenceOf(files);
      if (action === 'complain') {
        const complaint = await api<CaseView>('POST', `/api/challenges/${c.id}/complaints`, { claimNos: values.claimNos ?? [], request: values.request?.trim() ?? '', evidence });
        message.success(t('cases.done.complain'));
        await queryClient.invalidateQueries({ queryKey: ['cases'] });
        await queryClient.invalidateQueries({ queryKey: caseQueryKey(c.kind, c.id) });
        navigate(casePath(complaint));
        return;
      }
      const body: Record<string, unknown> = { action, revision: c.revision };
      const text = values.text?.trim();
      if (TEXT_REQUIRED.includes(action) || (TEXT_OPTIONAL.includes(action) && text)) body.text = text ?? '';
      if (WITH_EVIDENCE.includes(action) && evidence.length) body.evidence = evidence;
      if (action === 'answer') {
        body.replies = c.claims.map((claim) => ({ no: claim.no, reply: values.replies?.[String(claim.no)]?.trim() ?? '' }));
        body.verdict = values.verdict;
        body.affectsResult = Boolean(values.affectsResult);
        if (values.verdict !== 'dismissed' && values.affectsResult) body.remedy = values.remedy;
      }
      if (action === 'pause') body.reason = values.reason;
      if (action === 'suspend') body.until = values.until;
      if (action === 'decide') Object.assign(body, { outcome: values.outcome, findings: values.findings?.trim(), basis: values.basis?.trim() });
      const saved = await api<CaseView>('POST', `${caseUrl(c.kind, c.id)}/steps`, body);
      queryClient.setQueryData(caseQueryKey(c.kind, c.id), saved);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      message.success(t(`cases.done.${action}`));
      onDone();
    } catch (e) {
      setError(e);
      // A stale revision: read the case again, so the next try carries the current one.
      void queryClient.invalidateQueries({ queryKey: caseQueryKey(c.kind, c.id) });
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, whitespace: true, message: t('cases.required') }];
  const long = { maxLength: 2000, showCount: true, autoSize: { minRows: 2, maxRows: 8 } };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="case-action-form" initialValues={{ affectsResult: false }}>
      {action === 'answer' && (
        <>
          {c.claims.map((claim) => (
            <Form.Item key={claim.no} name={['replies', String(claim.no)]} label={`${t('cases.claimNo', { no: claim.no })}：${claim.claim.length > 60 ? `${claim.claim.slice(0, 60)}…` : claim.claim}`} rules={required}>
              <Input.TextArea {...long} data-testid={`reply-${claim.no}`} />
            </Form.Item>
          ))}
          <Form.Item name="verdict" label={t('cases.verdictLabel')} rules={[{ required: true, message: t('cases.required') }]}>
            <Radio.Group data-testid="verdict" options={(['upheld', 'partlyUpheld', 'dismissed'] as const).map((v) => ({ value: v, label: t(`cases.verdict.${v}`) }))} />
          </Form.Item>
          <Form.Item name="affectsResult" label={t('cases.affectsResult')} rules={[{ required: true }]}>
            <Radio.Group data-testid="affects-result" options={[{ value: false, label: t('cases.no') }, { value: true, label: t('cases.yes') }]} />
          </Form.Item>
          {verdict && verdict !== 'dismissed' && affectsResult && (
            <Form.Item name="remedy" label={t('cases.remedyLabel')} rules={[{ required: true, message: t('cases.required') }]} extra={<RuleRef id="QC-14" />}>
              <Radio.Group data-testid="remedy" options={(['reaward', 'reprocure'] as const).map((v) => ({ value: v, label: t(`cases.remedy.${v}`) }))} />
            </Form.Item>
          )}
        </>
      )}
      {action === 'complain' && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.complainHint')} description={<RuleRef id="QC-07" />} />
          <Form.Item name="claimNos" label={t('cases.pickClaims')} rules={[{ required: true, message: t('cases.required') }]}>
            <Checkbox.Group data-testid="claim-nos" style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={c.claims.map((claim) => ({ value: claim.no, label: `${t('cases.claimNo', { no: claim.no })}：${claim.claim}` }))} />
          </Form.Item>
          <Form.Item name="request" label={t('cases.request')} rules={required}>
            <Input.TextArea {...long} data-testid="complaint-request" />
          </Form.Item>
        </>
      )}
      {action === 'pause' && (
        <Form.Item name="reason" label={t('cases.pauseReason')} rules={[{ required: true, message: t('cases.required') }]} extra={<RuleRef id="QC-10" />}>
          <Select data-testid="pause-reason" options={PAUSE_REASONS.map((r) => ({ value: r, label: t(`cases.pauseReasons.${r}`) }))} />
        </Form.Item>
      )}
      {action === 'suspend' && (
        <Form.Item name="until" label={t('cases.suspendUntil')} rules={[{ required: true, message: t('cases.required') }]} extra={<span>{t('cases.suspendHint')} <RuleRef id="QC-11" /></span>}>
          <Input type="date" data-testid="suspend-until" style={{ maxWidth: 220 }} />
        </Form.Item>
      )}
      {action === 'decide' && (
        <>
          <Form.Item name="outcome" label={t('cases.outcomeLabel')} rules={[{ required: true, message: t('cases.required') }]} extra={<RuleRef id="QC-12" />}>
            <Radio.Group data-testid="outcome" options={(['upheld', 'dismissed', 'falseComplaint'] as const).map((v) => ({ value: v, label: t(`cases.outcome.${v}`) }))} />
          </Form.Item>
          <Form.Item name="findings" label={t('cases.findings')} rules={required}>
            <Input.TextArea {...long} data-testid="decide-findings" />
          </Form.Item>
          <Form.Item name="basis" label={t('cases.basis')} rules={required}>
            <Input.TextArea {...long} data-testid="decide-basis" />
          </Form.Item>
        </>
      )}
      {(TEXT_REQUIRED.includes(action) || TEXT_OPTIONAL.includes(action)) && (
        <Form.Item name="text" label={t(`cases.textLabel.${action}`, { defaultValue: t('cases.text') })} rules={TEXT_REQUIRED.includes(action) ? required : []}>
          <Input.TextArea {...long} data-testid="case-text" />
        </Form.Item>
      )}
      {WITH_EVIDENCE.includes(action) && <EvidenceField files={files} onChange={setFiles} />}
      {action === 'resume' && <Typography.Paragraph>{t('cases.resumeHint')}</Typography.Paragraph>}
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} testId="case-action-error" />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={busy} danger={action === 'refuse' || action === 'withdraw'} data-testid={`submit-${action}`}>
        {t(`cases.submit.${action}`, { defaultValue: t(`cases.actions.${action}`) })}
      </Button>
    </Form>
  );
}

/** Up to five evidence files of at most 10 MB each, read in the browser and sent with the step. */
export function EvidenceField({ files, onChange }: { files: UploadFile[]; onChange: (files: UploadFile[]) => void }) {
  const { t } = useTranslation();
  const tooBig = oversizedFile(files);
  return (
    <Form.Item label={t('cases.evidence')} help={tooBig ? t('cases.fileTooBig', { name: tooBig.name }) : t('cases.evidenceHelp')} validateStatus={tooBig ? 'error' : undefined}>
      <Upload multiple maxCount={MAX_EVIDENCE_FILES} fileList={files} beforeUpload={() => false} onChange={({ fileList }) => onChange(fileList.slice(0, MAX_EVIDENCE_FILES))}>
        <Button icon={<UploadOutlined />} data-testid="evidence-files">
          {t('cases.chooseFiles')}
        </Button>
      </Upload>
    </Form.Item>
  );
}
