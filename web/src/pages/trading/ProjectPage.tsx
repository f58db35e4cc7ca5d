import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, List, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from '../../dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { beijingTime, enterPicksDateOnly } from '../../forms';
import { hasRole, useSession } from '../../session';
import { CommitteeRequestsCard, ProjectEvaluationPanels } from '../evaluation/ProjectEvaluationPanels';
import { RoundsCard } from '../evaluation/RoundsCard';
import { VirtualAccountPanel } from '../money/VirtualAccountPanel';
import { ScreeningWarningList, type ScreeningWarning } from '../supervision/ScreeningWarnings';
import { BidPanel } from './BidPanel';
import { FrameworkCard } from './FrameworkCard';
import { PrequalificationCard } from './PrequalificationCard';
import { NegotiationRecordCard } from './NegotiationRecordCard';
import { PublicitiesCard } from './PublicityCard';
import { ProjectNotices, ProjectOverview } from './ProjectOverview';
import { may, type Project } from './types';

interface Doc {
  id: string;
  name: string;
  size: number;
  sha256: string;
}
interface Question {
  id: string;
  text: string;
  askedBy?: string | null;
  answer: string | null;
  affectsBids: boolean | null;
  mine: boolean;
}

export function ProjectPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const project = useQuery({ queryKey: ['project', id], queryFn: () => get<Project>(`/api/public/projects/${id}`), refetchInterval: 5000 });
  const docs = useQuery({ queryKey: ['documents', id], queryFn: () => get<Doc[]>(`/api/public/projects/${id}/documents`) });
  const p = project.data;
  if (!p) return <Card loading />;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['project', id] });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ProjectOverview
        project={p}
        extra={
          <Space wrap>
            {may(p, 'enterOpening') && (
              <Link to={`/workspace/openings/${p.id}`}>
                <Button type="primary">{t('trading.enterOpening')}</Button>
              </Link>
            )}
            {/* The project's overseers, once the committee is unsealed: the evaluation as it runs (评审过程监督) and the draws replayed (GP-43). */}
            {may(p, 'replayDraws') && (
              <>
                <Link to={`/workspace/projects/${p.id}/evaluation-oversight`} data-testid="evaluation-oversight-link">
                  <Button>{t('supervision.oversight.link')}</Button>
                </Link>
                <Link to={`/workspace/projects/${p.id}/draw-replay`} data-testid="draw-replay-link">
                  <Button>{t('supervision.replay.link')}</Button>
                </Link>
              </>
            )}
            {/* QC-01: a supplier challenges the documents, the process or the result; the form says which it still may. */}
            {hasRole(session, ['supplier']) && p.status !== 'draft' && (
              <Link to={`/workspace/projects/${p.id}/challenge`}>
                <Button data-testid="file-challenge">{t('cases.fileChallenge')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <PublicitiesCard project={p} />
      {p.prequalification && <PrequalificationCard project={p} />}
      <DocumentsCard project={p} docs={docs.data ?? []} onChange={() => queryClient.invalidateQueries({ queryKey: ['documents', id] })} />
      {/* PQ-02: a project that prequalifies publishes its tender after the results. */}
      {/* The notice comes once the steps before it are done (资格预审 PQ-02, 单一来源公示 DS-01). */}
      {may(p, 'publish') && !p.steps?.some((s) => (s.id === 'prequalification' || s.id === 'singleSourcePublicity') && s.state !== 'done') && <PublishForm project={p} onPublished={() => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['project-notices', id] })])} />}
      {/* SS-06: a single-source project deals with its one supplier only. */}
      {hasRole(session, ['supplier']) && ['published', 'opening', 'opened'].includes(p.status) && (p.method !== 'singleSource' || p.singleSourceSupplierEntityId === session?.entity?.id) && <BidPanel project={p} />}
      {hasRole(session, ['supplier']) && BIDDING_OVER.includes(p.status) && <MyDepositsCard project={p} />}
      {p.status !== 'draft' && session && <QuestionsCard project={p} onDeadlineMoved={refresh} />}
      {/* SS-05: a single-source lot's negotiation record, for its negotiators, those running and supervising the project, and the awarded supplier. */}
      {p.method === 'singleSource' && session && (!hasRole(session, ['supplier']) || p.singleSourceSupplierEntityId === session.entity?.id) && <NegotiationRecordCard project={p} />}
      {may(p, 'viewEvaluation') && <ProjectEvaluationPanels project={p} />}
      {p.method === 'framework' && !['draft', 'published', 'opening', 'opened', 'evaluating'].includes(p.status) && <FrameworkCard project={p} />}
      {hasRole(session, ['supplier']) && p.status === 'evaluating' && <CommitteeRequestsCard projectId={p.id} />}
      {/* 磋商/谈判: the changes and final offers, to the suppliers taking part and those running or overseeing the project. */}
      {(may(p, 'viewEvaluation') || hasRole(session, ['supplier'])) && (p.method === 'consultation' || p.method === 'negotiation') && !['draft', 'published', 'opening'].includes(p.status) && <RoundsCard projectId={p.id} />}
      {may(p, 'viewDownloads') && <DownloadsCard projectId={p.id} />}
      <ProjectNotices projectId={p.id} />
    </Space>
  );
}

function DocumentsCard({ project, docs, onChange }: { project: Project; docs: Doc[]; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  /**
   * Fetched, then saved: a refusal (a debarred supplier, SUPPLIER_DEBARRED, with its reason and period; the
   * period for obtaining documents over) shows here in the reader's language instead of downloading as a file.
   */
  async function download(event: React.MouseEvent<HTMLAnchorElement>, d: Doc) {
    event.preventDefault();
    setRefusal(null);
    try {
      let response: Response;
      try {
        response = await fetch(event.currentTarget.href, { credentials: 'same-origin', headers: { 'accept-language': i18n.language } });
      } catch {
        throw new Error('network');
      }
      if (!response.ok) throw new ApiError(await response.json());
      const href = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = href;
      link.download = `${d.name}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    } catch (error) {
      setRefusal(errorText(error));
    } finally {
      void queryClient.invalidateQueries({ queryKey: ['participation', project.id] });
    }
  }
  async function upload(file: File) {
    try {
      const response = await fetch(`/api/projects/${project.id}/documents?name=${encodeURIComponent(file.name.replace(/\.pdf$/i, ''))}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: file });
      if (!response.ok) throw new ApiError(await response.json());
      onChange();
    } catch (error) {
      message.error(errorText(error));
    }
    return false;
  }
  return (
    <Card
      title={t('trading.documents')}
      extra={
        may(project, 'uploadDocument') && (
          <Upload accept="application/pdf" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
            <Button data-testid="upload-document">{t('trading.uploadDocument')}</Button>
          </Upload>
        )
      }
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="documents-error" />}
      <List
        dataSource={docs}
        renderItem={(d) => (
          <List.Item
            actions={
              may(project, 'downloadDocuments') || may(project, 'viewEvaluation')
                ? [
                    <a key="dl" href={`/api/projects/${project.id}/documents/${d.id}/content`} download data-testid={`download-${d.name}`} onClick={(e) => void download(e, d)}>
                      {t('trading.download')}
                    </a>,
                  ]
                : []
            }
          >
            {d.name}.pdf <Typography.Text type="secondary">SHA-256 {d.sha256.slice(0, 16)}… · {(d.size / 1024).toFixed(0)} KB</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface PublishValues {
  deadline: dayjs.Dayjs;
  documentsUntil: dayjs.Dayjs;
  contractPeriod: string;
  consortiumAllowed?: boolean;
  qualifications: string;
  other?: string;
  decryptionWindowMinutes: number;
}
const qualificationLines = (text: string | undefined) => (text ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

/**
 * 发布招标公告, with the compliance check (合规检查, issue 13) first: the notice's qualifications and other
 * matters, the project's summary and the documents are screened for discriminatory conditions. Warnings
 * show with their clauses; the agency goes back to edit or publishes anyway (never refused for them: the
 * supervisors get the notice in their queue). Without warnings it publishes as before.
 */
function PublishForm({ project, onPublished }: { project: Project; onPublished: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'publish' | null>(null);
  /** The warnings on screen, and the values to publish if the agency goes on (null: a check on its own). */
  const [screening, setScreening] = useState<{ warnings: ScreeningWarning[]; pending: PublishValues | null } | null>(null);

  const screen = async (values: Pick<PublishValues, 'qualifications' | 'other'>) =>
    (await api<{ warnings: ScreeningWarning[] }>('POST', `/api/projects/${project.id}/screening`, { qualifications: qualificationLines(values.qualifications), ...(values.other?.trim() ? { other: values.other.trim() } : {}) })).warnings;

  async function publish(values: PublishValues) {
    setError(null);
    setBusy('publish');
    try {
      await api('POST', `/api/projects/${project.id}/publication`, {
        revision: project.revision,
        deadline: beijingTime(values.deadline),
        documentsUntil: beijingTime(values.documentsUntil),
        contractPeriod: values.contractPeriod,
        consortiumAllowed: Boolean(values.consortiumAllowed),
        qualifications: qualificationLines(values.qualifications),
        ...(values.other?.trim() ? { other: values.other.trim() } : {}),
        decryptionWindowMinutes: values.decryptionWindowMinutes,
      });
      setScreening(null);
      message.success(t('common.done'));
      onPublished();
    } catch (e) {
      setScreening(null);
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  /** 发布: the check first; its warnings stop here for the agency to read. */
  async function submit(values: PublishValues) {
    setError(null);
    setBusy('publish');
    let warnings: ScreeningWarning[];
    try {
      warnings = await screen(values);
    } catch (e) {
      setBusy(null);
      return setError(errorText(e));
    }
    if (warnings.length) {
      setBusy(null);
      setScreening({ warnings, pending: values });
    } else await publish(values);
  }

  /** 合规检查 on its own, on what the form holds now. */
  async function check() {
    setError(null);
    setBusy('check');
    try {
      const warnings = await screen(form.getFieldsValue(['qualifications', 'other']));
      if (warnings.length) setScreening({ warnings, pending: null });
      else message.success(t('supervision.screening.clean'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('trading.publish')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="publish-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} {...enterPicksDateOnly} initialValues={{ qualifications: '满足《中华人民共和国政府采购法》第二十二条规定', decryptionWindowMinutes: 30, contractPeriod: '合同签订后60日内' }} style={{ maxWidth: 640 }}>
        <Space wrap>
          <Form.Item name="documentsUntil" label={t('trading.documentsUntil')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="documents-until" />
          </Form.Item>
          <Form.Item name="deadline" label={t('trading.deadline')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="deadline" />
          </Form.Item>
          <Form.Item name="decryptionWindowMinutes" label={t('trading.decryptionWindow')}>
            <InputNumber min={10} max={240} />
          </Form.Item>
        </Space>
        <Form.Item name="contractPeriod" label={t('trading.contractPeriod')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="qualifications" label={t('trading.qualifications')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="qualifications" />
        </Form.Item>
        <Form.Item name="other" label={t('trading.otherMatters')}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="other-matters" />
        </Form.Item>
        <Form.Item name="consortiumAllowed" valuePropName="checked">
          <Checkbox>{t('trading.consortiumAllowed')}</Checkbox>
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy === 'publish'} disabled={busy === 'check'} data-testid="publish-submit">
            {t('trading.publish')}
          </Button>
          <Button onClick={() => void check()} loading={busy === 'check'} disabled={busy === 'publish'} data-testid="screening-check">
            {t('supervision.screening.check')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('supervision.screening.checkIntro')}
        </Typography.Paragraph>
      </Form>
      <Modal
        open={Boolean(screening)}
        title={t('supervision.screening.checkTitle')}
        width={760}
        onCancel={() => setScreening(null)}
        footer={[
          <Button key="back" onClick={() => setScreening(null)} data-testid="screening-back">
            {t('supervision.screening.back')}
          </Button>,
          ...(screening?.pending
            ? [
                <Button key="publish" type="primary" danger loading={busy === 'publish'} onClick={() => void publish(screening.pending!)} data-testid="screening-publish-anyway">
                  {t('supervision.screening.publishAnyway')}
                </Button>,
              ]
            : []),
        ]}
      >
        {screening && (
          <div data-testid="screening-result">
            <Alert type="warning" showIcon title={t('supervision.screening.found', { count: screening.warnings.length })} description={t('supervision.screening.foundDetail')} style={{ marginBottom: 8 }} />
            <ScreeningWarningList warnings={screening.warnings} />
          </div>
        )}
      </Modal>
    </Card>
  );
}

function QuestionsCard({ project, onDeadlineMoved }: { project: Project; onDeadlineMoved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const questions = useQuery({ queryKey: ['questions', project.id], queryFn: () => get<Question[]>(`/api/projects/${project.id}/questions`) });
  const [text, setText] = useState('');
  const [proposed, setProposed] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['questions', project.id] });
  async function ask() {
    try {
      await api('POST', `/api/projects/${project.id}/questions`, { text });
      setText('');
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  }
  async function answer(q: Question, values: { text: string; affectsBids?: boolean }) {
    try {
      await api('POST', `/api/projects/${project.id}/clarifications`, { questionId: q.id, text: values.text, affectsBids: Boolean(values.affectsBids), newDeadline: proposed[q.id] ?? null });
      await refresh();
      onDeadlineMoved();
    } catch (e) {
      if (e instanceof ApiError && e.body.details?.proposedDeadline) setProposed({ ...proposed, [q.id]: String(e.body.details.proposedDeadline) });
      message.error(errorText(e));
    }
  }
  return (
    <Card title={t('trading.questions')}>
      <List
        dataSource={questions.data ?? []}
        renderItem={(q) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>
                {t('trading.ask')}：{q.text} {q.askedBy && <Tag>{q.askedBy}</Tag>}
              </Typography.Text>
              {q.answer ? (
                <Typography.Text type="success">
                  {t('trading.answer')}：{q.answer} {q.affectsBids && <Tag color="orange">{t('trading.affectsBids')}</Tag>}
                </Typography.Text>
              ) : (
                may(project, 'answerQuestions') && (
                  <Form layout="inline" onFinish={(v) => void answer(q, v)}>
                    <Form.Item name="text" rules={[{ required: true }]}>
                      <Input style={{ width: 360 }} />
                    </Form.Item>
                    <Form.Item name="affectsBids" valuePropName="checked">
                      <Checkbox>{t('trading.affectsBids')}</Checkbox>
                    </Form.Item>
                    {proposed[q.id] && <Tag color="red">{t('trading.proposedDeadline', { date: formatTime(proposed[q.id]) })}</Tag>}
                    <Button htmlType="submit">{t('trading.answer')}</Button>
                  </Form>
                )
              )}
            </Space>
          </List.Item>
        )}
      />
      {may(project, 'askQuestion') && (
        <Space.Compact style={{ width: '100%', marginTop: 16 }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} />
          <Button onClick={() => void ask()} disabled={text.trim().length < 2}>
            {t('trading.ask')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

function DownloadsCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const downloads = useQuery({ queryKey: ['downloads', projectId], queryFn: () => get<{ supplierName: string; downloadedAt: string; ip: string | null }[]>(`/api/projects/${projectId}/downloads`), refetchInterval: 5000 });
  return (
    <Card title={t('trading.downloads')}>
      <Table
        rowKey={(r) => `${r.supplierName}${r.downloadedAt}`}
        size="small"
        pagination={false}
        dataSource={downloads.data ?? []}
        data-testid="downloads"
        columns={[
          { title: t('trading.downloader'), dataIndex: 'supplierName' },
          { title: t('audit.occurredAt'), dataIndex: 'downloadedAt', render: formatTime },
          { title: 'IP', dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}

/** After the opening a bidder's deposit stays its business until it is refunded or forfeited (GP-22 to GP-24). */
const BIDDING_OVER = ['evaluating', 'evaluated', 'awarded', 'contracted', 'completed', 'closed', 'failed', 'cancelled'];
function MyDepositsCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const lots = project.lots.filter((l) => l.depositFen > 0);
  if (lots.length === 0) return null;
  return (
    <Card title={t('trading.virtualAccount.myDeposits')} data-testid="my-deposits">
      {lots.map((l) => (
        <VirtualAccountPanel key={l.id} lotId={l.id} depositFen={l.depositFen} closed />
      ))}
    </Card>
  );
}
