import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { ObjectionForm } from '../trading/PublicityCard';
import type { Notice } from '../trading/types';
import { ProjectTimelineCard, type ProjectTimeline } from './ProjectTimeline';

interface Attachment {
  id: string;
  name: string;
  size: number | null;
  downloads: number;
}

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
      {n.noticeType === 'singleSource' && <ObjectionForm noticeId={n.id} />}
      {timeline.data && <ProjectTimelineCard timeline={timeline.data} currentNoticeId={n.id} />}
    </Space>
  );
}
