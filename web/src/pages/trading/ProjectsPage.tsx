import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { PROJECT_STATUS_COLOURS, type Project } from './types';

export function ProjectsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope = (params.get('scope') ?? 'mine') as 'mine' | 'public' | 'region';
  const projects = useQuery({ queryKey: ['projects', scope], queryFn: () => get<Project[]>(`/api/projects?scope=${scope}`) });
  // The supervision dashboard opens this list narrowed to a trading type or a method; each narrowing shows as a tag to close.
  const category = params.get('category');
  const method = params.get('method');
  const rows = projects.data?.filter((p) => (!category || p.category === category) && (!method || p.method === method));
  const clear = (key: string) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Card title={t(scope === 'public' ? 'trading.nav.hall' : 'trading.nav.projects')}>
      {(category || method) && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="project-filters">
          {category && (
            <Tag closable onClose={() => clear('category')}>
              {t(`supervision.category.${category}`, { defaultValue: category })}
            </Tag>
          )}
          {method && (
            <Tag closable onClose={() => clear('method')}>
              {t(`trading.methods.${method}`, { defaultValue: method })}
            </Tag>
          )}
        </Space>
      )}
      <Table<Project>
        rowKey="id"
        loading={projects.isLoading}
        dataSource={rows}
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
