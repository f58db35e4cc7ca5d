import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PasswordChangeForm } from './PasswordChangeForm';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.changePassword')}>
      <PasswordChangeForm onChanged={() => undefined} />
    </Card>
  );
}
