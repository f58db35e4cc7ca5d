import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAction } from '../../action';
import { dateStringField, enterPicksDateOnly } from '../../forms';
import { useCalendar, type StoredSchedule } from '../public/calendar-data';
import { ScheduleTable } from '../public/ScheduleTable';

/** The operator enters next year's State Council schedule; a year in use is never rewritten. */
export function CalendarAdminPage() {
  const { t } = useTranslation();
  const call = useAction(['calendar']);
  const data = useCalendar();
  const [form] = Form.useForm();
  if (!data.data) return <Card loading />;
  const { coveredThrough, schedules, today } = data.data;
  const nextYear = (coveredThrough ?? Number(today.slice(0, 4)) - 1) + 1;
  const missingSoon = nextYear <= Number(today.slice(0, 4)) + 1 && today.slice(5) >= '10-01';

  async function save(values: { source: string; holidays: StoredSchedule['holidays']; makeupWorkdays: string[] }) {
    const saved = await call(() => api('PUT', `/api/calendar/schedules/${nextYear}`, { ...values, holidays: values.holidays ?? [], makeupWorkdays: values.makeupWorkdays ?? [], revision: 0 }), t('common.saved'));
    if (saved) form.resetFields();
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {missingSoon && <Alert type="warning" showIcon title={t('calendar.nextYearMissing', { year: nextYear })} />}
      <Card title={t('calendar.addYear', { year: nextYear })}>
        <Form form={form} layout="vertical" onFinish={save} {...enterPicksDateOnly} style={{ maxWidth: 720 }}>
          <Form.Item name="source" label={t('calendar.source')} rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={`国务院办公厅关于${nextYear}年部分节假日安排的通知（国办发明电〔${nextYear - 1}〕X号）`} />
          </Form.Item>
          <Typography.Text strong>{t('calendar.holidays')}</Typography.Text>
          <Form.List name="holidays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('common.required') }]}>
                      <Input placeholder={t('calendar.holidayName')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: t('common.required') }]} {...dateStringField}>
                      <DatePicker placeholder={t('calendar.from')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'to']} rules={[{ required: true, message: t('common.required') }]} {...dateStringField}>
                      <DatePicker placeholder={t('calendar.to')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('calendar.addHoliday')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Typography.Text strong>{t('calendar.makeupWorkdays')}</Typography.Text>
          <Form.List name="makeupWorkdays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={field.name} rules={[{ required: true, message: t('common.required') }]} {...dateStringField}>
                      <DatePicker />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('calendar.addMakeup')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('calendar.holidays')}>
        <ScheduleTable schedules={schedules} showEnteredAt />
      </Card>
    </Space>
  );
}
