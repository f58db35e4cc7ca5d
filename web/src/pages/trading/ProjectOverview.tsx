import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, List, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { MethodSteps } from './PublicityCard';
import { PROJECT_STATUS_COLOURS, type Notice, type Project } from './types';

/** What anyone may read about a published project: its facts and its lots. */
export function ProjectOverview({ project: p, extra }: { project: Project; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card title={p.title} extra={extra}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('trading.projectNumber')}>{p.projectNumber}</Descriptions.Item>
        <Descriptions.Item label={t('trading.status')}>
          <Tag color={PROJECT_STATUS_COLOURS[p.status]} data-testid="project-status">
            {t(`trading.projectStatus.${p.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('trading.method')}>{t(`trading.methods.${p.method}`)}</Descriptions.Item>
        {p.category === 'works' && p.method === 'openTender' && <Descriptions.Item label={t('prequalification.mode')}>{t(p.prequalification ? 'prequalification.title' : 'prequalification.postReview')}</Descriptions.Item>}
        <Descriptions.Item label={t('trading.deadline')}>{formatTime(p.deadline)}</Descriptions.Item>
        <Descriptions.Item label="OCID">{p.ocid}</Descriptions.Item>
        <Descriptions.Item label={t('trading.documentsUntil')}>{formatTime(p.documentsUntil)}</Descriptions.Item>
        <Descriptions.Item label={t('trading.description')} span={{ xs: 1, md: 2 }}>
          {p.description}
        </Descriptions.Item>
      </Descriptions>
      {p.steps && (
        <div style={{ margin: '16px 0', overflowX: 'auto' }}>
          <MethodSteps steps={p.steps} />
        </div>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.lots}
        columns={[
          { title: t('trading.lot'), dataIndex: 'lotNo' },
          { title: t('trading.lotTitle'), dataIndex: 'title' },
          { title: t('trading.budget'), dataIndex: 'budgetFen', align: 'right', render: formatYuan },
          { title: t('trading.deposit'), dataIndex: 'depositFen', align: 'right', render: formatYuan },
          { title: t('trading.evaluationMethod'), dataIndex: 'evaluationMethod', render: (m) => t(`trading.evaluationMethods.${m}`) },
          { title: t('trading.smeMeasure'), key: 'sme', render: (_, l) => `${t(`trading.smeMeasures.${l.sme.measure}`)}${l.sme.deductionBp ? ` ${l.sme.deductionBp / 100}%` : ''}` },
          {
            title: t('trading.status'),
            dataIndex: 'status',
            render: (s, l) => (
              <>
                {t(`trading.lotStatus.${s}`)}
                {l.failureReason && `（${l.failureReason}）`}
                {l.failureRuleId && <RuleRef id={l.failureRuleId} />}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The notices a project has published, newest last, each linking to its page. */
export function ProjectNotices({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const notices = useQuery({ queryKey: ['project-notices', projectId], queryFn: () => get<Notice[]>(`/api/public/projects/${projectId}/notices`) });
  return (
    <Card title={t('trading.notices')}>
      <List
        dataSource={notices.data ?? []}
        renderItem={(n) => (
          <List.Item>
            <Space wrap>
              <Tag>{t(`trading.noticeTypes.${n.noticeType}`)}</Tag>
              <Link to={`/notices/${n.id}`}>{n.title}</Link>
              <Typography.Text type="secondary">{formatTime(n.publishedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
