import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText, get } from '../../api';
import { useSession } from '../../session';
import { ProjectNotices, ProjectOverview } from '../trading/ProjectOverview';
import { ProjectTimelineCard, type ProjectTimeline } from './ProjectTimeline';
import type { Project } from '../trading/types';

/** A published project as the public sees it, reached from its notices; those signed in go on to the workspace. */
export function PublicProjectPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const project = useQuery({ queryKey: ['project', id], queryFn: () => get<Project>(`/api/public/projects/${id}`) });
  const timeline = useQuery({ queryKey: ['timeline', id], queryFn: () => get<ProjectTimeline>(`/api/public/projects/${id}/timeline`) });
  const docs = useQuery({ queryKey: ['documents', id], queryFn: () => get<{ id: string; name: string }[]>(`/api/public/projects/${id}/documents`) });
  if (project.error) return <Alert type="error" title={errorText(project.error)} />;
  const p = project.data;
  if (!p) return <Card loading />;
  const workspace = `/workspace/projects/${p.id}`;
  const signedIn = session?.stage === 'active';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ProjectOverview
        project={p}
        extra={
          <Link to={signedIn ? workspace : `/login?next=${encodeURIComponent(workspace)}`}>
            <Button type="primary">{signedIn ? t('trading.openInWorkspace') : t('trading.signInToTakePart')}</Button>
          </Link>
        }
      />
      <Card title={t('trading.documents')}>
        <List dataSource={docs.data ?? []} renderItem={(d) => <List.Item>{d.name}.pdf</List.Item>} />
        {!signedIn && <Typography.Text type="secondary">{t('trading.documentsNeedSignIn')}</Typography.Text>}
      </Card>
      {timeline.data && <ProjectTimelineCard timeline={timeline.data} />}
      <ProjectNotices projectId={p.id} />
    </Space>
  );
}
