import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';
import { hasRole, useSession } from '../../session';

const NUMBER_FIELDS = [
  'passwordMinLength',
  'passwordMinClasses',
  'passwordMaxAgeDays',
  'lockoutThreshold',
  'lockoutWindowMinutes',
  'lockoutMinutes',
  'sourceFailureLimit',
  'sourceWindowMinutes',
  'sourceBlockMinutes',
  'idleTimeoutMinutes',
  'adminIdleTimeoutMinutes',
  'absoluteSessionHours',
] as const;
const ROLES = ['purchaser', 'supplier', 'agency', 'expert', 'authority', 'supervisor', 'treasury', 'operator', 'systemAdmin', 'securityAdmin', 'auditAdmin'];

export function SecurityProfilePage() {
  const { t } = useTranslation();
  const call = useAction(['security-profile']);
  const { data: session } = useSession();
  const editable = hasRole(session, ['securityAdmin']);
  const profile = useQuery({ queryKey: ['security-profile'], queryFn: () => get<{ profile: Record<string, unknown>; revision: number }>('/api/settings/security-profile') });

  const save = (values: Record<string, unknown>) => call(() => api('PUT', '/api/settings/security-profile', { profile: values, revision: profile.data!.revision }), t('common.saved'));

  if (!profile.data) return <Card loading />;
  return (
    <Card title={t('security.title')}>
      <Typography.Paragraph type="secondary">{t('security.intro')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon title={t('security.readOnly')} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" initialValues={profile.data.profile} onFinish={save} disabled={!editable} style={{ maxWidth: 560 }}>
        {NUMBER_FIELDS.map((name) => (
          <Form.Item key={name} name={name} label={t(`security.${name}`)} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item name="secondFactorRoles" label={t('security.secondFactorRoles')}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
