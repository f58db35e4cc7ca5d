import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleRef } from '../../components/RuleRef';
import { BidClientError, currentKeyFor, sealWithKeyFile, uploadSealed, type Receipt, type RegisteredBidKey, type SealedBid } from '../../../../src/trading/bids/bid-client';
import { deviceFingerprint, formatFingerprint, generateBidKeyPair, keyFileFingerprint, protectKeyPair, type BidKeyFile } from '../../../../src/trading/bids/sealing';
import { ApiError, api, errorText, get } from '../../api';
import { useAction } from '../../action';
import { formatTime } from '../../format';
import { yuanToFen } from '../../money';
import type { Project } from './types';
import { GuaranteePanel } from '../money/GuaranteePanel';
import { VirtualAccountPanel } from '../money/VirtualAccountPanel';

interface MyBid {
  id: string;
  lotId: string;
  status: string;
  submissionNo: number;
  receivedAt: string;
}

function browserTraits() {
  return {
    userAgent: navigator.userAgent,
    language: navigator.language,
    platform: navigator.platform,
    screen: `${screen.width}x${screen.height}x${screen.colorDepth}`,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    cores: navigator.hardwareConcurrency,
  };
}

function downloadJson(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A refusal in the reader's language, whether the server or this browser made it. */
function refusalText(e: unknown): string {
  return e instanceof BidClientError && e.body?.messages ? errorText(new ApiError(e.body as never)) : errorText(e);
}

/**
 * The supplier's bid wizard: key, price schedule and files, sealed in this browser with the
 * public key in the supplier's own key file, uploaded in resumable chunks.
 */
export function BidPanel({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const call = useAction(['my-bids', project.id]);
  const participation = useQuery({ queryKey: ['participation', project.id], queryFn: () => get<{ documentsObtained: boolean }>(`/api/projects/${project.id}/participation`) });
  const keys = useQuery({ queryKey: ['bid-keys'], queryFn: () => get<RegisteredBidKey[]>('/api/bid-keys') });
  const bids = useQuery({ queryKey: ['my-bids', project.id], queryFn: () => get<MyBid[]>(`/api/projects/${project.id}/my-bids`) });
  const [busy, setBusy] = useState<null | 'key' | 'sealing' | number>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [keyFile, setKeyFile] = useState<{ file: BidKeyFile; fingerprint: string } | null>(null);
  const [newKey, setNewKey] = useState(false);
  // A failed upload is resumed with the same sealed bytes and the same idempotency key.
  const pending = useRef<{ idempotencyKey: string; sealed: SealedBid; lotId: string } | null>(null);
  const key = keys.data?.find((k) => k.revokedAt === null);
  const lot = project.lots[0]!;
  const live = bids.data?.find((b) => b.status === 'submitted');
  // RQ-02: in a request for quotations a supplier quotes once, a price it may not change (even after withdrawing).
  const quoted = project.method === 'rfq' && Boolean(bids.data?.length);

  async function makeKey(values: { passphrase: string; confirm: string }) {
    if (values.passphrase !== values.confirm) return setError(t('password.mismatch'));
    setBusy('key');
    try {
      const pair = await generateBidKeyPair();
      const file = await protectKeyPair(pair, values.passphrase);
      downloadJson(`bid-key-${file.fingerprint.slice(0, 8)}.json`, file);
      await api('POST', '/api/bid-keys', { algorithm: 'RSA-OAEP-SHA256', publicKey: file.publicKey });
      await queryClient.invalidateQueries({ queryKey: ['bid-keys'] });
      setNewKey(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  /** Reads the key file the bid is to be sealed with, shows its fingerprint, and says at once if the platform's current key is another. */
  async function chooseKeyFile(chosen: File) {
    setError(null);
    setKeyFile(null);
    pending.current = null;
    let file: BidKeyFile;
    let fingerprint: string;
    try {
      file = JSON.parse(await chosen.text());
      if (file.format !== 'yiwang-bid-key/1') throw new Error('not a key file');
      fingerprint = await keyFileFingerprint(file);
    } catch {
      return setError(t('trading.keyFileInvalid'));
    }
    setKeyFile({ file, fingerprint });
    try {
      currentKeyFor(fingerprint, keys.data ?? []);
    } catch (e) {
      setError(refusalText(e));
    }
  }

  async function submit(values: { totalPrice: string; deliveryPeriod: string; depositForm: string; depositReference?: string }) {
    setError(null);
    setReceipt(null);
    try {
      if (!pending.current) {
        setBusy('sealing');
        const schedule = {
          lotId: lot.id,
          totalPriceFen: yuanToFen(values.totalPrice),
          deliveryPeriod: values.deliveryPeriod,
          items: [],
          deposit: { form: values.depositForm, reference: values.depositReference || null },
        };
        const parts = [{ name: 'priceSchedule', fileName: '开标一览表.json', bytes: new TextEncoder().encode(JSON.stringify(schedule)) as Uint8Array<ArrayBuffer> }];
        for (const [i, f] of files.entries()) parts.push({ name: `file-${i + 1}`, fileName: f.name, bytes: new Uint8Array(await (f.originFileObj as File).arrayBuffer()) });
        pending.current = { idempotencyKey: crypto.randomUUID(), sealed: await sealWithKeyFile({ baseUrl: '' }, keyFile!.file, parts), lotId: lot.id };
      }
      const { idempotencyKey, sealed, lotId } = pending.current;
      setBusy(0);
      const result = await uploadSealed(
        { baseUrl: '', onProgress: (sent, total) => setBusy(Math.floor((sent / total) * 100)) },
        { lotId, sealed, idempotencyKey, deviceFingerprint: await deviceFingerprint(browserTraits()) },
      );
      pending.current = null;
      setReceipt(result);
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: ['my-bids', project.id] });
    } catch (e) {
      // Refusals (deadline passed, invalid bid, not the current key) start over; a network failure keeps the sealed bid for a retry.
      if (e instanceof BidClientError) pending.current = null;
      setError(refusalText(e));
    } finally {
      setBusy(null);
    }
  }

  const withdraw = () => call(() => api('DELETE', `/api/lots/${lot.id}/bids/current`), t('common.done'));

  return (
    <Card title={t('trading.bid')}>
      <Alert type="info" showIcon title={t('trading.recordedNotice')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="bid-error" />}
      {!participation.data?.documentsObtained && project.status === 'published' && <Alert type="warning" showIcon title={t('trading.download') + ' → ' + t('trading.documents')} style={{ marginBottom: 16 }} />}
      {participation.data?.documentsObtained &&
        project.lots.map((l) => (
          <div key={l.id}>
            <VirtualAccountPanel lotId={l.id} depositFen={l.depositFen} />
            <GuaranteePanel lotId={l.id} depositFen={l.depositFen} />
          </div>
        ))}
      <Typography.Title level={5}>{t('trading.bidKey')}</Typography.Title>
      {key && (
        <Typography.Paragraph data-testid="key-ready">
          {t('trading.keyReady', { fingerprint: formatFingerprint(key.fingerprint) })}{' '}
          {!newKey && (
            <Button type="link" size="small" onClick={() => setNewKey(true)} data-testid="new-key">
              {t('trading.newKey')}
            </Button>
          )}
        </Typography.Paragraph>
      )}
      {(!key || newKey) && (
        <Form layout="inline" onFinish={makeKey} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary" style={{ width: '100%' }}>
            {key ? t('trading.newKeyNotice') : t('trading.noKey')}
          </Typography.Paragraph>
          <Form.Item name="passphrase" rules={[{ required: true, min: 8 }]}>
            <Input.Password placeholder={t('trading.passphrase')} data-testid="key-passphrase" />
          </Form.Item>
          <Form.Item name="confirm" rules={[{ required: true }]}>
            <Input.Password placeholder={t('password.confirm')} data-testid="key-passphrase-confirm" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'key'} data-testid="generate-key">
            {t('trading.generateKey')}
          </Button>
        </Form>
      )}
      {quoted && project.status === 'published' && (
        <Alert type="info" showIcon title={t('trading.quotedOnce')} description={<RuleRef id="RQ-02" />} style={{ marginBottom: 16 }} data-testid="quoted-once" />
      )}
      {key && participation.data?.documentsObtained && project.status === 'published' && !quoted && (
        <Form layout="vertical" onFinish={submit} initialValues={{ depositForm: 'guarantee', deliveryPeriod: '合同签订后45日' }} style={{ maxWidth: 640 }}>
          <Space wrap>
            <Form.Item name="totalPrice" label={t('trading.totalPrice')} rules={[{ required: true }]}>
              <InputNumber stringMode precision={2} min="0.01" style={{ width: 200 }} data-testid="total-price" />
            </Form.Item>
            <Form.Item name="deliveryPeriod" label={t('trading.deliveryPeriod')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="depositForm" label={t('trading.depositForm')}>
              <Select style={{ width: 160 }} options={['transfer', 'guarantee', 'exempt'].map((f) => ({ value: f, label: t(`trading.depositForms.${f}`) }))} />
            </Form.Item>
            <Form.Item name="depositReference" label={t('trading.depositReference')}>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item label={t('trading.sealingKeyFile')} required extra={t('trading.sealingKeyFileHelp')}>
            <Upload
              accept=".json,application/json"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void chooseKeyFile(file);
                return false;
              }}
              data-testid="bid-key-file"
            >
              <Button>{t('trading.keyFile')}</Button>
            </Upload>
            {keyFile && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, wordBreak: 'break-word' }} data-testid="key-file-fingerprint">
                {t('trading.keyFileFingerprint', { fingerprint: formatFingerprint(keyFile.fingerprint) })}
              </Typography.Paragraph>
            )}
          </Form.Item>
          <Form.Item label={t('trading.responseFiles')}>
            <Upload accept="application/pdf" multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="response-files">
              <Button>{t('trading.responseFiles')}</Button>
            </Upload>
          </Form.Item>
          {typeof busy === 'number' && <Progress percent={busy} />}
          <Button type="primary" htmlType="submit" loading={busy === 'sealing' || typeof busy === 'number'} disabled={!keyFile} data-testid="submit-bid">
            {live ? t('trading.resubmit') : t('trading.sealAndSubmit')}
          </Button>
        </Form>
      )}
      {receipt && (
        <Descriptions title={t('trading.receipt')} bordered size="small" column={1} style={{ marginTop: 16 }} data-testid="receipt">
          <Descriptions.Item label="ID">{receipt.receipt.bidId}</Descriptions.Item>
          <Descriptions.Item label={t('trading.receivedAt')}>{formatTime(receipt.receipt.receivedAt)}</Descriptions.Item>
          {receipt.receipt.keyFingerprint && (
            <Descriptions.Item label={t('trading.keyFingerprint')}>
              <span data-testid="receipt-key-fingerprint">{formatFingerprint(receipt.receipt.keyFingerprint)}</span>
            </Descriptions.Item>
          )}
          {receipt.receipt.parts.map((p) => (
            <Descriptions.Item key={p.name} label={p.name}>
              SHA-256 {p.sha256} ({p.size} B)
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="Ed25519">
            <Typography.Text copyable style={{ fontSize: 11 }}>{receipt.signature}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('trading.checkpoint')}>
            {t('trading.checkpointDue', { time: formatTime(receipt.timestamp.checkpointDueBy) })}{' '}
            <a href={receipt.timestamp.proofUrl} download={`receipt-proof-${receipt.receipt.bidId}.json`} data-testid="receipt-proof">
              {t('trading.receiptProof')}
            </a>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table<MyBid>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={bids.data ?? []}
        title={() => t('trading.myBids')}
        columns={[
          { title: '#', dataIndex: 'submissionNo' },
          { title: t('trading.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
          { title: t('trading.status'), dataIndex: 'status', render: (s) => <Tag data-testid="my-bid-status">{t(`trading.bidStatus.${s}`)}</Tag> },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, b) => (
              <Space wrap>
                {b.status === 'submitted' && project.status === 'published' && (
                  <Button size="small" danger onClick={() => void withdraw()} data-testid="withdraw-bid">
                    {t('trading.withdraw')}
                  </Button>
                )}
                <a href={`/api/bids/${b.id}/receipt-proof`} download={`receipt-proof-${b.id}.json`}>
                  {t('trading.receiptProof')}
                </a>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
