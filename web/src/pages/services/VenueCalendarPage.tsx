import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Form, Grid, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { beijingClock, beijingDate, instantOf, type CalendarBooking, type Venue, type WitnessRecord } from './venue-types';

const DAY = 86_400_000;
const todayInBeijing = () => beijingDate(new Date().toISOString());
const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);

/** 场地日历: each room × the week's days with its bookings as blocks (a list per room on a phone); a booking opens its witness panel. */
export function VenueCalendarPage() {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [from, setFrom] = useState(todayInBeijing());
  const [open, setOpen] = useState<CalendarBooking | null>(null);
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  const data = useQuery({
    queryKey: ['venue-calendar', from],
    queryFn: () => get<{ venues: Venue[]; bookings: CalendarBooking[] }>(`/api/venue-calendar?from=${encodeURIComponent(instantOf(from, '00:00'))}&days=7`),
  });
  const venues = data.data?.venues ?? [];
  const bookings = data.data?.bookings ?? [];
  const block = (b: CalendarBooking) => (
    <button
      key={b.id}
      type="button"
      data-booking={b.id}
      onClick={() => setOpen(b)}
      aria-label={`${b.venue.name} ${beijingDate(b.startsAt)} ${beijingClock(b.startsAt)}–${beijingClock(b.endsAt)} ${b.projectTitle}`}
      style={{ display: 'block', width: '100%', textAlign: 'left', margin: '2px 0', padding: '4px 6px', border: 0, borderRadius: 4, cursor: 'pointer', background: b.purpose === 'opening' ? '#e6f4ff' : '#f6ffed', borderLeft: `3px solid ${b.purpose === 'opening' ? '#1677ff' : '#52c41a'}` }}
    >
      <div style={{ fontWeight: 600 }}>{`${beijingClock(b.startsAt)}–${beijingClock(b.endsAt)}`}</div>
      <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>{b.projectTitle}</div>
      <div style={{ fontSize: 12, color: '#666' }}>{`${t('venues.witness')}：${b.witnessName ?? t('venues.noWitness')}${b.witnessSigned ? ` · ${t('venues.signed')}` : ''}`}</div>
    </button>
  );

  return (
    <Card
      title={t('venues.calendarTitle')}
      extra={
        <Space wrap>
          <Button size="small" onClick={() => setFrom(addDays(from, -7))}>
            {t('venues.previous')}
          </Button>
          <Input type="date" size="small" aria-label={t('venues.date')} value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} style={{ width: 150 }} />
          <Button size="small" onClick={() => setFrom(addDays(from, 7))}>
            {t('venues.next')}
          </Button>
        </Space>
      }
      loading={data.isLoading}
    >
      <Typography.Paragraph type="secondary">{t('venues.calendarIntro')}</Typography.Paragraph>
      {phone ? (
        venues.map((v) => {
          const mine = bookings.filter((b) => b.venue.id === v.id);
          return (
            <Card key={v.id} size="small" title={`${v.name}`} extra={<Tag>{t(`venues.kind.${v.kind}`)}</Tag>} style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{v.centreName}</Typography.Text>
              {mine.length ? mine.map((b) => <div key={b.id}><Typography.Text strong>{beijingDate(b.startsAt)}</Typography.Text>{block(b)}</div>) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('venues.none')} />}
            </Card>
          );
        })
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', minWidth: 900 }}>
            <thead>
              <tr>
                <th style={{ width: 180, textAlign: 'left', padding: 6 }}>{t('venues.room')}</th>
                {days.map((d) => (
                  <th key={d} style={{ textAlign: 'left', padding: 6, borderLeft: '1px solid #f0f0f0' }}>
                    {d.slice(5)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {venues.map((v) => (
                <tr key={v.id} data-venue={v.name} style={{ borderTop: '1px solid #f0f0f0', verticalAlign: 'top' }}>
                  <td style={{ padding: 6 }}>
                    <div style={{ fontWeight: 600 }}>{v.name}</div>
                    <div style={{ fontSize: 12, color: '#666' }}>{`${v.centreName} · ${t(`venues.kind.${v.kind}`)} · ${v.capacity}`}</div>
                  </td>
                  {days.map((d) => (
                    <td key={d} style={{ padding: 4, borderLeft: '1px solid #f0f0f0' }}>
                      {bookings.filter((b) => b.venue.id === v.id && beijingDate(b.startsAt) === d).map(block)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={t('venues.witnessRecord')} width={phone ? '100%' : 520} destroyOnHidden>
        {open && <WitnessPanel booking={open} />}
      </Drawer>
    </Card>
  );
}

function WitnessPanel({ booking }: { booking: CalendarBooking }) {
  const { t } = useTranslation();
  const call = useAction(['venue-calendar'], ['witness', booking.id]);
  const record = useQuery({ queryKey: ['witness', booking.id], queryFn: () => get<WitnessRecord>(`/api/bookings/${booking.id}/witness`) });
  const staff = useQuery({ queryKey: ['witness-candidates'], queryFn: () => get<{ personId: string; displayName: string }[]>('/api/witness-candidates') });
  const session = useQuery({ queryKey: ['session'], queryFn: () => get<{ person: { id: string } }>('/api/session') });
  const [assignForm] = Form.useForm();
  const [recordForm] = Form.useForm();
  const r = record.data;
  if (!r) return <Card loading />;
  const mine = r.witnessPersonId !== null && r.witnessPersonId === session.data?.person.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('venues.room')}>{`${r.centreName} · ${r.venueName}`}</Descriptions.Item>
        <Descriptions.Item label={t('venues.project')}>{`${booking.projectNumber} ${booking.projectTitle}`}</Descriptions.Item>
        <Descriptions.Item label={t('venues.purpose')}>{r.purpose === 'opening' ? t('venues.opening') : t('venues.evaluation')}</Descriptions.Item>
        <Descriptions.Item label={t('venues.date')}>{`${beijingDate(r.startsAt)} ${beijingClock(r.startsAt)}–${beijingClock(r.endsAt)}`}</Descriptions.Item>
        <Descriptions.Item label={t('venues.witness')}>{r.witnessName ?? t('venues.noWitness')}</Descriptions.Item>
      </Descriptions>
      {!r.signedAt && (
        <Form form={assignForm} layout="inline" initialValues={{ personId: r.witnessPersonId ?? undefined }} onFinish={(v: { personId: string }) => call(() => api('PUT', `/api/bookings/${booking.id}/witness`, v), t('venues.assigned'))}>
          <Form.Item name="personId" label={t('venues.assignWitness')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" style={{ minWidth: 160 }} options={(staff.data ?? []).map((s) => ({ value: s.personId, label: s.displayName }))} />
          </Form.Item>
          <Button htmlType="submit" data-testid="assign-witness">
            {t('venues.assign')}
          </Button>
        </Form>
      )}
      {r.signedAt ? (
        <>
          <Alert type="success" showIcon title={`${t('venues.signed')} · ${beijingDate(r.signedAt)} ${beijingClock(r.signedAt)}`} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('venues.attendance')}>
              <List size="small" dataSource={r.attendance} renderItem={(a) => <List.Item>{a}</List.Item>} />
            </Descriptions.Item>
            <Descriptions.Item label={t('venues.incidents')}>{r.incidents}</Descriptions.Item>
            <Descriptions.Item label={t('venues.notes')}>{r.notes}</Descriptions.Item>
          </Descriptions>
        </>
      ) : mine ? (
        <Form
          form={recordForm}
          layout="vertical"
          initialValues={{ attendance: r.attendance.join('\n'), incidents: r.incidents, notes: r.notes }}
          onFinish={(v: { attendance: string; incidents?: string; notes?: string }) =>
            call(() => api('PUT', `/api/bookings/${booking.id}/witness/record`, { revision: r.revision, attendance: v.attendance.split('\n').map((x) => x.trim()).filter(Boolean), incidents: v.incidents ?? '', notes: v.notes ?? '' }), t('common.saved'))
          }
        >
          <Form.Item name="attendance" label={t('venues.attendance')}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name="incidents" label={t('venues.incidents')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="notes" label={t('venues.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Button htmlType="submit" data-testid="save-witness-record">
              {t('venues.save')}
            </Button>
            <Button type="primary" onClick={() => call(() => api('POST', `/api/bookings/${booking.id}/witness/signature`, { revision: r.revision }), t('venues.signed'))}>
              {t('venues.sign')}
            </Button>
          </Space>
        </Form>
      ) : null}
    </Space>
  );
}
