import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Tabs, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { unlockKeyFile, unwrapContentKey, type BidKeyFile } from '../../../../src/trading/bids/sealing';
import { api, errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatDuration, formatTime } from '../../format';
import { formatYuan } from '../../money';
import { may, type Project } from './types';
import { DepositStatusTag, type DepositStatusView } from '../money/VirtualAccountPanel';

interface Entry {
  bidId: string;
  supplierName: string;
  status: string;
  receivedAt: string;
  totalPriceFen: number | null;
  deliveryPeriod: string | null;
  deposit: { form: string; reference?: string | null } | null;
  depositStatus: DepositStatusView | null;
  remark: string | null;
  mine: boolean;
  signoff: { agreed: boolean; objection: string | null } | null;
}
interface Record_ {
  lot: { id: string; lotNo: number; title: string; status: string; failureRuleId: string | null; failureReason: string | null };
  opening: { status: 'decrypting' | 'closed' | 'failed'; decryptionEndsAt: string | null; closedAt: string | null; recordSha256: string | null; recordFinalizedAt: string | null } | null;
  now: string;
  entries: Entry[];
}

/** 开标大厅: the live opening record of each lot, decryption for bidders, sign-off, finalisation. */
export function OpeningPage() {
  const { t } = useTranslation();
  const { projectId } = useParams();
  const project = useQuery({ queryKey: ['project', projectId], queryFn: () => get<Project>(`/api/public/projects/${projectId}`) });
  if (!project.data) return <Card loading />;
  return (
    <Card title={`${t('trading.opening')} · ${project.data.title}`}>
      <Tabs items={project.data.lots.map((l) => ({ key: l.id, label: `${t('trading.lot')} ${l.lotNo}`, children: <LotRoom lotId={l.id} project={project.data} /> }))} />
    </Card>
  );
}

function useCountdown(until: string | null, serverNow: string) {
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!until) return;
    const tick = () => setLeft(Math.max(0, new Date(until).getTime() - (Date.now() + offset)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until, offset]);
  return left;
}

function LotRoom({ lotId, project }: { lotId: string; project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Live for everyone in the room: refreshed every two seconds.
  const record = useQuery({ queryKey: ['opening', lotId], queryFn: () => get<Record_>(`/api/lots/${lotId}/opening`), refetchInterval: 2000 });
  const [keyFile, setKeyFile] = useState<BidKeyFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const r = record.data;
  const left = useCountdown(r?.opening?.decryptionEndsAt ?? null, r?.now ?? new Date().toISOString());
  if (!r) return <Card loading />;
  const mine = r.entries.find((e) => e.mine);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['opening', lotId] });

  async function decrypt(values: { passphrase: string }) {
    setBusy(true);
    setResult(null);
    try {
      const privateKey = await unlockKeyFile(keyFile!, values.passphrase).catch(() => {
        throw new Error(t('trading.passphrase') + ' ✗');
      });
      const myBids = await get<{ id: string; lotId: string; status: string; wrappedKey: string }[]>(`/api/projects/${project.id}/my-bids`);
      const bid = myBids.find((b) => b.lotId === lotId && b.status === 'submitted')!;
      const contentKey = await unwrapContentKey(privateKey, bid.wrappedKey);
      const res = await api<{ status: string; totalPriceFen: number | null }>('POST', `/api/lots/${lotId}/bids/${bid.id}/decryption`, { contentKey });
      setResult(res.totalPriceFen !== null ? t('trading.preview', { price: formatYuan(res.totalPriceFen) }) : t(`trading.bidStatus.${res.status}`));
      await refresh();
    } catch (e) {
      message.error(e instanceof Error && !('body' in e) ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function sign(agreed: boolean, objection?: string) {
    try {
      await api('POST', `/api/lots/${lotId}/opening/signoffs`, { agreed, objection: objection ?? null });
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  }

  async function finalize() {
    try {
      await api('POST', `/api/lots/${lotId}/opening/finalization`);
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('trading.lotTitle')}>{r.lot.title}</Descriptions.Item>
        <Descriptions.Item label={t('trading.status')}>
          <Tag data-testid="opening-status">{t(`trading.lotStatus.${r.lot.status}`)}</Tag>
        </Descriptions.Item>
        {r.opening?.status === 'decrypting' && (
          <Descriptions.Item label={t('trading.decryptionEnds')}>
            <span data-testid="decryption-ends">
              {formatTime(r.opening.decryptionEndsAt)}{' '}
              <Tag color="orange" data-testid="decryption-countdown">
                {t('trading.timeLeft', { time: formatDuration(left) })}
              </Tag>
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.lot.failureReason && (
        <Alert
          type="error"
          showIcon
          title={
            <>
              {r.lot.failureReason} {r.lot.failureRuleId && <RuleRef id={r.lot.failureRuleId} />}
            </>
          }
        />
      )}
      {r.opening?.status === 'decrypting' && <Alert type="info" showIcon title={t('trading.pricesAfterDecryption')} />}
      {mine?.status === 'submitted' && r.opening?.status === 'decrypting' && (
        <Card size="small" title={t('trading.decrypt')}>
          <Form layout="inline" onFinish={decrypt}>
            <Form.Item label={t('trading.keyFile')}>
              <Upload
                accept=".json,application/json"
                maxCount={1}
                beforeUpload={(file) => {
                  void file.text().then((text) => setKeyFile(JSON.parse(text)));
                  return false;
                }}
                data-testid="key-file"
              >
                <Button>{t('trading.keyFile')}</Button>
              </Upload>
            </Form.Item>
            <Form.Item name="passphrase" rules={[{ required: true }]}>
              <Input.Password placeholder={t('trading.passphrase')} data-testid="decrypt-passphrase" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!keyFile} data-testid="decrypt-submit">
              {t('trading.decrypt')}
            </Button>
          </Form>
        </Card>
      )}
      {result && <Alert type="success" showIcon title={result} data-testid="decrypt-result" />}
      <Table<Entry>
        rowKey="bidId"
        pagination={false}
        dataSource={r.entries}
        data-testid="opening-record"
        columns={[
          { title: t('trading.bidder'), dataIndex: 'supplierName' },
          { title: t('trading.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
          { title: t('trading.status'), dataIndex: 'status', render: (s) => t(`trading.bidStatus.${s}`) },
          { title: t('trading.price'), dataIndex: 'totalPriceFen', align: 'right', render: (v) => (v === null ? '—' : formatYuan(v)) },
          { title: t('trading.deliveryPeriod'), dataIndex: 'deliveryPeriod' },
          { title: t('trading.depositForm'), dataIndex: 'deposit', render: (d) => (d ? `${t(`trading.depositForms.${d.form}`)} ${d.reference ?? ''}` : '') },
          { title: t('trading.depositStatus.title'), dataIndex: 'depositStatus', render: (s, e) => <DepositStatusTag value={s} declaredForm={e.deposit?.form} /> },
          { title: t('trading.remark'), dataIndex: 'remark' },
          { title: t('trading.signoff'), dataIndex: 'signoff', render: (s) => (s ? (s.agreed ? t('trading.signed') : `${t('trading.object')}：${s.objection}`) : '') },
        ]}
      />
      {mine && !mine.signoff && r.opening?.status === 'closed' && !r.opening.recordFinalizedAt && (
        <Space>
          <Button type="primary" onClick={() => void sign(true)} data-testid="sign-record">
            {t('trading.agree')}
          </Button>
          <Button
            danger
            onClick={() => {
              const objection = window.prompt(t('trading.objection'));
              if (objection) void sign(false, objection);
            }}
          >
            {t('trading.object')}
          </Button>
        </Space>
      )}
      {may(project, 'finalizeOpeningRecord') && r.opening?.status === 'closed' && !r.opening.recordFinalizedAt && (
        <Button onClick={() => void finalize()} data-testid="finalize-record">
          {t('trading.finalizeRecord')}
        </Button>
      )}
      {r.opening?.recordSha256 && (
        <a href={`/api/public/lots/${lotId}/opening/record.pdf`} target="_blank" rel="noreferrer" data-testid="record-pdf">
          {t('trading.recordPdf', { sha: r.opening.recordSha256.slice(0, 16) + '…' })}
        </a>
      )}
    </Space>
  );
}
