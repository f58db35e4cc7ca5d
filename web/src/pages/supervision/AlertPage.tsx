import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Timeline, Typography, Upload, type UploadFile } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { formatYuan } from '../../money';
import { hasRole, useSession } from '../../session';
import { evidenceOf, MAX_EVIDENCE_FILES, oversizedFile } from '../cases/case-types';
import { AlertStatusTag, ExternalCell, Suppliers } from './AlertsPage';
import { useMyFunctions } from './functions';
import { STRENGTH_COLOURS, creditPath, inLanguage, type AlertAction, type AlertView } from './types';

/** The periods each basis allows (src/supervision/credit/credit.rules.ts MEASURE_PERIODS). */
const MEASURE_BASES = { 'CM-01': { min: 1, max: 3 }, 'CM-02': { min: 1, max: 2 } } as const;
type MeasureBasis = keyof typeof MEASURE_BASES;
/** The order evidence values are shown in; values the server adds later follow, labelled by their key. */
const FIELD_ORDER = ['deviceFingerprint', 'clientIp', 'priceFen', 'files', 'documents', 'contactName', 'contactPhone', 'payerAccounts', 'legalRepresentative', 'creditCode', 'controllerCreditCode'];

const alertKey = (id: string | undefined) => ['alert', id];
interface Assignee {
  id: string;
  displayName: string;
  username: string;
  entityName: string;
}

/**
 * 预警详情: what an indicator found, why it matters and under which rule, the bids it compared with
 * their values (those that matched marked), the investigation so far, and a form for each step the
 * server says the reader may take. A flag for a person, never a verdict: the page says so first.
 */
export function AlertPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const functions = useMyFunctions(session);
  const query = useQuery({ queryKey: alertKey(id), queryFn: () => get<AlertView>(`/api/supervision/alerts/${id}`) });
  const read = query.data;
  if (query.error) return <Alert type="error" showIcon title={errorText(query.error)} data-testid="page-error" />;
  if (!read || !functions.data) return <Card loading />;
  // The server offers the steps of the reader's roles; without the investigation function it would refuse them.
  const a = functions.data.includes('investigation') ? read : { ...read, actions: [] };
  const language = i18n.language;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={[8, 4]}>
            <span data-testid="alert-name">{inLanguage(a.name, language)}</span>
            <AlertStatusTag status={a.status} testId="alert-detail-status" />
            <Tag color={STRENGTH_COLOURS[a.strength]}>{t(`supervision.strength.${a.strength}`)}</Tag>
            {a.gone && <Tag>{t('supervision.alerts.gone')}</Tag>}
          </Space>
        }
        styles={{ header: { whiteSpace: 'normal', paddingBlock: 8 } }}
      >
        <Alert type="warning" showIcon title={t('supervision.alert.disclaimer')} description={t('supervision.alert.disclaimerDetail')} style={{ marginBottom: 16 }} data-testid="alert-disclaimer" />
        {a.gone && <Alert type="info" showIcon title={t('supervision.alert.goneNotice')} style={{ marginBottom: 16 }} />}
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: 'basis', label: t('supervision.alert.basis'), children: <RuleRef id={a.ruleId} />, span: { xs: 1, md: 2 } },
            { key: 'explanation', label: t('supervision.alert.explanation'), children: <span data-testid="alert-explanation">{a.explanation ? inLanguage(a.explanation, language) : '—'}</span>, span: { xs: 1, md: 2 } },
            ...(a.project
              ? [{ key: 'project', label: t('supervision.alerts.project'), children: <Link to={`/workspace/projects/${a.project.id}`} style={{ overflowWrap: 'anywhere' }}>{`${a.project.title}（${a.project.projectNumber}）`}</Link> }]
              : a.external
                ? [{ key: 'project', label: t('supervision.alerts.project'), children: <ExternalCell external={a.external} /> }]
                : []),
            ...(a.lot ? [{ key: 'lot', label: t('supervision.alert.lot'), children: `${t('supervision.alert.lotNo', { no: a.lot.lotNo })} ${a.lot.title}` }] : []),
            { key: 'suppliers', label: t('supervision.alerts.suppliers'), children: <Suppliers a={a} /> },
            { key: 'detectedAt', label: t('supervision.alerts.detectedAt'), children: formatTime(a.detectedAt) },
            { key: 'assignee', label: t('supervision.alert.assignee'), children: <span data-testid="alert-assignee">{a.assignee?.name ?? '—'}</span> },
            ...(a.decision ? [{ key: 'decision', label: t('supervision.alert.decision'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{`${formatTime(a.decision.at)} ${a.decision.reason ?? ''}`}</span> }] : []),
          ]}
        />
      </Card>
      <EvidenceCard a={a} />
      {a.actions.length > 0 ? <ActionsCard a={a} /> : hasRole(session, ['operator']) && !hasRole(session, ['supervisor', 'authority']) && <Alert type="info" showIcon title={t('supervision.alert.readOnly')} />}
      <EventsCard a={a} />
    </Space>
  );
}

/** The matched values, marked, and the bids compared with each one's values in a column (two or three bids read side by side, on a phone too). */
function EvidenceCard({ a }: { a: AlertView }) {
  const { t, i18n } = useTranslation();
  const matched = new Set(a.evidence.matched.map((m) => m.value));
  const keys = [...new Set(a.evidence.bids.flatMap((b) => Object.keys(b.values)))].sort((x, y) => rank(x) - rank(y));
  const show = (key: string, value: string | number | null): ReactNode => {
    if (value === null || value === '') return '—';
    const text = key === 'priceFen' && typeof value === 'number' ? formatYuan(value) : String(value);
    // A value the indicator matched on, or one containing it (a list of accounts, files), is marked.
    const hit = matched.has(String(value)) || [...matched].some((m) => m.length >= 6 && text.includes(m));
    return hit ? (
      <mark className="evidence-hit" data-testid="evidence-hit" style={{ background: '#fff1b8', padding: '0 2px', overflowWrap: 'anywhere' }}>
        {text}
      </mark>
    ) : (
      <span style={{ overflowWrap: 'anywhere' }}>{text}</span>
    );
  };
  const rows = keys.map((key) => ({ key, label: t(`supervision.alert.fields.${key}`, { defaultValue: key }) }));
  return (
    <Card title={t('supervision.alert.matched')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div data-testid="evidence-matched">
          {a.evidence.matched.map((m, i) => (
            <div key={i} style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{inLanguage(m.label, i18n.language)}：</Typography.Text>
              <mark style={{ background: '#fff1b8', padding: '0 4px', fontWeight: 600, overflowWrap: 'anywhere' }}>{m.value}</mark>
            </div>
          ))}
        </div>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('supervision.alert.bids')}
        </Typography.Title>
        <Table
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          data-testid="evidence-bids"
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '', dataIndex: 'label', key: 'label', width: 120, render: (label: string) => <Typography.Text strong>{label}</Typography.Text> },
            ...a.evidence.bids.map((b) => ({
              key: b.bidId,
              title: (
                <Link to={creditPath(b.supplierEntityId)} data-testid="evidence-supplier">
                  {b.supplierName}
                </Link>
              ),
              render: (_: unknown, row: { key: string }) => show(row.key, b.values[row.key] ?? null),
            })),
          ]}
        />
      </Space>
    </Card>
  );
}

const rank = (key: string) => {
  const i = FIELD_ORDER.indexOf(key);
  return i === -1 ? FIELD_ORDER.length : i;
};

/** Whom the alert may be assigned to: asked only of those who may assign it. */
const useAssignees = (a: AlertView) =>
  useQuery({ queryKey: ['alert-assignees', a.id], queryFn: () => get<Assignee[]>(`/api/supervision/alerts/${a.id}/assignees`), enabled: a.actions.includes('assign'), staleTime: 60_000 });

/** The investigation: detection, then each step with who, when, what was said, attachments and any measure. */
function EventsCard({ a }: { a: AlertView }) {
  const { t } = useTranslation();
  const entityName = (id: string) => a.entities.find((e) => e.id === id)?.name ?? id;
  /** An assignment to someone else than its author: "指派给 …" (the server names the assignee in the event). */
  const assignedTo = (e: AlertView['events'][number]) => {
    const name = e.action === 'assign' ? e.detail?.assigneeName : undefined;
    return name && name !== e.by ? name : null;
  };
  return (
    <Card title={t('supervision.alert.timeline')}>
      <Timeline
        data-testid="alert-events"
        items={[
          { key: 'detected', color: 'gray', content: <Typography.Text>{`${formatTime(a.detectedAt)} · ${t('supervision.alert.detected')}`}</Typography.Text> },
          ...a.events.map((e) => ({
            key: e.id,
            color: e.action === 'confirm' ? 'red' : e.action === 'dismiss' ? 'green' : 'blue',
            content: (
              <Space orientation="vertical" size={2} data-testid="alert-event">
                <Typography.Text strong>
                  {assignedTo(e) ? t('supervision.alert.assignedTo', { name: assignedTo(e) }) : t(`supervision.alert.events.${e.action}`, { defaultValue: e.action })}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{` · ${e.by} · ${formatTime(e.at)}`}</Typography.Text>
                </Typography.Text>
                {e.text && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Text>}
                {e.files && e.files.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('supervision.alert.files')}：
                    {e.files.map((f, i) => (
                      <span key={f.sha256}>
                        {i > 0 && '、'}
                        <a href={`/api/supervision/alerts/${a.id}/files/${f.sha256}`} download={f.name} data-testid="event-file" style={{ overflowWrap: 'anywhere' }}>
                          {f.name}
                        </a>
                      </span>
                    ))}
                  </Typography.Text>
                )}
                {e.detail?.measure && (
                  <Typography.Text type="danger" data-testid="event-measure">
                    {t('supervision.alert.measureImposed', { basis: e.detail.measure.ruleId, startsOn: e.detail.measure.startsOn, endsOn: e.detail.measure.endsOn })}：{e.detail.measure.entityIds.map(entityName).join('、')}
                  </Typography.Text>
                )}
              </Space>
            ),
          })),
        ]}
      />
      {a.events.length === 0 && <Typography.Text type="secondary">{t('supervision.alert.noEvents')}</Typography.Text>}
    </Card>
  );
}

interface StepValues {
  text?: string;
  measure?: boolean;
  ruleId?: MeasureBasis;
  years?: number;
  entityIds?: string[];
}

/** The steps the server allows now, each a button; the chosen one opens its form. Errors show in the card, in the reader's language. */
function ActionsCard({ a }: { a: AlertView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<StepValues>();
  const [chosen, setChosen] = useState<AlertAction | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const measure = Form.useWatch('measure', form);
  const basis = (Form.useWatch('ruleId', form) ?? 'CM-01') as MeasureBasis;
  const assignees = useAssignees(a);
  const [assigneeId, setAssigneeId] = useState<string | undefined>();

  async function step(action: AlertAction, values: StepValues = {}, to?: string) {
    setError(null);
    const tooLarge = oversizedFile(files);
    if (tooLarge) return setError(t('supervision.alert.fileTooLarge', { name: tooLarge.name }));
    setBusy(true);
    try {
      const body = {
        action,
        revision: a.revision,
        ...(to ? { assigneeId: to } : {}),
        ...(values.text ? { text: values.text } : {}),
        ...(files.length && (action === 'note' || action === 'confirm') ? { files: await evidenceOf(files) } : {}),
        ...(action === 'confirm' && values.measure ? { measure: { ruleId: values.ruleId ?? 'CM-01', years: values.years ?? 1, entityIds: values.entityIds ?? [] } } : {}),
      };
      const updated = await api<AlertView>('POST', `/api/supervision/alerts/${a.id}/steps`, body);
      queryClient.setQueryData(alertKey(a.id), updated);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['alerts'] }), queryClient.invalidateQueries({ queryKey: ['supervision-dashboard'] }), queryClient.invalidateQueries({ queryKey: ['credit'] })]);
      message.success(t('common.done'));
      setChosen(null);
      setFiles([]);
      setAssigneeId(undefined);
      form.resetFields();
    } catch (e) {
      setError(errorText(e));
      // Someone else moved the alert meanwhile: show its current state, the form stays filled.
      await queryClient.invalidateQueries({ queryKey: alertKey(a.id) });
    } finally {
      setBusy(false);
    }
  }

  const withText = chosen && chosen !== 'assign';
  return (
    <Card title={t('supervision.alert.actionsTitle')} data-testid="alert-actions">
      <Space wrap style={{ marginBottom: withText ? 16 : 0 }}>
        {a.actions.map((action) =>
          action === 'assign' ? (
            <Space key={action} wrap>
              <Button type="primary" loading={busy && chosen === null && !assigneeId} onClick={() => void step('assign')} data-testid="step-assign">
                {t('supervision.alert.actions.assign')}
              </Button>
              {/* 指派: to another supervisor whose region covers the alert. */}
              <Space.Compact>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  value={assigneeId}
                  onChange={setAssigneeId}
                  loading={assignees.isLoading}
                  placeholder={t('supervision.alert.assigneePlaceholder')}
                  aria-label={t('supervision.alert.assigneePlaceholder')}
                  style={{ width: 240 }}
                  popupMatchSelectWidth={false}
                  data-testid="assignee-select"
                  options={(assignees.data ?? []).map((p) => ({ value: p.id, label: `${p.displayName}（${p.entityName}）` }))}
                />
                <Button disabled={!assigneeId} loading={busy && chosen === null && Boolean(assigneeId)} onClick={() => void step('assign', {}, assigneeId)} data-testid="step-assign-to">
                  {t('supervision.alert.assignTo')}
                </Button>
              </Space.Compact>
            </Space>
          ) : (
            <Button
              key={action}
              danger={action === 'confirm'}
              type={chosen === action ? 'primary' : 'default'}
              onClick={() => {
                setError(null);
                setChosen(chosen === action ? null : action);
              }}
              data-testid={`step-${action}`}
            >
              {t(`supervision.alert.actions.${action}`)}
            </Button>
          ),
        )}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="step-error" />}
      {withText && (
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }} onFinish={(values) => void step(chosen, values)} initialValues={{ ruleId: 'CM-01', years: 1, entityIds: a.entities.map((e) => e.id) }}>
          <Form.Item name="text" label={t(`supervision.alert.text.${chosen}`)} rules={[{ required: true, whitespace: true, message: t('supervision.alert.textRequired') }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="step-text" />
          </Form.Item>
          {(chosen === 'note' || chosen === 'confirm') && (
            <Form.Item label={t('supervision.alert.attachments')}>
              <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_EVIDENCE_FILES))} accept=".pdf,.ofd,.jpg,.jpeg,.png" multiple>
                <Button icon={<UploadOutlined />}>{t('supervision.alert.addFile')}</Button>
              </Upload>
            </Form.Item>
          )}
          {chosen === 'confirm' && (
            <>
              <Form.Item name="measure" valuePropName="checked">
                <Checkbox data-testid="measure-toggle">{t('supervision.alert.measure')}</Checkbox>
              </Form.Item>
              {measure && (
                <div data-testid="measure-form" style={{ paddingInlineStart: 24, borderInlineStart: '3px solid #ffccc7', marginBottom: 16 }}>
                  <Form.Item name="ruleId" label={t('supervision.alert.measureBasis')}>
                    <Radio.Group
                      onChange={(e) => form.setFieldValue('years', Math.min(form.getFieldValue('years') ?? 1, MEASURE_BASES[e.target.value as MeasureBasis].max))}
                      options={(Object.keys(MEASURE_BASES) as MeasureBasis[]).map((id) => ({
                        value: id,
                        label: (
                          <span data-testid={`measure-basis-${id}`}>
                            <RuleRef id={id} />
                            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                              {t(`supervision.alert.measureBases.${id}`)}
                            </Typography.Text>
                          </span>
                        ),
                      }))}
                      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                    />
                  </Form.Item>
                  <Form.Item name="years" label={t('supervision.alert.measureYears')} extra={t('supervision.alert.measureYearsRange', { min: MEASURE_BASES[basis].min, max: MEASURE_BASES[basis].max })}>
                    <InputNumber min={MEASURE_BASES[basis].min} max={MEASURE_BASES[basis].max} precision={0} data-testid="measure-years" />
                  </Form.Item>
                  <Form.Item name="entityIds" label={t('supervision.alert.measureEntities')} rules={[{ required: true, type: 'array', min: 1, message: t('supervision.alert.textRequired') }]}>
                    <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={a.entities.map((e) => ({ value: e.id, label: e.name }))} data-testid="measure-entities" />
                  </Form.Item>
                </div>
              )}
            </>
          )}
          <Button type="primary" danger={chosen === 'confirm'} htmlType="submit" loading={busy} data-testid="step-submit">
            {t(`supervision.alert.actions.${chosen}`)}
          </Button>
        </Form>
      )}
    </Card>
  );
}
