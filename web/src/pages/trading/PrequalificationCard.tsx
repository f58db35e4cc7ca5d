import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSubmit } from '../../action';
import { api, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import type dayjs from '../../dayjs';
import { formatTime } from '../../format';
import { beijingTime, enterPicksDateOnly } from '../../forms';
import { hasRole, useSession } from '../../session';
import { may, type Project } from './types';

type Outcome = 'qualified' | 'notQualified' | null;
interface Application {
  id: string;
  statement: string;
  submittedAt: string;
  outcome: Outcome;
  reason: string | null;
}
interface Prequalification {
  id: string;
  noticeId: string;
  documentsFrom: string;
  documentsUntil: string;
  applicationDeadline: string;
  reviewDate: string;
  invitedSuppliers: number | null;
  applicationContents: string;
  reviewStandard: string;
  applicationsOpen: boolean;
  resultsIssuedAt: string | null;
  /** Sealed: for those running or overseeing the project, after the deadline only. */
  applicants: (Application & { supplierEntityId: string; supplierName: string })[] | null;
  tenderRefusal: { ruleId: string; code: string; messages: { 'zh-CN': string; 'en-US': string } } | null;
  mine: Application | null;
}

const OUTCOME_COLOURS = { qualified: 'green', notQualified: 'red' } as const;

/**
 * 资格预审 (PQ-01, PQ-02): those running the project publish the notice, review each applicant after
 * the deadline and issue the results; a supplier applies and reads its own result. Nobody sees who
 * applied before the deadline: the server sends no applicants until then.
 */
export function PrequalificationCard({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const pq = useQuery({ queryKey: ['prequalification', project.id], queryFn: () => get<Prequalification | null>(`/api/public/projects/${project.id}/prequalification`) });
  const refresh = () => Promise.all(['prequalification', 'project', 'project-notices'].map((key) => queryClient.invalidateQueries({ queryKey: [key, project.id] })));
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const manages = may(project, 'publish');
  const p = pq.data;
  if (pq.isLoading) return <Card loading />;
  if (!p) return manages ? <Card title={t('prequalification.title')} data-testid="prequalification"><PrequalificationForm project={project} onDone={refresh} /></Card> : null;
  const reviewing = manages && !p.applicationsOpen && !p.resultsIssuedAt;
  const unreviewed = p.applicants?.filter((a) => a.outcome === null).length ?? 0;
  return (
    <Card title={t('prequalification.title')} extra={<Link to={`/notices/${p.noticeId}`}>{t('prequalification.notice')}</Link>} data-testid="prequalification">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('prequalification.documentsUntil')}>{formatTime(p.documentsUntil)}</Descriptions.Item>
          <Descriptions.Item label={t('prequalification.applicationDeadline')}>{formatTime(p.applicationDeadline)}</Descriptions.Item>
          <Descriptions.Item label={t('prequalification.reviewDate')}>{formatTime(p.reviewDate)}</Descriptions.Item>
          <Descriptions.Item label={t('prequalification.invitedSuppliers')}>{p.invitedSuppliers ?? t('prequalification.allQualified')}</Descriptions.Item>
        </Descriptions>
        <Space wrap>
          <Tag color={p.resultsIssuedAt ? 'default' : p.applicationsOpen ? 'blue' : 'orange'} data-testid="prequalification-state">
            {t(p.resultsIssuedAt ? 'prequalification.issued' : p.applicationsOpen ? 'prequalification.open' : 'prequalification.closed')}
          </Tag>
          {p.applicationsOpen && <Typography.Text type="secondary">{t('prequalification.sealed')}</Typography.Text>}
        </Space>
        {p.tenderRefusal && <Alert type="warning" showIcon message={p.tenderRefusal.messages[language]} description={<RuleRef id={p.tenderRefusal.ruleId} />} data-testid="tender-refusal" />}
        {/* PQ-02: fewer than 3 qualified: those running the project repeat the tender (重新招标); its budget goes back to the plan. */}
        {p.tenderRefusal?.code === 'TOO_FEW_QUALIFIED' && project.status === 'draft' && manages && <RetenderButton project={project} onDone={refresh} />}
        {p.tenderRefusal?.code === 'TOO_FEW_QUALIFIED' && project.status === 'failed' && <Alert type="info" showIcon message={t('prequalification.retendered')} data-testid="retendered" />}
        {p.applicants && (
          <List
            header={<Typography.Text strong>{t('prequalification.applicants', { count: p.applicants.length })}</Typography.Text>}
            dataSource={p.applicants}
            renderItem={(a) => (
              <List.Item>
                <Applicant applicant={a} mayReview={reviewing} onDone={refresh} />
              </List.Item>
            )}
            data-testid="applicants"
          />
        )}
        {reviewing && (
          <IssueResults projectId={project.id} disabled={unreviewed > 0} onDone={refresh} />
        )}
        {hasRole(session, ['supplier']) && <OwnApplication project={project} prequalification={p} onDone={refresh} />}
      </Space>
    </Card>
  );
}

function Applicant({ applicant: a, mayReview, onDone }: { applicant: NonNullable<Prequalification['applicants']>[number]; mayReview: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, run } = useSubmit(form);
  async function review(qualified: boolean) {
    const { reason } = qualified ? { reason: undefined } : await form.validateFields();
    await run(() => api('POST', `/api/prequalification-applications/${a.id}/review`, { qualified, ...(reason ? { reason } : {}) }), { then: onDone });
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="applicant">
      <Space wrap>
        <Typography.Text strong>{a.supplierName}</Typography.Text>
        {a.outcome && <Tag color={OUTCOME_COLOURS[a.outcome]}>{t(`prequalification.outcomes.${a.outcome}`)}</Tag>}
        <Typography.Text type="secondary">{formatTime(a.submittedAt)}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.statement}</Typography.Paragraph>
      {a.reason && <Typography.Text type="danger">{t('prequalification.reasonShown', { reason: a.reason })}</Typography.Text>}
      {mayReview && (
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('prequalification.reason')} rules={[{ required: true, whitespace: true, message: t('prequalification.reasonRequired') }]} extra={<RuleRef id="PQ-01" />}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" onClick={() => void review(true)} loading={busy} data-testid="qualify">
              {t('prequalification.qualify')}
            </Button>
            <Button danger onClick={() => void review(false)} loading={busy} data-testid="reject">
              {t('prequalification.reject')}
            </Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}

function IssueResults({ projectId, disabled, onDone }: { projectId: string; disabled: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const { busy, run } = useSubmit();
  async function issue() {
    await run(() => api('POST', `/api/projects/${projectId}/prequalification/results`), { then: onDone });
  }
  return (
    <Space wrap>
      <Button type="primary" onClick={() => void issue()} loading={busy} disabled={disabled} data-testid="issue-results">
        {t('prequalification.issue')}
      </Button>
      <Typography.Text type="secondary">{t(disabled ? 'prequalification.reviewAllFirst' : 'prequalification.issueHelp')}</Typography.Text>
      <RuleRef id="PQ-02" />
    </Space>
  );
}

/** A supplier's own application: written until the deadline, then its result once issued. */
function OwnApplication({ project, prequalification: p, onDone }: { project: Project; prequalification: Prequalification; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ statement: string }>();
  const { busy, run } = useSubmit(form);
  const mine = p.mine;
  async function submit(values: { statement: string }) {
    await run(() => api('PUT', `/api/projects/${project.id}/prequalification/application`, values), { then: onDone, message: t('prequalification.applied') });
  }
  if (mine?.outcome)
    return (
      <Alert
        type={mine.outcome === 'qualified' ? 'success' : 'error'}
        showIcon
        message={t(`prequalification.result.${mine.outcome}`)}
        description={mine.reason ? t('prequalification.reasonShown', { reason: mine.reason }) : undefined}
        data-testid="my-result"
      />
    );
  if (!p.applicationsOpen)
    return <Typography.Text type="secondary" data-testid="my-application">{t(mine ? 'prequalification.awaitingResult' : 'prequalification.notApplied')}</Typography.Text>;
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ statement: mine?.statement ?? '' }} data-testid="application-form">
      <Typography.Paragraph type="secondary">{t('prequalification.applicationContents', { contents: p.applicationContents })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('prequalification.reviewStandard', { standard: p.reviewStandard })}</Typography.Paragraph>
      {mine && <Alert type="info" showIcon message={t('prequalification.submitted', { at: formatTime(mine.submittedAt) })} style={{ marginBottom: 12 }} />}
      <Form.Item name="statement" label={t('prequalification.statement')} rules={[{ required: true, whitespace: true }]} extra={t('prequalification.statementHelp')}>
        <Input.TextArea rows={5} maxLength={8000} data-testid="application-statement" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="apply">
        {t(mine ? 'prequalification.replace' : 'prequalification.apply')}
      </Button>
    </Form>
  );
}

interface PublishValues {
  documentsUntil: dayjs.Dayjs;
  applicationDeadline: dayjs.Dayjs;
  reviewDate: dayjs.Dayjs;
  invitedSuppliers?: number | null;
  applicationContents: string;
  reviewStandard: string;
  contractPeriod: string;
  consortiumAllowed?: boolean;
  qualifications: string;
  other?: string;
}

/** PQ-01: the 资格预审公告, with the sale of the documents (WK-02) and the application deadline (WK-03). */
function PrequalificationForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PublishValues>();
  const { busy, run } = useSubmit(form);
  async function submit(v: PublishValues) {
    await run(
      () =>
        api('POST', `/api/projects/${project.id}/prequalification`, {
          documentsUntil: beijingTime(v.documentsUntil),
          applicationDeadline: beijingTime(v.applicationDeadline),
          reviewDate: beijingTime(v.reviewDate),
          invitedSuppliers: v.invitedSuppliers ?? null,
          applicationContents: v.applicationContents,
          reviewStandard: v.reviewStandard,
          contractPeriod: v.contractPeriod,
          consortiumAllowed: Boolean(v.consortiumAllowed),
          qualifications: v.qualifications.split('\n').map((s) => s.trim()).filter(Boolean),
          ...(v.other?.trim() ? { other: v.other.trim() } : {}),
        }),
      { then: onDone },
    );
  }
  const picker = (testId: string) => <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid={testId} style={{ width: '100%' }} />;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} {...enterPicksDateOnly} style={{ maxWidth: 640 }} data-testid="prequalification-form">
      <Alert type="info" showIcon message={t('prequalification.intro')} description={<Space size={4} wrap>{['PQ-01', 'WK-02', 'WK-03'].map((id) => <RuleRef key={id} id={id} />)}</Space>} style={{ marginBottom: 16 }} />
      <Form.Item name="documentsUntil" label={t('prequalification.documentsUntil')} rules={[{ required: true }]} extra={t('prequalification.documentsUntilHelp')}>{picker('pq-documents-until')}</Form.Item>
      <Form.Item name="applicationDeadline" label={t('prequalification.applicationDeadline')} rules={[{ required: true }]} extra={t('prequalification.applicationDeadlineHelp')}>{picker('pq-application-deadline')}</Form.Item>
      <Form.Item name="reviewDate" label={t('prequalification.reviewDate')} rules={[{ required: true }]}>{picker('pq-review-date')}</Form.Item>
      <Form.Item name="invitedSuppliers" label={t('prequalification.invitedSuppliers')} extra={t('prequalification.invitedSuppliersHelp')}>
        <InputNumber min={3} max={100} precision={0} />
      </Form.Item>
      <Form.Item name="applicationContents" label={t('prequalification.applicationContentsLabel')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="reviewStandard" label={t('prequalification.reviewStandardLabel')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="qualifications" label={t('prequalification.qualifications')} rules={[{ required: true, whitespace: true }]} extra={t('prequalification.qualificationsHelp')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="contractPeriod" label={t('prequalification.contractPeriod')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="consortiumAllowed" valuePropName="checked">
        <Checkbox>{t('prequalification.consortiumAllowed')}</Checkbox>
      </Form.Item>
      <Form.Item name="other" label={t('prequalification.other')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="publish-prequalification">
        {t('prequalification.publish')}
      </Button>
    </Form>
  );
}

/** PQ-02: ends the project with a 终止公告 so that the tender is repeated as a new project on the same plan. */
function RetenderButton({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const { busy, run } = useSubmit();
  async function retender() {
    await run(() => api('POST', `/api/projects/${project.id}/prequalification/retender`), { then: onDone });
  }
  return (
    <Popconfirm title={t('prequalification.retenderConfirm')} onConfirm={() => void retender()} okButtonProps={{ 'data-testid': 'retender-confirm' } as never}>
      <Button danger loading={busy} data-testid="retender">
        {t('prequalification.retender')}
      </Button>
    </Popconfirm>
  );
}
