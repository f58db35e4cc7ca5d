import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { ScreeningWarningList, type ScreeningWarning } from './ScreeningWarnings';

interface QueueItem {
  projectId: string;
  projectNumber: string;
  title: string;
  publishedAt: string;
  warnings: ScreeningWarning[];
}

/**
 * 筛查警示: the notices of the reader's region published although the compliance check warned, newest
 * first; each opens to its warnings (the clause with the phrase marked, the rule, where it is) and links
 * to its project. Without the screeningQueue function the server's refusal shows instead.
 */
export function ScreeningQueuePage() {
  const { t } = useTranslation();
  const queue = useQuery({ queryKey: ['screening-queue'], queryFn: () => get<QueueItem[]>('/api/supervision/screening-queue') });
  const items = queue.data ?? [];
  return (
    <Card title={t('supervision.screening.queueTitle')} data-testid="screening-queue">
      <Typography.Paragraph type="secondary">{t('supervision.screening.queueIntro')}</Typography.Paragraph>
      {queue.error ? (
        <Alert type="error" showIcon title={errorText(queue.error)} data-testid="page-error" />
      ) : queue.isLoading ? (
        <Card loading variant="borderless" />
      ) : items.length === 0 ? (
        <Empty description={t('supervision.screening.queueNone')} />
      ) : (
        <Collapse
          data-testid="screening-items"
          items={items.map((item) => ({
            key: item.projectId,
            label: (
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }} data-testid="screening-item">
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Typography.Text>
                <Space wrap size={[8, 0]}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.projectNumber} · {t('supervision.screening.publishedAt')} {formatTime(item.publishedAt)}
                  </Typography.Text>
                  <Tag color="orange">{t('supervision.screening.warnings', { count: item.warnings.length })}</Tag>
                  {[...new Set(item.warnings.map((w) => w.code))].map((code) => (
                    <Tag key={code}>{code}</Tag>
                  ))}
                </Space>
              </Space>
            ),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Link to={`/workspace/projects/${item.projectId}`} data-testid="screening-project-link">
                  {t('supervision.screening.project')}：{item.title}
                </Link>
                <ScreeningWarningList warnings={item.warnings} />
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
