import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import { formatTime } from '../../format';
import type { Notice } from '../trading/types';

const TYPES = ['intention', 'prequalification', 'tender', 'singleSource', 'correction', 'openingRecord', 'failure', 'termination', 'award', 'contract', 'acceptance'];
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
