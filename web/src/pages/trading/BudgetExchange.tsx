import { Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api';
import { useAction } from '../../action';

/**
 * The built-in file exchange with the budget system (budget-exchange/1): paste the lines it issued
 * (idempotent on their lineId), and download what plans, contracts and payments did with them.
 */
export function BudgetExchangeButtons() {
  const { t } = useTranslation();
  const call = useAction(['budget-lines']);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function importFile() {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setError(t('budgetExchange.badJson'));
      return;
    }
    setError(null);
    let result = { created: 0, linked: 0, unchanged: 0 };
    if (await call(async () => (result = await api('POST', '/api/budget-lines/import', body)))) {
      setOpen(false);
      setText('');
      Modal.info({ title: t('budgetExchange.import'), content: t('budgetExchange.imported', result) });
    }
  }

  async function exportFile() {
    await call(async () => {
      const flows = await get<unknown>('/api/budget-lines/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(flows, null, 2)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'budget-exchange.json' });
      a.click();
      URL.revokeObjectURL(url);
    });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('budgetExchange.import')}</Button>
      <Button onClick={exportFile}>{t('budgetExchange.export')}</Button>
      <Modal open={open} title={t('budgetExchange.import')} width={720} onCancel={() => setOpen(false)} onOk={importFile}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('budgetExchange.importHint')}</Typography.Paragraph>
          <Input.TextArea rows={12} value={text} onChange={(e) => setText(e.target.value)} style={{ fontFamily: 'monospace' }} />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Space>
      </Modal>
    </>
  );
}
