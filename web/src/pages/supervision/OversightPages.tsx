import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorText, get } from '../../api';
import { formatTime } from '../../format';
import type { Project } from '../trading/types';

interface Cell {
  bidId: string;
  personId: string;
  criterion: string;
  points: number;
  othersMedian: number | null;
  deviation: number | null;
  flagged: boolean;
}
export interface Assessment {
  personId: string;
  timely: boolean | null;
  submittedAt: string | null;
  scoresGiven: number;
  deviations: number;
  largestDeviation: number;
  complaintsUpheld: number;
}
interface Oversight {
  evaluationStartsAt: string;
  evaluationEndsAt: string;
  threshold: number;
  members: { personId: string; name: string; kind: string }[];
  lots: {
    lotId: string;
    lotNo: number;
    title: string;
    criteria: { name: string; weight: number }[];
    bids: { bidId: string; supplierName: string }[];
    cells: Cell[];
    assessments: Assessment[];
  }[];
}
interface Draw {
  round: number;
  seed: string;
  cause: string;
  pool: { id: string; reason: string | null }[];
  drawn: string[];
  replayed: string[];
  matches: boolean;
}
interface CommitteeNames {
  unsealed: boolean;
  members: { personId: string; displayName: string | null }[];
}

/** A share of a criterion's weight as a signed percentage: −0.24 → "-24". */
export const percentOf = (share: number) => `${share > 0 ? '+' : ''}${Math.round(share * 1000) / 10}`;
const FLAGGED = { background: '#fff1f0', color: '#c8161d', fontWeight: 600 };

/** The project both pages belong to, named at their head with the way back. */
function ProjectHead({ projectId, title, intro, children }: { projectId: string; title: string; intro?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const project = useQuery({ queryKey: ['project', projectId], queryFn: () => get<Project>(`/api/public/projects/${projectId}`) });
  const p = project.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={title} extra={<Link to={`/workspace/projects/${projectId}`}>{t('supervision.oversight.back')}</Link>} styles={{ header: { whiteSpace: 'normal' } }}>
        {p && (
          <Typography.Paragraph strong style={{ overflowWrap: 'anywhere' }} data-testid="oversight-project">
            {p.title} <Typography.Text type="secondary">{p.projectNumber}</Typography.Text>
          </Typography.Paragraph>
        )}
        {intro && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {intro}
          </Typography.Paragraph>
        )}
      </Card>
      {children}
    </Space>
  );
}

/** 409 before the evaluation starts (the committee is confidential until then): said as information, not as a failure. */
function Refusal({ error }: { error: unknown }) {
  const sealed = error instanceof ApiError && error.status === 409;
  return <Alert type={sealed ? 'info' : 'error'} showIcon title={errorText(error)} data-testid={sealed ? 'oversight-sealed' : 'page-error'} />;
}

/**
 * 评审过程监督 (issue 13): for the project's overseers once the evaluation has begun. Per lot, every
 * member's points for every bid and criterion beside the others' median, the large deviations marked
 * (GP-61), and under it each member's assessment: on time, how many scores strayed and how far, and
 * the complaints upheld against the result.
 */
export function EvaluationOversightPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const view = useQuery({ queryKey: ['evaluation-oversight', id], queryFn: () => get<Oversight>(`/api/projects/${id}/evaluation-oversight`), refetchInterval: 15_000 });
  const v = view.data;
  return (
    <ProjectHead projectId={id} title={t('supervision.oversight.title')} intro={v ? t('supervision.oversight.intro', { threshold: Math.round(v.threshold * 100) }) : undefined}>
      {view.error && !v ? (
        <Refusal error={view.error} />
      ) : !v ? (
        <Card loading />
      ) : (
        <>
          <Typography.Text type="secondary">
            {t('supervision.oversight.period')}：{formatTime(v.evaluationStartsAt)} – {formatTime(v.evaluationEndsAt)}
          </Typography.Text>
          {v.lots.map((lot) => {
            const flagged = lot.cells.filter((c) => c.flagged).length;
            return (
              <Card
                key={lot.lotId}
                title={t('supervision.oversight.lot', { no: lot.lotNo, title: lot.title })}
                extra={flagged > 0 && <Tag color="red">{t('supervision.oversight.flaggedCount', { count: flagged })}</Tag>}
                styles={{ header: { whiteSpace: 'normal' } }}
                data-testid="oversight-lot"
              >
                <ScoreMatrix lot={lot} members={v.members} />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('supervision.oversight.assessments')}
                </Typography.Title>
                <AssessmentTable assessments={lot.assessments} name={(personId) => v.members.find((m) => m.personId === personId)?.name ?? personId} />
              </Card>
            );
          })}
        </>
      )}
    </ProjectHead>
  );
}

type MatrixLine = { key: string; bidId: string; supplierName: string; criterion: string; weight: number; span: number };

/** Rows: each bid's criteria; columns: the members. A flagged cell is red, and every compared cell says against what. */
function ScoreMatrix({ lot, members }: { lot: Oversight['lots'][number]; members: Oversight['members'] }) {
  const { t } = useTranslation();
  if (lot.cells.length === 0) return <Empty description={t('supervision.oversight.noScores')} />;
  const cells = new Map(lot.cells.map((c) => [`${c.bidId}|${c.personId}|${c.criterion}`, c]));
  const lines: MatrixLine[] = lot.bids.flatMap((b) => lot.criteria.map((c, i) => ({ key: `${b.bidId}|${c.name}`, bidId: b.bidId, supplierName: b.supplierName, criterion: c.name, weight: c.weight, span: i === 0 ? lot.criteria.length : 0 })));
  const tip = (c: Cell) => (c.othersMedian === null || c.deviation === null ? t('supervision.oversight.cellAlone') : t('supervision.oversight.cellTip', { median: c.othersMedian, deviation: percentOf(c.deviation) }));
  const columns: ColumnsType<MatrixLine> = [
    { key: 'bid', title: t('supervision.oversight.bid'), dataIndex: 'supplierName', fixed: 'left', width: 140, onCell: (l) => ({ rowSpan: l.span }), render: (v: string) => <span style={{ overflowWrap: 'anywhere' }}>{v}</span> },
    { key: 'criterion', title: t('supervision.oversight.criterion'), render: (_, l) => `${l.criterion}（${t('supervision.oversight.weight', { weight: l.weight })}）` },
    ...members.map((m) => ({
      key: m.personId,
      title: (
        <span>
          {m.name}
          {m.kind !== 'expert' && (
            <Tag style={{ marginInlineStart: 4 }}>{t(`supervision.oversight.kind.${m.kind}`, { defaultValue: m.kind })}</Tag>
          )}
        </span>
      ),
      align: 'center' as const,
      onCell: (l: MatrixLine) => {
        const c = cells.get(`${l.bidId}|${m.personId}|${l.criterion}`);
        return (c?.flagged ? { style: FLAGGED, 'data-flagged': 'true', 'data-testid': 'oversight-cell' } : { 'data-testid': 'oversight-cell' }) as object;
      },
      render: (_: unknown, l: MatrixLine) => {
        const c = cells.get(`${l.bidId}|${m.personId}|${l.criterion}`);
        if (!c) return <Typography.Text type="secondary">{t('supervision.oversight.notScored')}</Typography.Text>;
        return (
          <Tooltip title={tip(c)}>
            {/* Focusable, so that a keyboard reaches the tooltip; its text is the cell's name for a screen reader. */}
            <span tabIndex={0} aria-label={`${c.points}：${tip(c)}`} data-testid={c.flagged ? 'flagged-score' : 'score'} style={{ display: 'inline-block', minWidth: 32, cursor: 'help' }}>
              {c.points}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return <Table<MatrixLine> rowKey="key" size="small" bordered pagination={false} scroll={{ x: 'max-content' }} dataSource={lines} columns={columns} data-testid="oversight-matrix" />;
}

/** 专家评价: one line per member (also the expert library's record, with the project instead of the member). */
export function AssessmentTable({ assessments, name }: { assessments: Assessment[]; name: (personId: string) => string }) {
  const { t } = useTranslation();
  return (
    <Table<Assessment>
      rowKey="personId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={assessments}
      onRow={() => ({ 'data-testid': 'assessment-row' }) as object}
      data-testid="assessments"
      columns={[
        { key: 'member', title: t('supervision.oversight.member'), render: (_, a) => name(a.personId) },
        ...assessmentColumns(t),
      ]}
    />
  );
}

/** The figures of an assessment, shared by the oversight page and the expert's record. */
export function assessmentColumns<T extends Assessment>(t: (key: string, options?: Record<string, unknown>) => string): ColumnsType<T> {
  return [
    {
      key: 'timely',
      title: t('supervision.oversight.timely'),
      render: (_, a) =>
        a.timely === null ? <Tag>{t('supervision.oversight.notSubmitted')}</Tag> : a.timely ? <Tag color="green">{t('supervision.oversight.timelyYes')}</Tag> : <Tag color="red">{t('supervision.oversight.timelyNo')}</Tag>,
    },
    { key: 'submittedAt', title: t('supervision.oversight.submittedAt'), render: (_, a) => formatTime(a.submittedAt) },
    { key: 'scoresGiven', title: t('supervision.oversight.scoresGiven'), dataIndex: 'scoresGiven', align: 'right' },
    {
      key: 'deviations',
      title: t('supervision.oversight.deviations'),
      align: 'right',
      onCell: () => ({ 'data-testid': 'assessment-deviations' }) as object,
      render: (_, a) => (a.deviations > 0 ? <Typography.Text type="danger" strong>{a.deviations}</Typography.Text> : a.deviations),
    },
    { key: 'largest', title: t('supervision.oversight.largestDeviation'), align: 'right', onCell: () => ({ 'data-testid': 'assessment-largest' }) as object, render: (_, a) => `${Math.round(a.largestDeviation * 1000) / 10}%` },
    { key: 'complaints', title: t('supervision.oversight.complaintsUpheld'), dataIndex: 'complaintsUpheld', align: 'right' },
  ];
}

/**
 * 专家抽取回放 (GP-43): each round drawn again from its recorded seed and pool, beside the experts the
 * platform drew, with a verdict. The pool says who was recused and why; names come from the committee
 * (those drawn), the others show by their number.
 */
export function DrawReplayPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const replay = useQuery({ queryKey: ['draw-replay', id], queryFn: () => get<Draw[]>(`/api/projects/${id}/committee/replay`) });
  const committee = useQuery({ queryKey: ['committee', id], queryFn: () => get<CommitteeNames | null>(`/api/projects/${id}/committee`) });
  const names = new Map((committee.data?.members ?? []).map((m) => [m.personId, m.displayName ?? '']));
  const who = (personId: string) => names.get(personId) || `#${personId.slice(0, 8)}`;
  const draws = replay.data;
  return (
    <ProjectHead projectId={id} title={t('supervision.replay.title')} intro={t('supervision.replay.intro')}>
      {replay.error ? (
        <Refusal error={replay.error} />
      ) : !draws ? (
        <Card loading />
      ) : draws.length === 0 ? (
        <Empty description={t('supervision.replay.none')} />
      ) : (
        draws.map((d) => {
          const excluded = d.pool.filter((x) => x.reason !== null);
          return (
            <Card
              key={d.round}
              title={`${t('supervision.replay.round', { round: d.round })} · ${t(`evaluation.cause.${d.cause}`, { defaultValue: d.cause })}`}
              extra={
                <Tag color={d.matches ? 'green' : 'red'} style={{ fontSize: 14, paddingInline: 10 }} data-testid="replay-verdict">
                  {d.matches ? t('supervision.replay.matches') : t('supervision.replay.differs')}
                </Tag>
              }
              data-testid="replay-round"
            >
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Alert type={d.matches ? 'success' : 'error'} showIcon title={d.matches ? t('supervision.replay.matchesDetail') : t('supervision.replay.differsDetail')} />
                <Descriptions size="small" column={1} bordered>
                  <Descriptions.Item label={t('supervision.replay.seed')}>
                    <Typography.Text code copyable style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }} data-testid="replay-seed">
                      {d.seed}
                    </Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supervision.replay.excluded')}>
                    <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="replay-pool">
                      {t('supervision.replay.pool', { pool: d.pool.length, excluded: excluded.length, eligible: d.pool.length - excluded.length })}
                    </Typography.Paragraph>
                    {excluded.length === 0 ? (
                      <Typography.Text type="secondary">{t('supervision.replay.noneExcluded')}</Typography.Text>
                    ) : (
                      <Space wrap size={[4, 4]}>
                        {excluded.map((x) => (
                          <Tag key={x.id} data-testid="replay-excluded">
                            {who(x.id)}：{t(`supervision.replay.reasons.${x.reason}`, { defaultValue: x.reason ?? '' })}
                          </Tag>
                        ))}
                      </Space>
                    )}
                  </Descriptions.Item>
                </Descriptions>
                <Row gutter={[16, 16]}>
                  {(['drawn', 'replayed'] as const).map((side) => (
                    <Col xs={24} md={12} key={side}>
                      <List
                        size="small"
                        bordered
                        header={<Typography.Text strong>{t(`supervision.replay.${side}`)}</Typography.Text>}
                        dataSource={d[side]}
                        data-testid={`replay-${side}`}
                        renderItem={(personId, i) => {
                          const differs = (side === 'drawn' ? d.replayed[i] : d.drawn[i]) !== personId;
                          return (
                            <List.Item style={differs ? FLAGGED : undefined}>
                              {i + 1}. {who(personId)}
                            </List.Item>
                          );
                        }}
                      />
                    </Col>
                  ))}
                </Row>
              </Space>
            </Card>
          );
        })
      )}
    </ProjectHead>
  );
}
