import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import type { Project } from '../trading/types';
import { beijingClock, beijingDate, HALF_HOURS, instantOf, type Booking, type Venue } from './venue-types';

/** 场地预约: those running a project book an opening or evaluation room for it and see their bookings. */
export function BookingsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const call = useAction(['bookings']);
  const bookings = useQuery({ queryKey: ['bookings'], queryFn: () => get<Booking[]>('/api/bookings') });
  const venues = useQuery({ queryKey: ['venues'], queryFn: () => get<Venue[]>('/api/venues') });
  const projects = useQuery({ queryKey: ['projects', 'mine'], queryFn: () => get<Project[]>('/api/projects?scope=mine') });
  const purpose = Form.useWatch('purpose', form) as Venue['kind'] | undefined;
  const live = (projects.data ?? []).filter((p) => !['failed', 'closed'].includes(p.status));

  async function book(values: { projectId: string; purpose: Venue['kind']; venueId: string; date: string; from: string; to: string }) {
    const done = await call(
      () => api('POST', `/api/projects/${values.projectId}/bookings`, { venueId: values.venueId, purpose: values.purpose, startsAt: instantOf(values.date, values.from), endsAt: instantOf(values.date, values.to) }),
      t('venues.booked'),
    );
    if (done) form.resetFields(['venueId', 'from', 'to']);
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('venues.bookingsTitle')}>
        <Typography.Paragraph type="secondary">{t('venues.bookingsIntro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={book} style={{ maxWidth: 560 }} initialValues={{ purpose: 'opening' }}>
          <Form.Item name="projectId" label={t('venues.project')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={live.map((p) => ({ value: p.id, label: `${p.projectNumber} ${p.title}` }))} />
          </Form.Item>
          <Form.Item name="purpose" label={t('venues.purpose')} rules={[{ required: true }]}>
            <Select options={[{ value: 'opening', label: t('venues.opening') }, { value: 'evaluation', label: t('venues.evaluation') }]} />
          </Form.Item>
          <Form.Item name="venueId" label={t('venues.room')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={(venues.data ?? []).filter((v) => !purpose || v.kind === purpose).map((v) => ({ value: v.id, label: `${v.centreName} · ${v.name}（${v.capacity}）` }))} />
          </Form.Item>
          <Form.Item name="date" label={t('venues.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
            <Input type="date" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="from" label={t('venues.from')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch style={{ width: 120 }} options={HALF_HOURS.map((h) => ({ value: h, label: h }))} />
            </Form.Item>
            <Form.Item name="to" label={t('venues.to')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch style={{ width: 120 }} options={HALF_HOURS.map((h) => ({ value: h, label: h }))} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" data-testid="book-submit">
            {t('venues.book')}
          </Button>
        </Form>
      </Card>
      <Card title={t('venues.bookingsNav')}>
        <List
          loading={bookings.isLoading}
          locale={{ emptyText: t('venues.none') }}
          dataSource={bookings.data ?? []}
          renderItem={(b) => (
            <List.Item
              actions={
                b.status === 'booked'
                  ? [
                      <Button key="cancel" size="small" danger onClick={() => call(() => api('POST', `/api/bookings/${b.id}/cancellation`), t('common.saved'))}>
                        {t('venues.cancel')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{`${b.venue.name} · ${beijingDate(b.startsAt)} ${beijingClock(b.startsAt)}–${beijingClock(b.endsAt)}`}</span>
                    <Tag color={b.status === 'booked' ? 'green' : 'default'}>{b.status === 'booked' ? t('venues.statusBooked') : t('venues.statusCancelled')}</Tag>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <span>{`${b.projectNumber} ${b.projectTitle} · ${b.purpose === 'opening' ? t('venues.opening') : t('venues.evaluation')}`}</span>
                    <span>{`${t('venues.witness')}：${b.witnessName ?? t('venues.noWitness')}`}</span>
                    {b.cancelReason && <span>{t(`venues.cancelReason.${b.cancelReason}`)}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
