import { Alert, Badge, Button, Calendar, Card, Col, DatePicker, Form, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from '../../dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get } from '../../api';
import { useCalendar } from './calendar-data';
import { ScheduleTable } from './ScheduleTable';

const KIND_COLOURS = { holiday: 'red', makeupWorkday: 'orange', weekend: 'default', workday: 'green' } as const;

export function CalendarPage() {
  const { t } = useTranslation();
  const data = useCalendar();
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!data.data) return <Card loading />;
  const { calendar, coveredThrough, schedules, today } = data.data;

  async function count(values: { from: Dayjs; days: number; unit: 'days' | 'workingDays' }) {
    setError(null);
    setResult(null);
    try {
      const r = await get<{ end: string; periodEnd: string; days: number; unit: string }>(`/api/public/calendar/count?from=${values.from.format('YYYY-MM-DD')}&days=${values.days}&unit=${values.unit}`);
      const unit = t(values.unit === 'days' ? 'calendar.unitDays' : 'calendar.unitWorkingDays');
      setResult(`${t('calendar.countResult', { days: r.days, unit, end: r.end })}${values.unit === 'days' ? `；${t('calendar.periodEnd', { date: r.periodEnd })}` : ''}`);
    } catch (e) {
      setError(errorText(e));
    }
  }

  const dayCell = (date: Dayjs) => {
    try {
      const info = calendar.dayInfo(date.format('YYYY-MM-DD'));
      if (info.kind === 'workday') return null;
      return <Badge color={KIND_COLOURS[info.kind]} text={info.holidayName ?? t(`calendar.${info.kind}`)} />;
    } catch {
      return null;
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('calendar.title')}>
        <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
        <Tag color="blue" data-testid="covered-through">
          {coveredThrough ? t('calendar.coveredThrough', { year: coveredThrough }) : t('calendar.notCovered', { year: Number(today.slice(0, 4)) })}
        </Tag>
        <Row gutter={24} style={{ marginTop: 16 }}>
          <Col xs={24} lg={14}>
            <Calendar
              fullscreen={false}
              defaultValue={dayjs(today)}
              cellRender={(d, info) => (info.type === 'date' ? dayCell(d) : null)}
              // Its own header, so that the year and month pickers carry names a screen reader can read out.
              headerRender={({ value, onChange }) => (
                <Space style={{ padding: 8 }}>
                  <Select
                    aria-label={t('portal.calendarYear')}
                    value={value.year()}
                    onChange={(y) => onChange(value.year(y))}
                    options={Array.from({ length: 5 }, (_, i) => Number(today.slice(0, 4)) - 2 + i).map((y) => ({ value: y, label: String(y) }))}
                  />
                  <Select aria-label={t('portal.calendarMonth')} value={value.month()} onChange={(m) => onChange(value.month(m))} options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: value.month(m).format('MMM') }))} />
                </Space>
              )}
            />
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('calendar.countTitle')}>
              <Form layout="vertical" initialValues={{ from: dayjs(today), days: 5, unit: 'workingDays' }} onFinish={count}>
                <Form.Item name="from" label={t('calendar.countFrom')}>
                  <DatePicker allowClear={false} />
                </Form.Item>
                <Form.Item name="days" label={t('calendar.countDays')}>
                  <InputNumber min={0} max={400} />
                </Form.Item>
                <Form.Item name="unit">
                  <Radio.Group
                    options={[
                      { value: 'workingDays', label: t('calendar.unitWorkingDays') },
                      { value: 'days', label: t('calendar.unitDays') },
                    ]}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('calendar.compute')}
                </Button>
              </Form>
              {result && <Alert style={{ marginTop: 16 }} type="success" title={result} data-testid="count-result" />}
              {error && <Alert style={{ marginTop: 16 }} type="warning" title={error} />}
            </Card>
          </Col>
        </Row>
      </Card>
      <Card title={t('calendar.holidays')}>
        <ScheduleTable schedules={schedules} />
      </Card>
    </Space>
  );
}

