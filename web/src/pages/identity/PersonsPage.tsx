import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText, get, showFieldErrors } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { hasRole, useSession, type Role } from '../../session';
import type { Entity, Person } from './types';

const ALL_ROLES: Role[] = ['purchaser', 'supplier', 'agency', 'expert', 'authority', 'supervisor', 'treasury', 'operator', 'systemAdmin', 'securityAdmin', 'auditAdmin'];

export function PersonsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const call = useAction(['persons']);
  const { data: session } = useSession();
  const [creating, setCreating] = useState(false);
  const [editingRoles, setEditingRoles] = useState<Person | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [form] = Form.useForm();
  const persons = useQuery({ queryKey: ['persons'], queryFn: () => get<{ items: Person[] }>('/api/persons') });
  const entities = useQuery({ queryKey: ['entities', 'all-active'], queryFn: () => get<{ items: Entity[] }>('/api/entities?status=active&pageSize=200'), enabled: creating });
  const security = hasRole(session, ['securityAdmin']);
  const system = hasRole(session, ['systemAdmin']);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['persons'] });

  const act = (person: Person, action: string) => call(() => api('POST', `/api/persons/${person.id}/${action}`, { revision: person.revision }), t('common.done'));

  async function create(values: Record<string, string>) {
    try {
      await api('POST', '/api/persons', { ...values, email: values.email || null });
      message.success(t('common.done'));
      setCreating(false);
      form.resetFields();
      await refresh();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    }
  }

  async function saveRoles() {
    if (editingRoles && (await call(() => api('PUT', `/api/persons/${editingRoles.id}/roles`, { roles, revision: editingRoles.revision }), t('common.done')))) setEditingRoles(null);
  }

  const confirm = (person: Person, action: string, label: string) => modal.confirm({ title: `${label}：${person.displayName}（${person.username}）`, onOk: () => act(person, action) });
  const self = (p: Person) => p.id === session?.person.id;

  return (
    <Card
      title={t('persons.title')}
      extra={
        (system || session?.person.isEntityAdmin) && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('persons.create')}
          </Button>
        )
      }
    >
      <Table<Person>
        rowKey="id"
        loading={persons.isLoading}
        dataSource={persons.data?.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('persons.username'), dataIndex: 'username' },
          { title: t('persons.displayName'), dataIndex: 'displayName', render: (v, p) => <>{v} {p.isEntityAdmin && <Tag>{t('persons.entityAdmin')}</Tag>}</> },
          { title: t('persons.entity'), dataIndex: 'entityName' },
          { title: t('persons.roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
          { title: t('persons.secondFactor'), dataIndex: 'secondFactorEnrolled', render: (v) => (v ? t('persons.enrolled') : t('persons.notEnrolled')) },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (v, p) => (
              <>
                <Tag color={v === 'active' ? 'green' : 'default'}>{t(`personStatus.${v}`)}</Tag>
                {p.lockedUntil && <Tag color="red">{t('persons.lockedUntil', { time: formatTime(p.lockedUntil) })}</Tag>}
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, p) =>
              self(p) ? null : (
                <Space wrap>
                  {(security || session?.person.isEntityAdmin) && (
                    <Button size="small" onClick={() => (setEditingRoles(p), setRoles(p.roles as Role[]))}>
                      {t('persons.setRoles')}
                    </Button>
                  )}
                  {(system || session?.person.isEntityAdmin) &&
                    (p.status === 'active' ? (
                      <Button size="small" danger onClick={() => confirm(p, 'disable', t('persons.disable'))}>
                        {t('persons.disable')}
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => void act(p, 'enable')}>
                        {t('persons.enable')}
                      </Button>
                    ))}
                  {security && (
                    <>
                      {p.lockedUntil && (
                        <Button size="small" onClick={() => void act(p, 'unlock')}>
                          {t('persons.unlock')}
                        </Button>
                      )}
                      {p.secondFactorEnrolled && (
                        <Button size="small" onClick={() => confirm(p, 'reset-second-factor', t('persons.resetSecondFactor'))}>
                          {t('persons.resetSecondFactor')}
                        </Button>
                      )}
                    </>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal open={creating} title={t('persons.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        {system && <Typography.Paragraph type="secondary">{t('persons.rolesHint')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ entityId: session?.entity.id }}>
          <Form.Item name="entityId" label={t('persons.entity')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
          <Form.Item name="username" label={t('register.username')} extra={t('register.usernameHint')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="mobile" label={t('register.mobile')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('register.contactEmail')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('persons.initialPassword')} extra={t('persons.initialPasswordHint')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={Boolean(editingRoles)} title={`${t('persons.setRoles')}：${editingRoles?.displayName ?? ''}`} onCancel={() => setEditingRoles(null)} onOk={() => void saveRoles()}>
        <Checkbox.Group value={roles} onChange={(v) => setRoles(v as Role[])} options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Modal>
    </Card>
  );
}
