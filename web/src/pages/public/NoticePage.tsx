import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import type { Notice } from '../trading/types';

interface TimelineStep {
  step: string;
  status: 'done' | 'pending' | 'skipped';
  at: string | null;
  notices: { id: string; noticeType: string; title: string; publishedAt: string; lotId: string | null }[];
  records: { lotId: string; lotNo: number }[];
}
interface ProjectTimeline {
  summary: {
    projectId: string;
    projectNumber: string;
    title: string;
    purchaserName: string | null;
    agencyName: string | null;
    budgetFen: number;
    method: string;
    status: string;
    publishedAt: string | null;
    documentsUntil: string | null;
    deadline: string | null;
  };
  steps: TimelineStep[];
}
interface Attachment {
  id: string;
  name: string;
  size: number | null;
  downloads: number;
}

const STEP_COLOURS = { done: 'green', pending: 'gray', skipped: 'gray' } as const;

/**
 * A notice as portals present it (NOTICES.md): 公告概要 first, then the regulated body as frozen at
 * publication, then its attachments, then the project's 项目进度 timeline linking each step's notices.
 */
export function NoticePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const notice = useQuery({ queryKey: ['notice', id], queryFn: () => get<Notice>(`/api/public/notices/${id}`) });
  const projectId = notice.data?.projectId;
  const timeline = useQuery({ queryKey: ['timeline', projectId], queryFn: () => get<ProjectTimeline>(`/api/public/projects/${projectId}/timeline`), enabled: Boolean(projectId) });
  const attachments = useQuery({ queryKey: ['notice-attachments', id], queryFn: () => get<Attachment[]>(`/api/public/notices/${id}/attachments`) });
  if (notice.error) return <Alert type="error" title={errorText(notice.error)} />;
  if (!notice.data) return <Card loading />;
  const n = notice.data;
  const s = timeline.data?.summary;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0, whiteSpace: 'normal' }}>{n.title}</Typography.Title>}>
        <section aria-labelledby="notice-summary">
          <Typography.Title level={2} id="notice-summary" style={{ fontSize: 16 }}>
            {t('noticePage.summary')}
          </Typography.Title>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="notice-summary">
            <Descriptions.Item label={t('trading.noticeType')}>
              <Tag>{t(`trading.noticeTypes.${n.noticeType}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('noticePage.publishedAt')}>{formatTime(n.publishedAt)}</Descriptions.Item>
            {s && (
              <>
                <Descriptions.Item label={t('trading.projectNumber')}>{s.projectNumber}</Descriptions.Item>
                <Descriptions.Item label={t('trading.projectTitle')}>
                  <Link to={`/projects/${s.projectId}`} data-testid="notice-project">
                    {s.title}
                  </Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('noticePage.purchaser')}>{s.purchaserName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('noticePage.agency')}>{s.agencyName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('noticePage.budget')}>{`${formatYuan(s.budgetFen)} 元`}</Descriptions.Item>
                <Descriptions.Item label={t('trading.method')}>{t(`trading.methods.${s.method}`)}</Descriptions.Item>
                {s.documentsUntil && <Descriptions.Item label={t('trading.documentsUntil')}>{formatTime(s.documentsUntil)}</Descriptions.Item>}
                {s.deadline && <Descriptions.Item label={t('trading.deadline')}>{formatTime(s.deadline)}</Descriptions.Item>}
              </>
            )}
            <Descriptions.Item label="SHA-256">
              <Typography.Text style={{ wordBreak: 'break-all', fontSize: 12 }}>{n.contentHash}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </section>
        <section aria-labelledby="notice-body" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="notice-body" style={{ fontSize: 16 }}>
            {t('noticePage.body')}
          </Typography.Title>
          {/* The notice's HTML was rendered and escaped by the platform when it was published, then frozen. Wide tables scroll inside. */}
          <div className="notice-body" style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: n.renderedHtml }} />
        </section>
        <section aria-labelledby="notice-attachments" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="notice-attachments" style={{ fontSize: 16 }}>
            {t('noticePage.attachments')}
          </Typography.Title>
          {attachments.data?.length ? (
            <List
              size="small"
              dataSource={attachments.data}
              renderItem={(a) => (
                <List.Item>
                  <a href={`/api/public/notices/${n.id}/attachments/${encodeURIComponent(a.id)}`} download={a.name} data-testid="notice-attachment">
                    {a.name}
                  </a>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t('noticePage.downloadTimes', { count: a.downloads })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('noticePage.noAttachments')}</Typography.Text>
          )}
        </section>
      </Card>
      {timeline.data && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('noticePage.timeline')}</Typography.Title>}>
          <Timeline
            data-testid="project-timeline"
            items={timeline.data.steps.map((step) => ({
              color: STEP_COLOURS[step.status],
              children: (
                <div>
                  <Typography.Text strong={step.status === 'done'} type={step.status === 'done' ? undefined : 'secondary'}>
                    {t(`noticePage.steps.${step.step}`)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {step.at ? formatTime(step.at) : t(`noticePage.stepStatus.${step.status}`)}
                  </Typography.Text>
                  {step.notices.length > 0 && (
                    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                      {step.notices.map((x) => (
                        <li key={x.id}>
                          {x.id === n.id ? (
                            <Typography.Text aria-current="page">{x.title}</Typography.Text>
                          ) : (
                            <Link to={`/notices/${x.id}`} data-testid={`timeline-${step.step}`}>
                              {x.title}
                            </Link>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                  {step.step === 'openingRecord' && step.records.length > 0 && step.notices.length === 0 && (
                    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                      {step.records.map((r) => (
                        <li key={r.lotId}>
                          <Link to={`/workspace/openings/${timeline.data.summary.projectId}`}>{t('noticePage.openingRecordOfLot', { lotNo: r.lotNo })}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
