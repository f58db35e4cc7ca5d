import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorText } from '../../api';
import { fetchSession, useSession } from '../../session';
import { PasswordChangeForm } from './PasswordChangeForm';

/** Password, then (for privileged roles) the second factor, then a forced password change if due. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After signing in: a page of the workspace, or the portal's page that finishes a sub-platform's
  // single sign-on (served by the server, so reached by a full page load).
  const asked = params.get('next');
  const next = asked?.startsWith('/workspace') || (asked && /^\/sso\/interaction\/[\w-]+$/.test(asked)) ? asked : '/workspace';
  const go = (to: string) => (to.startsWith('/sso/') ? window.location.assign(to) : void navigate(to));

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: ['session'] });
    const current = await queryClient.fetchQuery({ queryKey: ['session'], queryFn: fetchSession });
    if (current?.stage === 'active' && !current.mustChangePassword) go(next);
  }

  async function submit(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const step = !session ? 'password' : session.stage === 'secondFactor' ? (session.secondFactorEnrolled ? 'code' : 'enroll') : session.mustChangePassword ? 'changePassword' : 'done';
  if (step === 'done') {
    go(next);
    return null;
  }

  return (
    <Card style={{ maxWidth: 440, margin: '48px auto' }} title={t(step === 'password' ? 'login.title' : step === 'changePassword' ? 'login.changePasswordTitle' : step === 'enroll' ? 'login.enrollTitle' : 'login.secondFactorTitle')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      {step === 'password' && (
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => submit(() => api('POST', '/api/session', v))}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {t('login.noAccount')} <Link to="/register">{t('login.register')}</Link>
          </Typography.Paragraph>
        </Form>
      )}
      {step === 'enroll' && <Enrollment onVerify={(code) => submit(() => api('POST', '/api/session/second-factor', { code }))} busy={busy} />}
      {step === 'code' && <CodeForm hint={t('login.secondFactorHint')} busy={busy} onVerify={(code) => submit(() => api('POST', '/api/session/second-factor', { code }))} />}
      {step === 'changePassword' && (
        <>
          <Typography.Paragraph type="secondary">{t('login.changePasswordHint')}</Typography.Paragraph>
          {/* The form reports with antd's message, whose provider only the pages that use it load. */}
          <App component={false}>
            <PasswordChangeForm onChanged={() => void refresh()} />
          </App>
        </>
      )}
    </Card>
  );
}

function CodeForm({ hint, busy, onVerify }: { hint: string; busy: boolean; onVerify: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <Form layout="vertical" onFinish={(v: { code: string }) => onVerify(v.code)}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form.Item name="code" label={t('login.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.secondFactorHint') }]}>
        <Input.OTP length={6} data-testid="totp-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-submit">
        {t('login.verify')}
      </Button>
    </Form>
  );
}

function Enrollment({ busy, onVerify }: { busy: boolean; onVerify: (code: string) => void }) {
  const { t } = useTranslation();
  const enrollment = useQuery({ queryKey: ['enrollment'], queryFn: () => api<{ secret: string; uri: string }>('POST', '/api/session/second-factor/enrollment'), staleTime: Infinity });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('login.enrollHint')}</Typography.Paragraph>
      {enrollment.data && (
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          <QRCode value={enrollment.data.uri} />
          <Typography.Text copyable code data-testid="totp-secret">
            {enrollment.data.secret}
          </Typography.Text>
        </Space>
      )}
      <CodeForm hint="" busy={busy} onVerify={onVerify} />
    </Space>
  );
}
