import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format';
import type { StoredSchedule } from './calendar-data';

/** The entered holiday schedules, newest year first. */
export function ScheduleTable({ schedules, showEnteredAt = false }: { schedules: StoredSchedule[]; showEnteredAt?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="year"
      size="small"
      pagination={false}
      dataSource={[...schedules].reverse()}
      columns={[
        { title: t('calendar.year'), dataIndex: 'year', width: 80 },
        { title: t('calendar.holidays'), key: 'h', render: (_, s) => s.holidays.map((h) => <Tag key={h.from}>{`${h.name} ${h.from}~${h.to}`}</Tag>) },
        { title: t('calendar.makeupWorkdays'), key: 'm', render: (_, s) => s.makeupWorkdays.map((d) => <Tag key={d} color="orange">{d}</Tag>) },
        { title: t('calendar.source'), dataIndex: 'source', ellipsis: true },
        ...(showEnteredAt ? [{ title: t('calendar.enteredAt'), dataIndex: 'enteredAt', render: formatTime }] : []),
      ]}
    />
  );
}
