import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorText, get } from '../../api';
import { MY_FUNCTIONS_KEY, SUPERVISION_ROLES, type SupervisionFunction, type SupervisionRole } from '../supervision/functions';
import { inLanguage } from '../supervision/types';

type Roles = Record<SupervisionRole, SupervisionFunction[]>;
interface FunctionSettings {
  functions: { key: SupervisionFunction; name: { 'zh-CN': string; 'en-US': string } }[];
  roles: Roles;
  revision: number;
}
const SETTINGS_KEY = ['supervision-functions'];

/**
 * 监管功能设置 (seed 003, 前台化): the security administrator decides which supervision functions each
 * supervision role has, one checkbox per function and role. Saved at the revision read: someone else's
 * save in between is refused (409) and the page reloads theirs. The server refuses a route whose function
 * the caller's roles lack, and the menus follow.
 */
export function SupervisionFunctionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => get<FunctionSettings>('/api/settings/supervision-functions') });
  const [roles, setRoles] = useState<Roles | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (settings.data) setRoles(settings.data.roles);
  }, [settings.data]);

  if (settings.error) return <Alert type="error" showIcon title={errorText(settings.error)} />;
  const s = settings.data;
  if (!s || !roles) return <Card loading />;
  const changed = SUPERVISION_ROLES.some((r) => [...roles[r]].sort().join() !== [...s.roles[r]].sort().join());

  const toggle = (role: SupervisionRole, fn: SupervisionFunction, on: boolean) => {
    setError(null);
    setRoles({ ...roles, [role]: on ? [...roles[role], fn] : roles[role].filter((f) => f !== fn) });
  };

  async function save() {
    setError(null);
    setSaving(true);
    try {
      const saved = await api<FunctionSettings>('PUT', '/api/settings/supervision-functions', { ...roles, revision: s!.revision });
      queryClient.setQueryData(SETTINGS_KEY, saved);
      // The menus (and pages) of anyone signed in in this browser follow the new setting.
      await queryClient.invalidateQueries({ queryKey: MY_FUNCTIONS_KEY });
      message.success(t('common.saved'));
    } catch (e) {
      // Someone else saved meanwhile: show theirs, the reader decides again.
      if (e instanceof ApiError && e.status === 409) {
        setError(`${errorText(e)} ${t('supervision.functions.reloaded')}`);
        await settings.refetch();
      } else setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('supervision.functions.title')} data-testid="supervision-functions">
      <Typography.Paragraph type="secondary">{t('supervision.functions.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="functions-error" />}
      <Table
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        dataSource={s.functions}
        scroll={{ x: 'max-content' }}
        data-testid="functions-table"
        onRow={(f) => ({ 'data-testid': `function-${f.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('supervision.functions.function'),
            key: 'name',
            render: (_, f) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{inLanguage(f.name, i18n.language)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`supervision.functions.hints.${f.key}`)}
                </Typography.Text>
              </Space>
            ),
          },
          ...SUPERVISION_ROLES.map((role) => ({
            title: t(`supervision.functions.roles.${role}`),
            key: role,
            align: 'center' as const,
            width: 140,
            render: (_: unknown, f: FunctionSettings['functions'][number]) => (
              <Checkbox
                checked={roles[role].includes(f.key)}
                onChange={(e) => toggle(role, f.key, e.target.checked)}
                aria-label={`${t(`supervision.functions.roles.${role}`)} · ${inLanguage(f.name, i18n.language)}`}
                data-testid={`fn-${role}-${f.key}`}
              />
            ),
          })),
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={!changed} data-testid="functions-save">
          {t('common.save')}
        </Button>
        <Button onClick={() => { setError(null); setRoles(s.roles); }} disabled={!changed}>
          {t('common.reset')}
        </Button>
      </Space>
    </Card>
  );
}
