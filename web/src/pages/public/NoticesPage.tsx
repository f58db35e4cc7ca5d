import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import type { Notice, Project } from '../trading/types';

const TYPES = ['intention', 'tender', 'correction', 'openingRecord', 'failure', 'award', 'contract'];
const PAGE_SIZE = 10;

export function NoticesPage() {
  const { t } = useTranslation();
  const [type, setType] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const notices = useQuery({ queryKey: ['notices', type, page], queryFn: () => get<{ total: number; items: Notice[] }>(`/api/public/notices?page=${page}&pageSize=${PAGE_SIZE}${type ? `&noticeType=${type}` : ''}`) });
  return (
    <Card
      title={t('trading.noticeList')}
      extra={
        <Select
          allowClear
          placeholder={t('trading.noticeType')}
          aria-label={t('trading.noticeType')}
          data-testid="notice-type-filter"
          style={{ width: 140 }}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage(1);
          }}
          options={TYPES.map((v) => ({ value: v, label: t(`trading.noticeTypes.${v}`) }))}
        />
      }
    >
      <Table<Notice>
        rowKey="id"
        dataSource={notices.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: notices.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('catalogue.title'), dataIndex: 'title', render: (title, n) => <Link to={`/notices/${n.id}`}>{title}</Link> },
          { title: t('trading.noticeType'), dataIndex: 'noticeType', render: (v) => <Tag>{t(`trading.noticeTypes.${v}`)}</Tag> },
          { title: t('trading.publishedAt'), dataIndex: 'publishedAt', render: formatTime },
        ]}
      />
    </Card>
  );
}

export function NoticePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const notice = useQuery({ queryKey: ['notice', id], queryFn: () => get<Notice>(`/api/public/notices/${id}`) });
  const projectId = notice.data?.projectId;
  // The project's name for the link: a notice's project is published, so anyone may read it.
  const project = useQuery({ queryKey: ['project', projectId], queryFn: () => get<Project>(`/api/public/projects/${projectId}`), enabled: Boolean(projectId) });
  if (!notice.data) return <Card loading />;
  const n = notice.data;
  return (
    <Card title={n.title}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('trading.noticeType')}>{t(`trading.noticeTypes.${n.noticeType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('trading.publishedAt')}>{formatTime(n.publishedAt)}</Descriptions.Item>
        {project.data && (
          <Descriptions.Item label={t('trading.projectTitle')}>
            <Link to={`/projects/${project.data.id}`} data-testid="notice-project">
              {project.data.title}
            </Link>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="SHA-256">
          {n.contentHash}
        </Descriptions.Item>
      </Descriptions>
      {/* The notice's HTML was rendered and escaped by the platform when it was published, then frozen. Wide tables scroll inside. */}
      <div className="notice-body" style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: n.renderedHtml }} />
    </Card>
  );
}
