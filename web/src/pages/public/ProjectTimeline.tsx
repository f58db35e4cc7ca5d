import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../format';

export interface TimelineStep {
  step: string;
  status: 'done' | 'pending' | 'skipped';
  at: string | null;
  notices: { id: string; noticeType: string; title: string; publishedAt: string; lotId: string | null }[];
  records: { lotId: string; lotNo: number }[];
}
export interface ProjectTimeline {
  summary: {
    projectId: string;
    projectNumber: string;
    ocid: string;
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

const STEP_COLOURS = { done: 'green', pending: 'gray', skipped: 'gray' } as const;

/** 项目进度: the project's steps in order, each linking to the notices that published it (the current one unlinked). */
export function ProjectTimelineCard({ timeline, currentNoticeId }: { timeline: ProjectTimeline; currentNoticeId?: string }) {
  const { t } = useTranslation();
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('noticePage.timeline')}</Typography.Title>}>
      <Timeline
        data-testid="project-timeline"
        items={timeline.steps.map((step) => ({
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
                      {x.id === currentNoticeId ? (
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
                      <Link to={`/workspace/openings/${timeline.summary.projectId}`}>{t('noticePage.openingRecordOfLot', { lotNo: r.lotNo })}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        }))}
      />
      {/* The whole procurement as open data (OCDS record package), for anyone to download without signing in. */}
      <a href={`/api/ocds/records/${encodeURIComponent(timeline.summary.ocid)}`} download={`${timeline.summary.ocid}.json`} data-testid="ocds-record">
        {t('noticePage.ocdsRecord')}
      </a>
    </Card>
  );
}
