import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from '../../dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../action';
import { api, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { beijingTime, enterPicksDateOnly } from '../../forms';
import { formatYuan, yuanToFen } from '../../money';
import { may, type Project } from '../trading/types';
import { ContractsTable, type ContractSummary } from './ContractPage';
import { ReportTable, type Report } from './EvaluationSheetPage';
import { SpecialitySelect } from './specialities';

interface Committee {
  status: string;
  evaluationStartsAt: string;
  evaluationEndsAt: string;
  unsealed: boolean;
  counts: { drawn: number; confirmed: number; refused: number; pending: number };
  draws: { round: number; count: number; drawn: number; pool: number | null; eligible: number | null; cause: 'initial' | 'refusal'; drawnAt: string }[];
  members: { personId: string; displayName: string; kind: string; status: string; isChair: boolean; refusalReason: string | null }[];
}
interface Period {
  ruleId: string;
  zh: string;
  en: string;
  dueDate: string | null;
  doneAt: string | null;
  late: boolean;
}
interface Award {
  lotId: string;
  lotNo: number;
  title: string;
  status: string;
  candidates: string[];
  winnerBidId: string | null;
  refusedBidIds: string[];
  periods: Period[];
}

/** Everything after the opening, for those running the project: committee, award, contract, archive. */
export function ProjectEvaluationPanels({ project }: { project: Project }) {
  const reports = useQuery({ queryKey: ['reports', project.id], queryFn: () => get<(Report & { lotId: string; lotNo: number })[]>(`/api/projects/${project.id}/evaluation-reports`), refetchInterval: 5000 });
  const awards = useQuery({ queryKey: ['awards', project.id], queryFn: () => get<Award[]>(`/api/projects/${project.id}/awards`), refetchInterval: 5000 });
  return (
    <>
      <CommitteeCard project={project} />
      {/* 框架协议: the admission and the orders (FrameworkCard) take the award's and the contract's place. */}
      {(reports.data ?? []).length > 0 && project.method !== 'framework' && <AwardCard project={project} reports={reports.data ?? []} awards={awards.data ?? []} />}
      {may(project, 'draftContract') && (awards.data ?? []).some((a) => a.status === 'awarded' || a.refusedBidIds.length) && <ContractsCard project={project} awards={awards.data ?? []} />}
      {may(project, 'viewArchive') && <ArchiveCard project={project} />}
    </>
  );
}

function CommitteeCard({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const call = useAction(['committee', project.id]);
  const committee = useQuery({ queryKey: ['committee', project.id], queryFn: () => get<Committee | null>(`/api/projects/${project.id}/committee`), refetchInterval: 5000 });
  const representatives = useQuery({
    queryKey: ['representatives', project.id],
    queryFn: () => get<{ id: string; displayName: string }[]>(`/api/projects/${project.id}/representative-candidates`),
    enabled: may(project, 'requestCommittee'),
  });
  const c = committee.data;
  const { panel } = project;
  const minimum = panel?.minimumMembers ?? 5;
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const request = (values: { size: number; experts: number; representatives?: string[]; specialities: string[]; complex?: boolean; startsAt: dayjs.Dayjs; endsAt: dayjs.Dayjs }) =>
    call(() =>
      api('POST', `/api/projects/${project.id}/committee`, {
        size: values.size,
        experts: values.experts,
        purchaserRepresentativeIds: values.representatives ?? [],
        specialities: values.specialities,
        complex: Boolean(values.complex),
        evaluationStartsAt: beijingTime(values.startsAt),
        evaluationEndsAt: beijingTime(values.endsAt),
      }),
    );
  if (committee.isLoading) return <Card loading />;
  if (!c) {
    if (!may(project, 'requestCommittee')) return null;
    return (
      <Card title={panel ? `${t('evaluation.requestCommittee')} · ${panel.name[language]}` : t('evaluation.requestCommittee')}>
        <Form layout="vertical" onFinish={request} {...enterPicksDateOnly} initialValues={{ size: minimum, experts: minimum, specialities: ['A02'] }} style={{ maxWidth: 720 }}>
          <Space wrap>
            {/* The method's smallest panel for this budget (GP-40, CS-03, NG-02, WK-10); the server checks it, and the complex-project rule (GP-41). */}
            <Form.Item name="size" label={t('evaluation.size')} rules={[{ required: true }]} extra={panel && <>≥ {panel.minimumMembers} · <RuleRef id={panel.ruleId} /></>}>
              <InputNumber min={1} max={25} data-testid="committee-size" />
            </Form.Item>
            <Form.Item name="experts" label={t('evaluation.expertCount')} rules={[{ required: true }]}>
              <InputNumber min={0} max={25} />
            </Form.Item>
            <Form.Item name="representatives" label={t('evaluation.representatives')}>
              <Select mode="multiple" allowClear style={{ minWidth: 200 }} options={(representatives.data ?? []).map((r) => ({ value: r.id, label: r.displayName }))} />
            </Form.Item>
            <Form.Item name="specialities" label={t('evaluation.specialities')} rules={[{ required: true }]}>
              <SpecialitySelect style={{ minWidth: 240 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="startsAt" label={t('evaluation.startsAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="evaluation-starts" />
            </Form.Item>
            <Form.Item name="endsAt" label={t('evaluation.endsAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="evaluation-ends" />
            </Form.Item>
          </Space>
          <Form.Item name="complex" valuePropName="checked">
            <Checkbox>{t('evaluation.complex')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="request-committee">
            {t('evaluation.requestCommittee')}
          </Button>
        </Form>
      </Card>
    );
  }
  return (
    <Card title={panel?.name[language] ?? t('evaluation.committee')} extra={<Tag data-testid="committee-status">{t(`evaluation.committeeStatus.${c.status}`)}</Tag>}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('evaluation.evaluationTime')}>{`${formatTime(c.evaluationStartsAt)} – ${formatTime(c.evaluationEndsAt)}`}</Descriptions.Item>
        <Descriptions.Item label={t('trading.status')}>
          <span data-testid="committee-counts">{t('evaluation.counts', c.counts)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="round"
        size="small"
        pagination={false}
        dataSource={c.draws}
        columns={[
          { title: t('evaluation.round'), dataIndex: 'round' },
          { title: '', dataIndex: 'cause', render: (v: string) => t(`evaluation.cause.${v}`) },
          { title: '', key: 'pool', render: (_, d) => (d.pool === null ? t('evaluation.poolSealed') : t('evaluation.eligible', { eligible: d.eligible, pool: d.pool })) },
          { title: '', dataIndex: 'drawnAt', render: formatTime },
        ]}
      />
      {may(project, 'extendEvaluation') && (c.status === 'formed' || c.status === 'evaluating') && <ExtensionForm projectId={project.id} />}
      {c.unsealed ? (
        <List
          size="small"
          dataSource={c.members}
          renderItem={(m) => (
            <List.Item>
              <Space>
                {m.displayName}
                <Tag>{t(`evaluation.memberStatus.${m.status}`)}</Tag>
                {m.isChair && <Tag color="gold">{t('evaluation.chair')}</Tag>}
                {m.refusalReason}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Alert type="info" title={t('evaluation.sealed')} style={{ marginTop: 12 }} />
      )}
    </Card>
  );
}

/** The agency extends the evaluation period, with a reason, while the committee is still at work. */
function ExtensionForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const call = useAction(['committee', projectId]);
  const extend = (values: { endsAt: dayjs.Dayjs; reason: string }) => call(() => api('POST', `/api/projects/${projectId}/committee/extension`, { evaluationEndsAt: beijingTime(values.endsAt), reason: values.reason }));
  return (
    <Form layout="inline" onFinish={extend} {...enterPicksDateOnly} style={{ margin: '12px 0' }}>
      <Form.Item name="endsAt" label={t('evaluation.extendTo')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="reason" rules={[{ required: true }]}>
        <Input placeholder={t('evaluation.statusReason')} style={{ width: 240 }} />
      </Form.Item>
      <Button htmlType="submit">{t('evaluation.extend')}</Button>
    </Form>
  );
}

function PeriodTags({ periods }: { periods: Period[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Space wrap>
      {periods
        .filter((p) => p.dueDate)
        .map((p) => (
          <Tag key={p.ruleId} color={p.late ? 'red' : p.doneAt ? 'green' : 'blue'} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
            {`${i18n.language === 'en-US' ? p.en : p.zh} · ${p.doneAt ? t('evaluation.done') : t('evaluation.due', { date: p.dueDate })}${p.late ? ` · ${t('evaluation.late')}` : ''} · `}
            <RuleRef id={p.ruleId} />
          </Tag>
        ))}
    </Space>
  );
}

function AwardCard({ project, reports, awards }: { project: Project; reports: (Report & { lotId: string; lotNo: number })[]; awards: Award[] }) {
  const { t } = useTranslation();
  // Sending a works report starts the candidates' publicity (WK-13): its card refreshes with the award.
  const call = useAction(['awards', project.id], ['project', project.id], ['project-notices', project.id], ['contracts', project.id], ['publicities', project.id]);
  const [reason, setReason] = useState('');
  const publicising = project.steps?.some((s) => s.id === 'candidatePublicity' && s.state === 'current') ?? false;
  return (
    <Card title={t('evaluation.award')}>
      {reports.map((r) => {
        const a = awards.find((x) => x.lotId === r.lotId);
        const next = r.result.candidates.find((id) => !a?.refusedBidIds.includes(id));
        const nextName = r.result.bids.find((b) => b.bidId === next)?.supplierName;
        return (
          <Space key={r.lotId} direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong>{`${t('trading.lot')} ${r.lotNo}`}</Typography.Text>
              <Tag data-testid="award-status">{t(`evaluation.awardStatus.${a?.status ?? 'reportSigned'}`)}</Tag>
            </Space>
            <ReportTable report={r} />
            <a href={`/api/projects/${project.id}/lots/${r.lotId}/evaluation-report.pdf`} target="_blank" rel="noreferrer">
              {t('evaluation.reportPdf')}
            </a>
            {r.signatures.filter((s) => s.dissent).map((s) => (
              <Alert key={s.personId} type="warning" title={`${s.displayName}：${s.dissent}`} />
            ))}
            {a && <PeriodTags periods={a.periods} />}
            {may(project, 'sendReport') && a?.status === 'reportSigned' && !r.result.failed && (
              <Button type="primary" data-testid="send-report" onClick={() => call(() => api('POST', `/api/projects/${project.id}/lots/${r.lotId}/report-delivery`))}>
                {t('evaluation.sendReport')}
              </Button>
            )}
            {/* WK-13: under the Bidding Law the winner is named after the candidates' publicity. */}
            {may(project, 'confirmWinner') && a?.status === 'reportSent' && publicising && <Alert type="info" showIcon title={t('evaluation.candidatesPublicised')} description={<RuleRef id="WK-13" />} data-testid="candidates-publicised" />}
            {may(project, 'confirmWinner') && a && (a.status === 'reportSent' || a.status === 'winnerRefused') && next && !publicising && (
              <Space>
                {a.status === 'winnerRefused' && <Input style={{ width: 320 }} placeholder={t('evaluation.choiceReason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
                <Button type="primary" data-testid="confirm-winner" onClick={() => call(() => api('POST', `/api/projects/${project.id}/lots/${r.lotId}/award`, { bidId: next, reason: reason || null }))}>
                  {`${t('evaluation.confirmWinner')}：${nextName}`}
                </Button>
              </Space>
            )}
          </Space>
        );
      })}
    </Card>
  );
}

function ContractsCard({ project, awards }: { project: Project; awards: Award[] }) {
  const { t } = useTranslation();
  const call = useAction(['contracts', project.id]);
  const contracts = useQuery({ queryKey: ['contracts', project.id], queryFn: () => get<ContractSummary[]>(`/api/contracts?projectId=${project.id}`) });
  const pending = awards.filter((a) => a.status === 'awarded' && !(contracts.data ?? []).some((c) => c.lotId === a.lotId && c.status !== 'refused'));
  const draft = (lotId: string, values: { milestones: { name: string; amount: string; acceptanceCriteria: string; dueDate: dayjs.Dayjs }[]; performancePeriod: string; performancePlace: string; terms: string }) =>
    call(() =>
      api('POST', `/api/projects/${project.id}/lots/${lotId}/contract`, {
        performancePeriod: values.performancePeriod,
        performancePlace: values.performancePlace,
        terms: values.terms,
        milestones: values.milestones.map((m) => ({ name: m.name, amountFen: yuanToFen(m.amount) ?? -1, acceptanceCriteria: m.acceptanceCriteria, dueDate: m.dueDate.format('YYYY-MM-DD') })),
      }),
    );
  return (
    <Card title={t('evaluation.contract')}>
      <ContractsTable contracts={contracts.data ?? []} />
      {pending.map((a) => (
        <Form
          key={a.lotId}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={(v) => void draft(a.lotId, v)}
          {...enterPicksDateOnly}
          initialValues={{ performancePeriod: '合同签订后45日内交付', performancePlace: '采购人指定地点', terms: '按采购文件所附合同条款执行。', milestones: [{ name: '到货验收', acceptanceCriteria: '按采购需求逐项验收' }] }}
        >
          <Typography.Title level={5}>{`${t('evaluation.draftContract')} · ${t('trading.lot')} ${a.lotNo}`}</Typography.Title>
          <Form.List name="milestones">
            {(fields, { add }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'name']} label={t('evaluation.milestoneName')} rules={[{ required: true }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} label={t('evaluation.amount')} rules={[{ required: true }]}>
                      <Input style={{ width: 160 }} data-testid={`milestone-amount-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'acceptanceCriteria']} label={t('evaluation.acceptanceCriteria')} rules={[{ required: true }]}>
                      <Input style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueDate']} label={t('evaluation.dueDate')} rules={[{ required: true }]}>
                      <DatePicker data-testid={`milestone-date-${f.name}`} />
                    </Form.Item>
                  </Space>
                ))}
                <Button onClick={() => add({ acceptanceCriteria: '按采购需求逐项验收' })}>{t('evaluation.addMilestone')}</Button>
              </>
            )}
          </Form.List>
          <Space wrap style={{ marginTop: 12 }}>
            <Form.Item name="performancePeriod" label={t('evaluation.performancePeriod')} rules={[{ required: true }]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="performancePlace" label={t('evaluation.performancePlace')} rules={[{ required: true }]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
          </Space>
          <Form.Item name="terms" label={t('evaluation.terms')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="draft-contract">
            {t('evaluation.draftContract')}
          </Button>
        </Form>
      ))}
    </Card>
  );
}

function ArchiveCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const call = useAction(['archive', project.id]);
  const status = useQuery({
    queryKey: ['archive', project.id],
    queryFn: () => get<{ status: string; progress: { done: number; total: number } | null; manifestSha256: string | null; entries: number; retainUntil: string | null }>(`/api/projects/${project.id}/archive`),
    refetchInterval: (q) => (q.state.data?.status === 'building' ? 1000 : false),
  });
  const [verdict, setVerdict] = useState<{ intact: boolean; checked: number; problems: string[] } | null>(null);
  const s = status.data;
  return (
    <Card title={t('evaluation.archive')} extra={s && <Tag>{t(`evaluation.archiveStatus.${s.status}`)}</Tag>}>
      {s?.status === 'building' && s.progress && <Progress percent={Math.round((100 * s.progress.done) / Math.max(1, s.progress.total))} />}
      {s?.status === 'archived' && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="Manifest SHA-256">{s.manifestSha256}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.retainUntil')}>{s.retainUntil}</Descriptions.Item>
        </Descriptions>
      )}
      {verdict && <Alert type={verdict.intact ? 'success' : 'error'} title={verdict.intact ? t('evaluation.intact', { n: verdict.checked }) : t('evaluation.broken', { items: verdict.problems.join('、') })} />}
      <Space style={{ marginTop: 12 }}>
        {may(project, 'archive') && s?.status === 'none' && <Button onClick={() => call(() => api('POST', `/api/projects/${project.id}/archive`))}>{t('evaluation.closeProject')}</Button>}
        {s?.status === 'archived' && <Button onClick={() => call(async () => setVerdict(await api('POST', `/api/projects/${project.id}/archive/verification`)))}>{t('evaluation.verify')}</Button>}
        {s?.status === 'archived' && <a href={`/api/projects/${project.id}/archive/package`}>{t('trading.download')}</a>}
      </Space>
    </Card>
  );
}

interface Correction {
  bidId: string;
  corrections: { step: number; description: string; fromFen: number; toFen: number }[];
  fromFen: number;
  correctedFen: number;
  confirmed: boolean | null;
}

/** What the committee asks of the supplier's bid: explain an abnormally low price (GP-59), confirm a corrected price (GP-58). */
export function CommitteeRequestsCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const call = useAction(['committee-requests', projectId]);
  const requests = useQuery({
    queryKey: ['committee-requests', projectId],
    queryFn: () => get<{ explanations: { bidId: string; question: string; explanation: string | null }[]; corrections: Correction[] }>(`/api/projects/${projectId}/my-committee-requests`),
    refetchInterval: 5000,
  });
  const [text, setText] = useState('');
  const r = requests.data;
  if (!r || (r.explanations.length === 0 && r.corrections.length === 0)) return null;
  const post = (url: string, body: unknown) => call(() => api('POST', url, body));
  return (
    <Card title={t('evaluation.committeeRequests')}>
      {r.explanations.map((x) => (
        <Space key={x.bidId} direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" title={x.question} />
          {x.explanation ? (
            <Typography.Text>{x.explanation}</Typography.Text>
          ) : (
            <>
              <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="explanation-text" />
              <Button type="primary" data-testid="submit-explanation" onClick={() => post(`/api/bids/${x.bidId}/explanation`, { explanation: text })}>
                {t('common.submit')}
              </Button>
            </>
          )}
        </Space>
      ))}
      {r.corrections.map((c) => (
        <Space key={c.bidId} direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            type="info"
            title={
              <>
                {`${t('evaluation.correctionAsk', { from: formatYuan(c.fromFen), to: formatYuan(c.correctedFen) })} `}
                <RuleRef id="GP-58" />
              </>
            }
            description={c.corrections.map((x) => `(${x.step}) ${x.description}：${formatYuan(x.fromFen)} → ${formatYuan(x.toFen)}`).join('；')}
          />
          {c.confirmed === null ? (
            <Space>
              <Button type="primary" onClick={() => post(`/api/bids/${c.bidId}/correction-answer`, { confirmed: true })}>
                {t('evaluation.confirmCorrection')}
              </Button>
              <Button danger onClick={() => post(`/api/bids/${c.bidId}/correction-answer`, { confirmed: false })}>
                {t('evaluation.refuseCorrection')}
              </Button>
            </Space>
          ) : (
            <Tag color={c.confirmed ? 'green' : 'red'}>{c.confirmed ? t('evaluation.confirmCorrection') : t('evaluation.refuseCorrection')}</Tag>
          )}
        </Space>
      ))}
    </Card>
  );
}
