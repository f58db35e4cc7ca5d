import { UploadOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Typography, Upload, type UploadFile } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get, showFieldErrors } from '../../api';
import { useAction } from '../../action';
import { formatYuan, yuanToFen } from '../../money';
import { financingQueryKey } from './ContractFinancingCard';
import { agreedAccount, type ContractFinancingState } from './financing-types';
import type { PaymentApplicationDetail } from './payment-types';

export interface PayableContract {
  id: string;
  supplierName: string;
  supplierCreditCode: string;
  purchaserCreditCode: string;
  milestones: { no: number; name: string }[];
  payable: { milestoneNo: number; payableFen: number }[];
}

interface Values {
  milestoneNo: number;
  invoiceNumber: string;
  invoiceDate: string;
  sellerCreditCode: string;
  buyerCreditCode: string;
  amountBeforeTax: string;
  tax: string;
  accountName: string;
  bankName: string;
  accountNumber: string;
}

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * 支付申请 with its e-invoice (seed 000, step 3): the supplier fills in the invoice as printed on it
 * and attaches the file. The server checks everything again; this form only adds up the total.
 * With `application` it corrects a rejected one (resubmission) instead of filing a new one.
 */
export function PaymentApplicationForm({ contract, application, onDone }: { contract: PayableContract; application?: PaymentApplicationDetail; onDone?: (a: PaymentApplicationDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const call = useAction(['payment-applications'], ['contract', contract.id], ['payment-application', application?.id]);
  const beforeTax = yuanToFen(Form.useWatch('amountBeforeTax', form));
  const tax = yuanToFen(Form.useWatch('tax', form));
  const payable = contract.payable.filter((p) => p.payableFen > 0);
  // On a financed contract (政采贷) the payee is the account agreed with the bank: filled in, not editable.
  const financing = useQuery({ queryKey: financingQueryKey(contract.id), queryFn: () => get<ContractFinancingState>(`/api/contracts/${contract.id}/financing`) });
  const agreed = agreedAccount(financing.data);
  useEffect(() => {
    const account = agreedAccount(financing.data);
    if (account) form.setFieldsValue(account);
  }, [financing.data, form]);

  async function submit(values: Values) {
    const file = files[0]?.originFileObj;
    if (!file) return setFileError(t('payments.invoiceFileRequired'));
    const body = {
      invoiceNumber: values.invoiceNumber.trim(),
      invoiceDate: values.invoiceDate,
      sellerCreditCode: values.sellerCreditCode.trim(),
      buyerCreditCode: values.buyerCreditCode.trim(),
      amountBeforeTaxFen: yuanToFen(values.amountBeforeTax),
      taxFen: yuanToFen(values.tax),
      totalFen: (yuanToFen(values.amountBeforeTax) ?? 0) + (yuanToFen(values.tax) ?? 0),
      invoiceFile: { fileName: file.name, contentBase64: await readBase64(file) },
      payee: { accountName: values.accountName, bankName: values.bankName, accountNumber: values.accountNumber.replace(/\s/g, '') },
    };
    let saved: PaymentApplicationDetail | undefined;
    const ok = await call(async () => {
      try {
        saved = application
          ? await api<PaymentApplicationDetail>('POST', `/api/payment-applications/${application.id}/resubmission`, { ...body, revision: application.revision })
          : await api<PaymentApplicationDetail>('POST', `/api/contracts/${contract.id}/payment-applications`, { ...body, milestoneNo: values.milestoneNo });
      } catch (e) {
        showFieldErrors(form, e);
        throw e;
      }
    }, t(application ? 'payments.resubmitted' : 'payments.filed'));
    if (ok && saved) {
      form.resetFields();
      setFiles([]);
      onDone?.(saved);
    }
  }

  if (!application && payable.length === 0) return <Typography.Text type="secondary">{t('payments.nothingPayable')}</Typography.Text>;
  const yuan = { pattern: /^\d+(\.\d{1,2})?$/, message: t('payments.yuanFormat') };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid="payment-application-form"
      initialValues={{
        milestoneNo: application?.milestoneNo ?? payable[0]?.milestoneNo,
        sellerCreditCode: contract.supplierCreditCode,
        buyerCreditCode: contract.purchaserCreditCode,
        accountName: contract.supplierName,
        bankName: application?.payee.bankName,
        accountNumber: application?.payee.accountNumber,
        invoiceNumber: application?.invoice.invoiceNumber,
        invoiceDate: application?.invoice.invoiceDate,
      }}
    >
      <Row gutter={16}>
        {!application && (
          <Col xs={24} md={12}>
            <Form.Item name="milestoneNo" label={t('payments.milestone')} rules={[{ required: true }]}>
              <Select
                data-testid="payment-milestone"
                options={payable.map((p) => ({ value: p.milestoneNo, label: `${p.milestoneNo} ${contract.milestones.find((m) => m.no === p.milestoneNo)?.name ?? ''}（${t('payments.payable')} ${formatYuan(p.payableFen)}）` }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="invoiceNumber" label={t('payments.invoiceNumber')} rules={[{ required: true, pattern: /^(\d{8}|\d{20})$/, message: t('payments.invoiceNumberFormat') }]}>
            <Input data-testid="invoice-number" inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="invoiceDate" label={t('payments.invoiceDate')} rules={[{ required: true }]}>
            <Input type="date" data-testid="invoice-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="sellerCreditCode" label={t('payments.sellerCreditCode')} rules={[{ required: true, len: 18 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="buyerCreditCode" label={t('payments.buyerCreditCode')} rules={[{ required: true, len: 18 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="amountBeforeTax" label={t('payments.amountBeforeTax')} rules={[{ required: true }, yuan]}>
            <Input data-testid="invoice-before-tax" inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="tax" label={t('payments.tax')} rules={[{ required: true }, yuan]}>
            <Input data-testid="invoice-tax" inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('payments.total')}>
            <Typography.Text strong data-testid="invoice-total">
              {beforeTax !== null && tax !== null ? `${formatYuan(beforeTax + tax)} ${t('payments.yuan')}` : '—'}
            </Typography.Text>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="accountName" label={t('payments.payeeName')} rules={[{ required: true }]} extra={agreed ? t('financing.payeeFixed') : undefined}>
            <Input readOnly={Boolean(agreed)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="bankName" label={t('payments.payeeBank')} rules={[{ required: true, min: 2 }]}>
            <Input data-testid="payee-bank" readOnly={Boolean(agreed)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="accountNumber" label={t('payments.payeeAccount')} rules={[{ required: true, pattern: /^[0-9 ]{8,40}$/ }]}>
            <Input data-testid="payee-account" inputMode="numeric" readOnly={Boolean(agreed)} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={t('payments.invoiceFile')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('payments.invoiceFileHelp')}>
            <Upload
              accept=".pdf,.ofd"
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                setFiles(fileList.slice(-1));
                setFileError(null);
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="invoice-file">
                {t('payments.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" data-testid="submit-payment-application">
        {t(application ? 'payments.resubmit' : 'payments.file')}
      </Button>
    </Form>
  );
}
