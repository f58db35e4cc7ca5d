import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, InputNumber, List, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAction } from '../../action';
import { api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan, yuanToFen } from '../../money';
import { useSession } from '../../session';
import { RuleRef } from '../../components/RuleRef';
import { RoundsCard } from './RoundsCard';

type Criterion = 'qualification' | 'compliance';
interface SheetBid {
  bidId: string;
  supplierName: string;
  sme: string;
  totalPriceFen: number | null;
  /** 磋商/谈判: the final offer, once the final offers are open (it is the price evaluated). */
  finalOfferFen: number | null;
  deliveryPeriod: string | null;
  parts: { index: number; name: string; fileName: string; size: number }[];
}
interface Report {
  status: 'signing' | 'signed';
  contentHash: string;
  result: {
    candidates: string[];
    failed: { ruleId: string; reason: string } | null;
    bids: { bidId: string; supplierName: string; priceFen: number; evaluatedPriceFen: number; priceScore: number | null; total: number | null; rank: number | null; valid: boolean; invalidReasons: string[] }[];
  };
  signatures: { personId: string; displayName: string; agreed: boolean; dissent: string | null; signedAt: string }[];
}
interface LotSheet {
  lotId: string;
  lotNo: number;
  title: string;
  evaluationMethod: 'lowestPrice' | 'scoring';
  finalOffers: { called: boolean; open: boolean } | null;
  criteria: { name: string; weight: number; isPrice: boolean }[];
  bids: SheetBid[];
  myReviews: { bidId: string; criterion: Criterion; passed: boolean; reason: string | null }[];
  myScores: { bidId: string; criterion: string; points: number }[];
  validBidIds: string[];
  explanationsNeeded: { bidId: string; belowBp: number; explanation: { question: string; explanation: string | null; accepted: boolean | null } | null }[];
  corrections: { bidId: string; fromFen: number; correctedFen: number; confirmed: boolean | null }[];
  submitted: boolean;
  submittedCount: number;
  memberCount: number;
  isChair: boolean;
  report: Report | null;
}
interface Sheet {
  projectId: string;
  method: string;
  projectNumber: string;
  title: string;
  evaluationEndsAt: string;
  members: { personId: string; displayName: string; isChair: boolean; votes: number }[];
  myVote: string | null;
  lots: LotSheet[];
}

/** 评审表: one member's online evaluation of every lot, the GP-59 explanations and the report. */
export function EvaluationSheetPage() {
  const { t } = useTranslation();
  const { projectId } = useParams();
  const sheet = useQuery({ queryKey: ['sheet', projectId], queryFn: () => get<Sheet>(`/api/evaluations/${projectId}/sheet`), refetchInterval: 4000 });
  if (sheet.error) return <Alert type="error" title={errorText(sheet.error)} />;
  const s = sheet.data;
  if (!s) return <Card loading />;
  // SS-05: a single-source lot is not scored; its negotiators write and sign the negotiation record on the project page.
  if (s.method === 'singleSource')
    return (
      <Card title={`${t('negotiation.title')} · ${s.title}`}>
        <Alert type="info" showIcon message={t('negotiation.notScored')} description={<Link to={`/workspace/projects/${s.projectId}`} data-testid="negotiation-record-link">{t('negotiation.openRecord')}</Link>} />
      </Card>
    );
  return (
    <Card title={`${t('evaluation.sheet')} · ${s.title}`} extra={<Typography.Text type="secondary">{`${t('evaluation.endsAt')}：${formatTime(s.evaluationEndsAt)}`}</Typography.Text>}>
      <CommitteeMembers sheet={s} />
      <RoundsCard projectId={s.projectId} />
      <Tabs items={s.lots.map((l) => ({ key: l.lotId, label: `${t('trading.lot')} ${l.lotNo}`, children: <LotSheetView projectId={s.projectId} lot={l} /> }))} />
    </Card>
  );
}

/** The members, the chair, and the election of the chair (more than half of the members' votes). */
function CommitteeMembers({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const call = useAction(['sheet', sheet.projectId]);
  // Until a majority elects one, the first member to confirm chairs provisionally; once elected, voting is over.
  const elected = sheet.members.some((m) => m.votes * 2 > sheet.members.length);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('evaluation.committee')}：</Typography.Text>
      {sheet.members.map((m) => (
        <Space key={m.personId} size={4} data-testid={`member-${m.personId}`}>
          <span>{m.displayName}</span>
          {m.isChair && <Tag color="gold">{elected ? t('evaluation.chair') : t('evaluation.provisionalChair')}</Tag>}
          {m.votes > 0 && <Typography.Text type="secondary">{t('evaluation.votes', { n: m.votes })}</Typography.Text>}
          {!elected && (
            <Button size="small" type="link" data-testid="vote-chair" disabled={sheet.myVote === m.personId} onClick={() => call(() => api('POST', `/api/evaluations/${sheet.projectId}/chair-votes`, { candidateId: m.personId }))}>
              {t('evaluation.voteChair')}
            </Button>
          )}
        </Space>
      ))}
    </Space>
  );
}

const key = (bidId: string, criterion: string) => `${bidId}:${criterion}`;
const REVIEW_CRITERIA: Criterion[] = ['qualification', 'compliance'];

function LotSheetView({ projectId, lot }: { projectId: string; lot: LotSheet }) {
  const { t } = useTranslation();
  const call = useAction(['sheet', projectId]);
  const [reviews, setReviews] = useState<Record<string, { passed: boolean; reason: string }>>({});
  const [scores, setScores] = useState<Record<string, number | null>>({});
  useEffect(() => {
    setReviews(Object.fromEntries(lot.myReviews.map((r) => [key(r.bidId, r.criterion), { passed: r.passed, reason: r.reason ?? '' }])));
    setScores(Object.fromEntries(lot.myScores.map((s) => [key(s.bidId, s.criterion), s.points])));
    // Only when the lot first loads: later refreshes must not overwrite what the expert is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lot.lotId]);
  const scored = lot.criteria.filter((c) => !c.isPrice && lot.evaluationMethod === 'scoring');
  // What is still to do, from what is on screen (the server's list only knows what was saved).
  const missing = [
    ...lot.bids.flatMap((b) => REVIEW_CRITERIA.filter((c) => !reviews[key(b.bidId, c)]).map((c) => `${b.supplierName}：${t(`evaluation.${c}`)}`)),
    ...lot.bids.filter((b) => lot.validBidIds.includes(b.bidId)).flatMap((b) => scored.filter((c) => (scores[key(b.bidId, c.name)] ?? null) === null).map((c) => `${b.supplierName}：${c.name}`)),
  ];

  const save = () =>
    api('PUT', `/api/evaluations/${projectId}/lots/${lot.lotId}/sheet`, {
      reviews: Object.entries(reviews).map(([k, v]) => ({ bidId: k.split(':')[0], criterion: k.split(':')[1], passed: v.passed, reason: v.passed ? null : v.reason })),
      scores: Object.entries(scores)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => ({ bidId: k.split(':')[0], criterion: k.slice(k.indexOf(':') + 1), points: v })),
    });

  const reviewCell = (b: SheetBid, c: Criterion) => {
    const v = reviews[key(b.bidId, c)];
    return (
      <Space direction="vertical" size={2}>
        <Radio.Group
          size="small"
          disabled={lot.submitted}
          value={v ? (v.passed ? 'pass' : 'fail') : undefined}
          onChange={(e) => setReviews({ ...reviews, [key(b.bidId, c)]: { passed: e.target.value === 'pass', reason: v?.reason ?? '' } })}
          options={[
            { value: 'pass', label: t('evaluation.pass') },
            { value: 'fail', label: t('evaluation.fail') },
          ]}
        />
        {v && !v.passed && <Input size="small" placeholder={t('evaluation.failReason')} value={v.reason} disabled={lot.submitted} onChange={(e) => setReviews({ ...reviews, [key(b.bidId, c)]: { passed: false, reason: e.target.value } })} />}
      </Space>
    );
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {lot.explanationsNeeded.map((x) => {
        const bid = lot.bids.find((b) => b.bidId === x.bidId)!;
        return (
          <Alert
            key={x.bidId}
            type="warning"
            data-testid="abnormal-price"
            title={
              <>
                {`${bid.supplierName}：${t('evaluation.abnormal', { pct: (x.belowBp / 100).toFixed(1) })} `}
                <RuleRef id="GP-59" />
              </>
            }
            description={
              x.explanation ? (
                <Space direction="vertical">
                  <Typography.Text>{x.explanation.explanation ? `${t('evaluation.explanation')}：${x.explanation.explanation}` : t('evaluation.waitingExplanation')}</Typography.Text>
                  {x.explanation.accepted !== null && <Tag color={x.explanation.accepted ? 'green' : 'red'}>{x.explanation.accepted ? t('evaluation.accept') : t('evaluation.reject')}</Tag>}
                  {lot.isChair && x.explanation.accepted === null && (
                    <Space>
                      <Button disabled={!x.explanation.explanation} onClick={() => call(() => api('POST', `/api/evaluations/${projectId}/bids/${x.bidId}/explanation-decision`, { accepted: true }))}>
                        {t('evaluation.accept')}
                      </Button>
                      <Button danger data-testid="reject-explanation" onClick={() => call(() => api('POST', `/api/evaluations/${projectId}/bids/${x.bidId}/explanation-decision`, { accepted: false }))}>
                        {t('evaluation.reject')}
                      </Button>
                    </Space>
                  )}
                </Space>
              ) : (
                <Button data-testid="ask-explanation" onClick={() => call(() => api('POST', `/api/evaluations/${projectId}/bids/${x.bidId}/explanation-request`, { question: t('evaluation.explanationQuestion') }))}>
                  {t('evaluation.askExplanation')}
                </Button>
              )
            }
          />
        );
      })}
      <Table
        rowKey="bidId"
        size="small"
        pagination={false}
        dataSource={lot.bids}
        columns={[
          { title: t('evaluation.bidder'), key: 'name', render: (_, b) => <Space>{b.supplierName}{b.sme === 'smallMicro' && <Tag color="blue">{t('evaluation.smallMicro')}</Tag>}</Space> },
          { title: t('evaluation.price'), dataIndex: 'totalPriceFen', align: 'right', render: (v: number | null) => (v === null ? '—' : formatYuan(v)) },
          ...(lot.finalOffers?.open ? [{ title: t('rounds.amount'), dataIndex: 'finalOfferFen', align: 'right' as const, render: (v: number | null) => (v === null ? t('rounds.none') : formatYuan(v)) }] : []),
          {
            title: t('evaluation.documents'),
            key: 'docs',
            render: (_, b) => b.parts.filter((p) => p.name !== 'priceSchedule').map((p) => <a key={p.index} href={`/api/evaluations/${projectId}/bids/${b.bidId}/parts/${p.index}`} target="_blank" rel="noreferrer">{`${p.fileName} `}</a>),
          },
          { title: t('evaluation.qualification'), key: 'q', render: (_, b) => reviewCell(b, 'qualification') },
          { title: t('evaluation.compliance'), key: 'c', render: (_, b) => reviewCell(b, 'compliance') },
          ...scored.map((c) => ({
            title: `${c.name}（${c.weight}）`,
            key: c.name,
            render: (_: unknown, b: SheetBid) => (
              <InputNumber
                size="small"
                min={0}
                max={c.weight}
                step={0.5}
                data-testid={`score-${c.name}`}
                disabled={lot.submitted || !lot.validBidIds.includes(b.bidId)}
                value={scores[key(b.bidId, c.name)] ?? null}
                onChange={(v) => setScores({ ...scores, [key(b.bidId, c.name)]: v })}
              />
            ),
          })),
        ]}
      />
      {!lot.submitted && (
        <Space wrap>
          <Button onClick={() => setReviews(Object.fromEntries(lot.bids.flatMap((b) => REVIEW_CRITERIA.map((c) => [key(b.bidId, c), { passed: true, reason: '' }]))))} data-testid="pass-all">
            {t('evaluation.passAll')}
          </Button>
          <Button data-testid="save-sheet" onClick={() => call(save, t('evaluation.saved'))}>
            {t('evaluation.save')}
          </Button>
          <Button type="primary" data-testid="submit-sheet" onClick={() => call(async () => { await save(); await api('POST', `/api/evaluations/${projectId}/lots/${lot.lotId}/submission`); })}>
            {t('evaluation.submit')}
          </Button>
          {missing.length > 0 && (
            <Typography.Text type="secondary" data-testid="missing-work">
              {t('evaluation.missing', { items: missing.slice(0, 4).join('、') + (missing.length > 4 ? '…' : '') })}
            </Typography.Text>
          )}
        </Space>
      )}
      {(lot.isChair || lot.corrections.length > 0) && <CorrectionSection projectId={projectId} lot={lot} />}
      <Typography.Text data-testid="submission-progress">{`${lot.submitted ? t('evaluation.mySheetSubmitted') : t('evaluation.mySheetOpen')} · ${t('evaluation.progress', { done: lot.submittedCount, total: lot.memberCount })}`}</Typography.Text>
      {lot.report && <ReportCard projectId={projectId} lotId={lot.lotId} report={lot.report} />}
    </Space>
  );
}

/** GP-58: the chair records what the committee read (body total, amount in words); the bidder confirms the result. */
function CorrectionSection({ projectId, lot }: { projectId: string; lot: LotSheet }) {
  const { t } = useTranslation();
  const call = useAction(['sheet', projectId]);
  const [bidId, setBidId] = useState<string | undefined>();
  const [body, setBody] = useState('');
  const [words, setWords] = useState('');
  const state = (c: LotSheet['corrections'][number]) => (c.confirmed === null ? t('evaluation.waitingExplanation') : c.confirmed ? t('evaluation.confirmCorrection') : t('evaluation.refuseCorrection'));
  return (
    <Card type="inner" size="small" title={t('evaluation.correct')}>
      {lot.corrections.map((c) => (
        <div key={c.bidId}>{`${lot.bids.find((b) => b.bidId === c.bidId)?.supplierName}：${formatYuan(c.fromFen)} → ${t('evaluation.corrected', { to: formatYuan(c.correctedFen), state: state(c) })}`}</div>
      ))}
      {lot.isChair && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select style={{ width: 240 }} placeholder={t('evaluation.bidder')} value={bidId} onChange={setBidId} options={lot.bids.filter((b) => !lot.corrections.some((c) => c.bidId === b.bidId)).map((b) => ({ value: b.bidId, label: b.supplierName }))} />
          <Input style={{ width: 200 }} placeholder={t('evaluation.bodyTotal')} value={body} onChange={(e) => setBody(e.target.value)} />
          <Input style={{ width: 160 }} placeholder={t('evaluation.wordsTotal')} value={words} onChange={(e) => setWords(e.target.value)} />
          <Button
            disabled={!bidId}
            onClick={async () => {
              if (await call(() => api('POST', `/api/evaluations/${projectId}/bids/${bidId}/price-correction`, { bodyTotalFen: yuanToFen(body), wordsTotalFen: yuanToFen(words) }))) setBidId(undefined);
            }}
          >
            {t('evaluation.correct')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

export function ReportTable({ report }: { report: Report }) {
  const { t } = useTranslation();
  const rows = [...report.result.bids].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  return (
    <Table
      rowKey="bidId"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="report-table"
      columns={[
        { title: t('evaluation.rank'), dataIndex: 'rank', render: (r: number | null) => r ?? '—' },
        { title: t('evaluation.bidder'), dataIndex: 'supplierName' },
        { title: t('evaluation.price'), dataIndex: 'priceFen', align: 'right', render: formatYuan },
        { title: t('evaluation.evaluatedPrice'), dataIndex: 'evaluatedPriceFen', align: 'right', render: (v: number) => formatYuan(Math.round(v)) },
        { title: t('evaluation.priceScore'), dataIndex: 'priceScore', render: (v: number | null) => v ?? '—' },
        { title: t('evaluation.total'), dataIndex: 'total', render: (v: number | null) => v ?? '—' },
        {
          title: t('trading.status'),
          key: 'valid',
          render: (_, b) => (b.valid ? <Tag color={report.result.candidates.includes(b.bidId) ? 'green' : 'default'}>{report.result.candidates.includes(b.bidId) ? t('evaluation.candidates') : t('evaluation.valid')}</Tag> : <Tag color="red" title={b.invalidReasons.join('；')}>{`${t('evaluation.invalid')}：${b.invalidReasons.join('；')}`}</Tag>),
        },
      ]}
    />
  );
}

function ReportCard({ projectId, lotId, report }: { projectId: string; lotId: string; report: Report }) {
  const { t } = useTranslation();
  const call = useAction(['sheet', projectId]);
  const { data: session } = useSession();
  const [dissent, setDissent] = useState('');
  const signedByMe = report.signatures.some((s) => s.personId === session?.person.id);
  const sign = (agreed: boolean) => call(() => api('POST', `/api/evaluations/${projectId}/lots/${lotId}/signatures`, { agreed, dissent: agreed ? null : dissent }));
  return (
    <Card type="inner" title={t('evaluation.report')} extra={<Tag data-testid="report-status">{report.status === 'signed' ? t('evaluation.signed') : t('evaluation.notSigned')}</Tag>}>
      {report.result.failed && (
        <Alert
          type="error"
          title={
            <>
              {report.result.failed.reason} <RuleRef id={report.result.failed.ruleId} />
            </>
          }
        />
      )}
      <ReportTable report={report} />
      <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label="SHA-256">{report.contentHash}</Descriptions.Item>
      </Descriptions>
      <List
        header={t('evaluation.signatures')}
        dataSource={report.signatures}
        renderItem={(s) => (
          <List.Item>
            <Space>
              {s.displayName}
              <Tag color={s.agreed ? 'green' : 'orange'}>{s.agreed ? t('evaluation.agree') : t('evaluation.dissent')}</Tag>
              {s.dissent}
              <Typography.Text type="secondary">{formatTime(s.signedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {report.status === 'signing' && !signedByMe && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={2} placeholder={t('evaluation.dissentText')} value={dissent} onChange={(e) => setDissent(e.target.value)} data-testid="dissent-text" />
          <Space>
            <Button type="primary" data-testid="sign-report" onClick={() => sign(true)}>
              {t('evaluation.agree')}
            </Button>
            <Button data-testid="dissent-report" onClick={() => sign(false)}>
              {t('evaluation.dissent')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}

export type { Report };
