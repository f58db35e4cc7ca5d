import { App, Button, Card, Col, Divider, Form, Input, Result, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorText, showFieldErrors } from '../../api';
import { regionName, } from '../../format';
import { useRegions } from '../../regions';

interface Registration {
  entity: Record<string, string | null>;
  account: { username: string; displayName: string; mobile: string; email?: string; password: string; confirm?: string };
}

/** The registration form reports with antd's message, whose provider only the pages that use it load. */
export function RegisterPage() {
  return (
    <App component={false}>
      <RegistrationForm />
    </App>
  );
}

function RegistrationForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Registration>();
  const regions = useRegions();
  const entityType = Form.useWatch(['entity', 'entityType'], form);
  const [done, setDone] = useState<{ name: string; username: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Registration) {
    setBusy(true);
    const { confirm: _confirm, ...account } = values.account;
    const entity = { ...values.entity, smeSize: values.entity.smeSize === 'none' ? null : (values.entity.smeSize ?? null), contactEmail: values.entity.contactEmail || null };
    try {
      await api('POST', '/api/entities', { entity, account: { ...account, email: account.email || null } });
      setDone({ name: String(values.entity.name), username: account.username });
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Result
        status="success"
        title={t('register.successTitle')}
        subTitle={t('register.successBody', done)}
        extra={
          <Link to="/login">
            <Button type="primary">{t('nav.login')}</Button>
          </Link>
        }
      />
    );

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Card title={t('register.title')} style={{ maxWidth: 900, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ entity: { entityType: 'supplier', regionCode: '310101', smeSize: 'small' } }}>
        <Divider titlePlacement="start">{t('register.entitySection')}</Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name={['entity', 'creditCode']} label={t('register.creditCode')} extra={t('register.creditCodeHint')} rules={required}>
              <Input maxLength={18} data-testid="credit-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['entity', 'name']} label={t('register.name')} rules={required}>
              <Input data-testid="entity-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['entity', 'entityType']} label={t('register.entityType')} rules={required}>
              <Select options={['supplier', 'purchaser', 'agency'].map((v) => ({ value: v, label: t(`entityType.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['entity', 'regionCode']} label={t('register.region')} rules={required}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(regions.data ?? []).map((r) => ({ value: r.code, label: regionName(regions.data, r.code) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {entityType === 'supplier' && (
              <Form.Item name={['entity', 'smeSize']} label={t('register.smeSize')} rules={required}>
                <Select options={['micro', 'small', 'medium', 'none'].map((v) => ({ value: v, label: t(`smeSize.${v}`) }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item name={['entity', 'contactName']} label={t('register.contactName')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['entity', 'contactPhone']} label={t('register.contactPhone')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['entity', 'contactEmail']} label={t('register.contactEmail')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name={['entity', 'address']} label={t('register.address')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['entity', 'legalRepresentative']} label={t('register.legalRepresentative')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['entity', 'controllerCreditCode']} label={t('register.controllerCreditCode')} extra={t('register.controllerCreditCodeHint')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('register.accountSection')}</Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['account', 'username']} label={t('register.username')} extra={t('register.usernameHint')} rules={required}>
              <Input autoComplete="username" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['account', 'displayName']} label={t('register.displayName')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['account', 'mobile']} label={t('register.mobile')} rules={required}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['account', 'password']} label={t('register.password')} extra={t('login.policyHint')} rules={required}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['account', 'confirm']}
              label={t('register.confirmPassword')}
              dependencies={[['account', 'password']]}
              rules={[
                ...required,
                ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue(['account', 'password']) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
    </Card>
  );
}
