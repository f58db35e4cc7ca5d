import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, get, showFieldErrors } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import type { Project } from '../trading/types';
import { ErrorAlert } from './case-parts';
import { EvidenceField } from './CasePage';
import { casePath, evidenceOf, inLanguage, oversizedFile, type CaseView, type ChallengeWindow, type Claim, type Particulars, type Subject } from './case-types';

interface Values {
  subject: Subject;
  /** WK-13: the lot whose candidates an objection concerns. */
  lotId?: string;
  particulars: Particulars;
  claims: Omit<Claim, 'no'>[];
}

/**
 * 提出质疑 (QC-01 to QC-06): for each kind of matter, whether this supplier may still challenge it and until
 * when (or why not, with the rule); then the challenge letter's fields as QC-06 lists them: who and how to
 * reach it, each matter with its facts and legal basis, and the evidence. The platform seals the letter with
 * its signature when it is filed; the case page follows.
 */
export function ChallengeFilingPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  // From a lot's candidates' publicity: the objection and its lot are chosen already.
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const project = useQuery({ queryKey: ['project', id], queryFn: () => get<Project>(`/api/public/projects/${id}`) });
  const windows = useQuery({ queryKey: ['challenge-windows', id], queryFn: () => get<ChallengeWindow[]>(`/api/projects/${id}/challenge-windows`) });
  const open = (windows.data ?? []).filter((w) => w.refusal === null);
  // Works tendered under the Bidding Law offer the opening among the matters: an objection (异议), not a challenge.
  const works = (windows.data ?? []).some((w) => w.subject === 'opening');
  const text = (key: 'fileTitle' | 'fileIntro' | 'letter') => t(`cases.${key}${works ? 'Works' : ''}`);

  async function submit(values: Values) {
    setError(null);
    const tooBig = oversizedFile(files);
    if (tooBig) return setError(new Error(t('cases.fileTooBig', { name: tooBig.name })));
    setBusy(true);
    try {
      const evidence = await evidenceOf(files);
      const trim = (s: string | undefined) => (s ?? '').trim();
      const filed = await api<CaseView>('POST', `/api/projects/${id}/challenges`, {
        subject: values.subject,
        ...(values.subject === 'candidates' && values.lotId ? { lotId: values.lotId } : {}),
        particulars: { address: trim(values.particulars.address), postcode: trim(values.particulars.postcode), contactPerson: trim(values.particulars.contactPerson), phone: trim(values.particulars.phone) },
        claims: values.claims.map((c) => ({ claim: trim(c.claim), facts: trim(c.facts), legalBasis: trim(c.legalBasis) })),
        evidence,
      });
      message.success(t('cases.filed', { caseNumber: filed.caseNumber }));
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      navigate(casePath(filed));
    } catch (e) {
      showFieldErrors(form, e);
      setError(e);
      void queryClient.invalidateQueries({ queryKey: ['challenge-windows', id] });
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, whitespace: true, message: t('cases.required') }];
  const long = { maxLength: 2000, showCount: true, autoSize: { minRows: 2, maxRows: 8 } };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={text('fileTitle')} extra={project.data && <Link to={`/workspace/projects/${id}`}>{t('cases.backToProject')}</Link>}>
        {project.data && (
          <Typography.Paragraph strong data-testid="challenge-project">
            {project.data.title}（{project.data.projectNumber}）
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">
          {text('fileIntro')} <RuleRef id={works ? 'QW-01' : 'QC-01'} />
        </Typography.Paragraph>
        {windows.error && <ErrorAlert error={windows.error} testId="windows-error" />}
        <Table<ChallengeWindow>
          rowKey="subject"
          size="small"
          pagination={false}
          loading={windows.isLoading}
          dataSource={windows.data}
          data-testid="challenge-windows"
          columns={[
            { title: t('cases.subjectLabel'), dataIndex: 'subject', render: (s: Subject) => t(`cases.subject.${s}`) },
            {
              title: t('cases.window'),
              key: 'window',
              render: (_, w) =>
                w.refusal ? (
                  <Space orientation="vertical" size={0} data-testid={`window-${w.subject}`}>
                    <Tag color="default">{t('cases.mayNot')}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {inLanguage(w.refusal.messages ?? w.refusal.message, i18n.language)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <RuleRef id={w.refusal.ruleId} />
                    </Typography.Text>
                  </Space>
                ) : (
                  <Space orientation="vertical" size={0} data-testid={`window-${w.subject}`}>
                    <Tag color={w.workingDaysLeft !== null && w.workingDaysLeft <= 2 ? 'orange' : 'green'}>
                      {w.workingDaysLeft === 0 ? t('cases.clock.lastDay', { due: w.lastDay }) : t('cases.clock.left', { days: w.workingDaysLeft ?? '—', due: w.lastDay })}
                    </Tag>
                    {w.knewOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('cases.knewOnIs', { day: w.knewOn })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {windows.data && open.length === 0 && <Alert type="warning" showIcon title={t('cases.nothingToChallenge')} data-testid="no-window" />}
      {open.length > 0 && (
        <Card title={text('letter')}>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            data-testid="challenge-form"
            initialValues={{
              subject: open.length === 1 ? open[0]!.subject : open.find((w) => w.subject === search.get('subject'))?.subject,
              lotId: search.get('lotId') ?? (project.data?.lots.length === 1 ? project.data.lots[0]!.id : undefined),
              claims: [{ claim: '', facts: '', legalBasis: '' }],
            }}
          >
            <Form.Item name="subject" label={t('cases.subjectLabel')} rules={[{ required: true, message: t('cases.required') }]}>
              <Radio.Group data-testid="challenge-subject" options={open.map((w) => ({ value: w.subject, label: `${t(`cases.subject.${w.subject}`)}（${t('cases.until', { day: w.lastDay })}）` }))} />
            </Form.Item>
            {/* WK-13, WK-19: an objection to the candidates names its lot; only that lot's award waits for the answer. */}
            <Form.Item noStyle shouldUpdate={(a, b) => a.subject !== b.subject}>
              {({ getFieldValue }) =>
                getFieldValue('subject') === 'candidates' && (project.data?.lots.length ?? 0) > 1 ? (
                  <Form.Item name="lotId" label={t('cases.lot')} rules={[{ required: true, message: t('cases.required') }]} extra={<RuleRef id="WK-19" />}>
                    <Select data-testid="challenge-lot" options={project.data!.lots.map((l) => ({ value: l.id, label: `${t('publicity.lot', { no: l.lotNo })} ${l.title}` }))} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
            <Typography.Title level={5}>{t('cases.particulars')}</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name={['particulars', 'contactPerson']} label={t('cases.contactPerson')} rules={required}>
                  <Input maxLength={50} data-testid="contact-person" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['particulars', 'phone']} label={t('cases.phone')} rules={required}>
                  <Input maxLength={30} inputMode="tel" data-testid="contact-phone" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name={['particulars', 'address']} label={t('cases.address')} rules={required}>
                  <Input maxLength={200} data-testid="contact-address" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['particulars', 'postcode']} label={t('cases.postcode')} rules={[...required, { pattern: /^\d{6}$/, message: t('cases.postcodeFormat') }]}>
                  <Input maxLength={6} inputMode="numeric" data-testid="contact-postcode" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('cases.claims')}</Typography.Title>
            <Form.List name="claims">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 12 }}
                      title={t('cases.claimNo', { no: i + 1 })}
                      data-testid="claim-row"
                      extra={
                        fields.length > 1 && (
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('cases.removeClaim')} data-testid={`remove-claim-${i}`} onClick={() => remove(f.name)} />
                        )
                      }
                    >
                      <Form.Item name={[f.name, 'claim']} label={t('cases.claim')} rules={required}>
                        <Input.TextArea {...long} data-testid={`claim-${i}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'facts']} label={t('cases.facts')} rules={required}>
                        <Input.TextArea {...long} data-testid={`facts-${i}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'legalBasis']} label={t('cases.legalBasis')} rules={required}>
                        <Input.TextArea {...long} data-testid={`legal-basis-${i}`} />
                      </Form.Item>
                    </Card>
                  ))}
                  {fields.length < 20 && (
                    <Button icon={<PlusOutlined />} onClick={() => add({ claim: '', facts: '', legalBasis: '' })} data-testid="add-claim" style={{ marginBottom: 16 }}>
                      {t('cases.addClaim')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
            <EvidenceField files={files} onChange={setFiles} />
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.sealNotice')} description={<RuleRef id="QC-06" />} />
            {error !== null && (
              <div style={{ marginBottom: 16 }}>
                <ErrorAlert error={error} testId="challenge-error" />
              </div>
            )}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-challenge">
              {t('cases.submitChallenge')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
