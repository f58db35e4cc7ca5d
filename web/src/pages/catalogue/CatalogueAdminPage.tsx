import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorText, get } from '../../api';
import { formatTime } from '../../format';
import { dateStringField, enterPicksDateOnly } from '../../forms';
import { CATALOGUE_KINDS, CatalogueItemsTable, type CatalogueItem, type CatalogueKind, type CatalogueVersion, type FieldDef, type VersionWithItems } from './catalogue-view';

function FieldInput({ field }: { field: FieldDef }) {
  const { t } = useTranslation();
  switch (field.type) {
    case 'longText':
      return <Input.TextArea rows={3} />;
    case 'select':
      return <Select options={field.options!.map((o) => ({ value: o, label: t(`catalogue.option.${o}`) }))} />;
    case 'multiSelect':
      return <Select mode="multiple" options={field.options!.map((o) => ({ value: o, label: t(`catalogue.option.${o}`) }))} />;
    case 'boolean':
      return <Switch />;
    case 'date':
      return <DatePicker />;
    default:
      return <Input />;
  }
}

function ItemModal({ fields, item, onSave, onCancel }: { fields: FieldDef[]; item: CatalogueItem | null; onSave: (item: CatalogueItem) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Modal open title={item ? t('common.edit') : t('catalogue.addItem')} onCancel={onCancel} onOk={() => form.submit()} width={640} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={item ? { code: item.code, ...item.data } : Object.fromEntries(fields.filter((f) => f.type === 'boolean').map((f) => [f.name, false]))}
        onFinish={({ code, ...data }) => onSave({ code, data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== '')) })}
      >
        <Form.Item name="code" label={t('catalogue.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`catalogue.field.${f.name}`)}
            valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            rules={[{ required: f.required && f.type !== 'boolean', message: t('common.required') }, ...(f.pattern ? [{ pattern: new RegExp(f.pattern), message: f.pattern }] : [])]}
            {...(f.type === 'date' ? dateStringField : {})}
          >
            <FieldInput field={f} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function DraftEditor({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const version = useQuery({ queryKey: ['catalogue-version', id], queryFn: () => get<VersionWithItems>(`/api/catalogues/versions/${id}`) });
  const [items, setItems] = useState<CatalogueItem[]>([]);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const [problems, setProblems] = useState<{ index: number; path: string; message: string }[]>([]);
  const [form] = Form.useForm();
  useEffect(() => {
    if (version.data) {
      setItems(version.data.items);
      form.setFieldsValue({ title: version.data.title, effectiveFrom: version.data.effectiveFrom, notes: version.data.notes });
    }
  }, [version.data, form]);
  if (!version.data) return <Card loading />;
  const draft = version.data.status === 'draft';

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['catalogue-version', id] }), queryClient.invalidateQueries({ queryKey: ['catalogue-versions'] })]);

  async function save(): Promise<number | null> {
    const header = await form.validateFields();
    try {
      const saved = await api<{ revision: number }>('PUT', `/api/catalogues/versions/${id}`, { ...header, notes: header.notes || null, revision: version.data!.revision, items });
      setProblems([]);
      message.success(t('common.saved'));
      await refresh();
      return saved.revision;
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.body.details?.problems)) setProblems(error.body.details.problems as never);
      message.error(errorText(error));
      return null;
    }
  }

  function publish() {
    modal.confirm({
      title: t('catalogue.publishConfirm'),
      onOk: async () => {
        const revision = await save();
        if (revision === null) return;
        try {
          await api('POST', `/api/catalogues/versions/${id}/publish`, { revision });
          message.success(t('common.done'));
          await refresh();
          onClose();
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });
  }

  async function discard() {
    try {
      await api('DELETE', `/api/catalogues/versions/${id}`, { revision: version.data!.revision });
      await refresh();
      onClose();
    } catch (error) {
      message.error(errorText(error));
    }
  }

  return (
    <Card
      title={`${t(`catalogueKind.${version.data.kind}`)} · ${t('catalogue.versionNo', { no: version.data.versionNo })}`}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.back')}</Button>
          {draft && (
            <>
              <Button danger onClick={() => void discard()}>
                {t('catalogue.discard')}
              </Button>
              <Button onClick={() => void save()}>{t('common.save')}</Button>
              <Button type="primary" onClick={publish} data-testid="publish-version">
                {t('catalogue.publish')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Form form={form} layout="inline" disabled={!draft} style={{ marginBottom: 16 }}>
        <Form.Item name="title" label={t('catalogue.title')} rules={[{ required: true }]}>
          <Input style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('catalogue.effectiveFrom')} rules={[{ required: true }]} {...dateStringField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="notes" label={t('catalogue.notes')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <Alert type="error" style={{ marginBottom: 16 }} title={problems.map((p) => t('catalogue.itemProblems', { index: p.index + 1, path: p.path, message: p.message })).join('；')} />
      )}
      {draft && (
        <Button style={{ marginBottom: 16 }} onClick={() => setEditing({ index: null })}>
          {t('catalogue.addItem')}
        </Button>
      )}
      <CatalogueItemsTable
        version={{ ...version.data, items }}
        actions={
          draft
            ? (_, index) => (
                <Space>
                  <a onClick={() => setEditing({ index })}>{t('common.edit')}</a>
                  <a onClick={() => setItems(items.filter((__, i) => i !== index))}>{t('common.delete')}</a>
                </Space>
              )
            : undefined
        }
      />
      {editing && (
        <ItemModal
          fields={version.data.fields}
          item={editing.index === null ? null : items[editing.index]!}
          onCancel={() => setEditing(null)}
          onSave={(item) => {
            setItems(editing.index === null ? [...items, item] : items.map((it, i) => (i === editing.index ? item : it)));
            setEditing(null);
          }}
        />
      )}
    </Card>
  );
}

export function CatalogueAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CatalogueKind>('tradingCatalogue');
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const versions = useQuery({ queryKey: ['catalogue-versions', kind], queryFn: () => get<CatalogueVersion[]>(`/api/catalogues/${kind}/versions`) });

  async function createDraft(values: { title: string; effectiveFrom: string; notes?: string }) {
    try {
      const draft = await api<CatalogueVersion>('POST', `/api/catalogues/${kind}/versions`, { ...values, notes: values.notes || null });
      setCreating(false);
      await queryClient.invalidateQueries({ queryKey: ['catalogue-versions', kind] });
      setOpen(draft.id);
    } catch (error) {
      message.error(errorText(error));
    }
  }

  if (open) return <DraftEditor id={open} onClose={() => setOpen(null)} />;
  return (
    <Card
      title={t('nav.catalogueAdmin')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('catalogue.newDraft')}
        </Button>
      }
    >
      <Tabs activeKey={kind} onChange={(k) => setKind(k as CatalogueKind)} items={CATALOGUE_KINDS.map((k) => ({ key: k, label: t(`catalogueKind.${k}`) }))} />
      <Table<CatalogueVersion>
        rowKey="id"
        loading={versions.isLoading}
        dataSource={versions.data}
        pagination={false}
        columns={[
          { title: t('catalogue.version'), dataIndex: 'versionNo', render: (no) => t('catalogue.versionNo', { no }) },
          { title: t('catalogue.title'), dataIndex: 'title' },
          { title: t('catalogue.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('common.status'), dataIndex: 'status', render: (s) => <Tag color={s === 'draft' ? 'gold' : 'green'}>{t(`catalogue.${s}`)}</Tag> },
          { title: t('catalogue.publishedAt'), dataIndex: 'publishedAt', render: formatTime },
          { title: t('common.actions'), key: 'a', render: (_, v) => <a onClick={() => setOpen(v.id)}>{v.status === 'draft' ? t('catalogue.editDraft') : t('common.detail')}</a> },
        ]}
      />
      <Modal open={creating} title={t('catalogue.newDraft')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={createDraft} {...enterPicksDateOnly} initialValues={{ title: t(`catalogueKind.${kind}`) }}>
          <Form.Item name="title" label={t('catalogue.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('catalogue.effectiveFrom')} rules={[{ required: true }]} {...dateStringField}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="notes" label={t('catalogue.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
