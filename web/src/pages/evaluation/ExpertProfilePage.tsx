import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import dayjs from '../../dayjs';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../action';
import { api, errorText, get } from '../../api';
import { enterPicksDateOnly } from '../../forms';
import { hasRole, useSession } from '../../session';
import { assessmentColumns, type Assessment } from '../supervision/OversightPages';
import { SpecialitySelect, useSpecialityName } from './specialities';

interface Expert {
  personId: string;
  displayName: string | null;
  regionCode: string;
  employerEntityId: string | null;
  employerName: string;
  title: string;
  specialities: string[];
  status: 'active' | 'suspended' | 'debarred';
  statusReason: string | null;
  unavailableDates: string[];
  declaredConflicts: string[];
  revision: number;
}

/** The expert keeps its own profile: employer, specialities, dates it cannot evaluate, declared conflicts. */
export function ExpertProfilePage() {
  const { t } = useTranslation();
  const call = useAction(['expert-me']);
  const me = useQuery({ queryKey: ['expert-me'], queryFn: () => get<Expert | null>('/api/experts/me') });
  const entities = useQuery({ queryKey: ['expert-entities'], queryFn: () => get<{ id: string; name: string }[]>('/api/experts/entity-choices') });
  if (me.isLoading) return <Card loading />;
  const e = me.data;
  const save = (values: { employerName: string; employerEntityId?: string; title: string; specialities: string[]; unavailableDates?: dayjs.Dayjs[]; declaredConflicts?: string[] }) =>
    call(
      () =>
        api('PUT', '/api/experts/me', {
          employerName: values.employerName,
          employerEntityId: values.employerEntityId ?? null,
          title: values.title,
          specialities: values.specialities,
          unavailableDates: (values.unavailableDates ?? []).map((d) => d.format('YYYY-MM-DD')),
          declaredConflicts: values.declaredConflicts ?? [],
          revision: e?.revision ?? 0,
        }),
      t('common.done'),
    );
  const entityOptions = (entities.data ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <Card title={t('evaluation.nav.expertProfile')} extra={e && <Tag>{t(`evaluation.expertStatus.${e.status}`)}</Tag>}>
      <Form
        layout="vertical"
        style={{ maxWidth: 640 }}
        onFinish={save}
        {...enterPicksDateOnly}
        initialValues={e ? { ...e, unavailableDates: e.unavailableDates.map((d) => dayjs(d)), employerEntityId: e.employerEntityId ?? undefined } : { specialities: [] }}
      >
        <Form.Item name="employerName" label={t('evaluation.employer')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="employerEntityId" label={t('evaluation.employerEntity')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={entityOptions} />
        </Form.Item>
        <Form.Item name="title" label={t('evaluation.title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="specialities" label={t('evaluation.specialities')} rules={[{ required: true }]}>
          <SpecialitySelect />
        </Form.Item>
        <Form.Item name="unavailableDates" label={t('evaluation.unavailableDates')}>
          <DatePicker multiple />
        </Form.Item>
        <Form.Item name="declaredConflicts" label={t('evaluation.conflicts')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={entityOptions} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('evaluation.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The expert library of the region (operator and supervisors); the operator suspends, debars or restores. */
export function ExpertsPage() {
  const { t } = useTranslation();
  const call = useAction(['experts']);
  const { data: session } = useSession();
  const specialityName = useSpecialityName();
  const experts = useQuery({ queryKey: ['experts'], queryFn: () => get<Expert[]>('/api/experts') });
  const [changes, setChanges] = useState<Record<string, { status: Expert['status']; reason: string }>>({});
  const [record, setRecord] = useState<Expert | null>(null);
  const operator = hasRole(session, ['operator']);
  async function save(e: Expert) {
    if (!(await call(() => api('PUT', `/api/experts/${e.personId}/status`, { ...changes[e.personId], revision: e.revision })))) return;
    const { [e.personId]: _done, ...rest } = changes;
    setChanges(rest);
  }
  return (
    <Card title={t('evaluation.nav.experts')}>
      <Table
        rowKey="personId"
        size="small"
        scroll={{ x: 'max-content' }}
        data-testid="experts-table"
        // The region's library on one page as it grows past ten (the demo's has twenty); larger ones page by fifty.
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        loading={experts.isLoading}
        dataSource={experts.data ?? []}
        columns={[
          { title: t('common.name'), dataIndex: 'displayName' },
          { title: t('evaluation.employer'), dataIndex: 'employerName' },
          { title: t('evaluation.title'), dataIndex: 'title' },
          { title: t('evaluation.specialities'), dataIndex: 'specialities', render: (s: string[]) => s.map((x) => <Tag key={x}>{specialityName(x)}</Tag>) },
          {
            title: t('supervision.expertRecord.open'),
            key: 'record',
            render: (_, e) => (
              <Button size="small" type="link" onClick={() => setRecord(e)} data-testid="expert-record">
                {t('supervision.expertRecord.open')}
              </Button>
            ),
          },
          {
            title: t('trading.status'),
            key: 'status',
            render: (_, e) => {
              const change = changes[e.personId];
              if (!operator) return <Tag color={e.status === 'active' ? 'green' : 'red'}>{t(`evaluation.expertStatus.${e.status}`)}</Tag>;
              return (
                <Space>
                  <Select
                    size="small"
                    style={{ width: 96 }}
                    value={change?.status ?? e.status}
                    onChange={(status) => setChanges({ ...changes, [e.personId]: { status, reason: change?.reason ?? '' } })}
                    options={(['active', 'suspended', 'debarred'] as const).map((s) => ({ value: s, label: t(`evaluation.expertStatus.${s}`) }))}
                  />
                  {change && (
                    <>
                      <Input size="small" style={{ width: 200 }} placeholder={t('evaluation.statusReason')} value={change.reason} onChange={(ev) => setChanges({ ...changes, [e.personId]: { ...change, reason: ev.target.value } })} />
                      <Button size="small" type="primary" onClick={() => save(e)}>
                        {t('evaluation.save')}
                      </Button>
                    </>
                  )}
                  {!change && e.statusReason && <Typography.Text type="secondary">{e.statusReason}</Typography.Text>}
                </Space>
              );
            },
          },
        ]}
      />
      <ExpertRecordDrawer expert={record} onClose={() => setRecord(null)} />
    </Card>
  );
}

interface AssessmentRecord extends Assessment {
  projectId: string;
  projectNumber: string;
  title: string;
  lotNo: number;
}

/**
 * 专家评价记录: an expert's assessment in every evaluation it sat on, newest first (timeliness,
 * deviations, complaints upheld), read before suspending or debarring it.
 */
function ExpertRecordDrawer({ expert, onClose }: { expert: Expert | null; onClose: () => void }) {
  const { t } = useTranslation();
  const records = useQuery({ queryKey: ['expert-assessments', expert?.personId], queryFn: () => get<AssessmentRecord[]>(`/api/experts/${expert!.personId}/assessments`), enabled: Boolean(expert) });
  return (
    <Drawer open={Boolean(expert)} onClose={onClose} size={Math.min(720, window.innerWidth)} title={expert && t('supervision.expertRecord.title', { name: expert.displayName ?? '' })} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('supervision.expertRecord.intro')}</Typography.Paragraph>
      {records.error ? (
        <Alert type="error" showIcon title={errorText(records.error)} />
      ) : (
        <Table<AssessmentRecord>
          rowKey={(r) => `${r.projectId}|${r.lotNo}`}
          size="small"
          pagination={false}
          loading={records.isLoading}
          scroll={{ x: 'max-content' }}
          dataSource={records.data ?? []}
          locale={{ emptyText: t('supervision.expertRecord.none') }}
          data-testid="expert-assessments"
          columns={[
            {
              key: 'project',
              title: t('supervision.expertRecord.project'),
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <span style={{ overflowWrap: 'anywhere' }}>{r.title}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.projectNumber} · {t('supervision.expertRecord.lot', { no: r.lotNo })}
                  </Typography.Text>
                </Space>
              ),
            },
            ...assessmentColumns<AssessmentRecord>(t),
          ]}
        />
      )}
    </Drawer>
  );
}
