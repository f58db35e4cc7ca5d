import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button type="text" icon={<TranslationOutlined />} data-testid="language-switch" onClick={() => void setLanguage(i18n.language === 'en-US' ? 'zh-CN' : 'en-US')}>
      {t('nav.language')}
    </Button>
  );
}
