import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorText, showFieldErrors } from '../../api';

export function PasswordChangeForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  async function submit(values: { currentPassword: string; newPassword: string }) {
    try {
      await api('POST', '/api/session/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      onChanged();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={<Typography.Text type="secondary">{t('login.policyHint')}</Typography.Text>} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('common.submit')}
      </Button>
    </Form>
  );
}
