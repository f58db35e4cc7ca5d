import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { PROJECT_STATUS_COLOURS, type Project } from './types';

export function ProjectsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const scope = (params.get('scope') ?? 'mine') as 'mine' | 'public' | 'region';
  const projects = useQuery({ queryKey: ['projects', scope], queryFn: () => get<Project[]>(`/api/projects?scope=${scope}`) });
  return (
    <Card title={t(scope === 'public' ? 'trading.nav.hall' : 'trading.nav.projects')}>
      <Table<Project>
        rowKey="id"
        loading={projects.isLoading}
        dataSource={projects.data}
        columns={[
          { title: t('trading.projectNumber'), dataIndex: 'projectNumber', width: 190 },
          { title: t('trading.projectTitle'), dataIndex: 'title', render: (title, p) => <Link to={`/workspace/projects/${p.id}`}>{title}</Link> },
          { title: t('trading.method'), dataIndex: 'method', render: (m) => t(`trading.methods.${m}`) },
          { title: t('trading.budget'), key: 'budget', align: 'right', render: (_, p) => formatYuan(p.lots.reduce((s, l) => s + l.budgetFen, 0)) },
          { title: t('trading.deadline'), dataIndex: 'deadline', render: formatTime },
          { title: t('trading.status'), dataIndex: 'status', render: (s) => <Tag color={PROJECT_STATUS_COLOURS[s]}>{t(`trading.projectStatus.${s}`)}</Tag> },
        ]}
      />
    </Card>
  );
}
