import { SearchOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
// The input alone: antd's Input also brings its text area, password, OTP and search boxes, which the search form does not use.
import Input from 'antd/es/input/Input';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The portal's search box: a labelled search landmark that opens the notice list with ?q=… (shareable). */
export function NoticeSearch({ size = 'large' }: { size?: 'large' | 'middle' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const id = useId();
  return (
    <form
      role="search"
      aria-label={t('portal.search.label')}
      data-testid="home-search"
      onSubmit={(e) => {
        e.preventDefault();
        const keyword = q.trim();
        navigate(keyword ? `/notices?q=${encodeURIComponent(keyword)}` : '/notices');
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('portal.search.label')}
      </label>
      <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
        <Input id={id} name="q" type="search" size={size} value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('portal.search.placeholder')} maxLength={100} data-testid="home-search-input" />
        <Button type="primary" htmlType="submit" size={size} icon={<SearchOutlined />} data-testid="home-search-submit">
          {t('portal.search.submit')}
        </Button>
      </Space.Compact>
    </form>
  );
}
