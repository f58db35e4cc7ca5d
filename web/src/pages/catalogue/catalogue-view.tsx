import { Descriptions, Table, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RuleRef } from '../../components/RuleRef';

export type CatalogueKind = 'tradingCatalogue' | 'rulesCatalogue' | 'platformCatalogue' | 'disclosureCatalogue' | 'serviceList' | 'dutyList';
export const CATALOGUE_KINDS: CatalogueKind[] = ['tradingCatalogue', 'rulesCatalogue', 'platformCatalogue', 'disclosureCatalogue', 'serviceList', 'dutyList'];

export interface FieldDef {
  name: string;
  type: 'text' | 'longText' | 'select' | 'multiSelect' | 'date' | 'boolean' | 'url';
  required: boolean;
  options?: string[];
  pattern?: string;
  inTable?: boolean;
}

export interface CatalogueItem {
  code: string;
  data: Record<string, unknown>;
}

export interface CatalogueVersion {
  id: string;
  kind: CatalogueKind;
  versionNo: number;
  title: string;
  effectiveFrom: string;
  status: 'draft' | 'published';
  notes: string | null;
  createdAt: string;
  publishedAt: string | null;
  revision: number;
}

export type VersionWithItems = CatalogueVersion & { items: CatalogueItem[]; fields: FieldDef[] };

/** A field value as people read it: option codes translated, booleans as yes/no, links clickable. */
export function renderValue(t: TFunction, field: FieldDef, value: unknown) {
  if (value === null || value === undefined || value === '') return '—';
  if (field.name === 'ruleId') return <RuleRef id={String(value)} />;
  switch (field.type) {
    case 'select':
      return t(`catalogue.option.${String(value)}`);
    case 'multiSelect':
      return (value as string[]).map((v) => <Tag key={v}>{t(`catalogue.option.${v}`)}</Tag>);
    case 'boolean':
      return value ? t('common.yes') : t('common.no');
    case 'url':
      return (
        <a href={String(value)} target="_blank" rel="noreferrer">
          {String(value)}
        </a>
      );
    default:
      return String(value);
  }
}

export function CatalogueItemsTable({ version, actions }: { version: VersionWithItems; actions?: (item: CatalogueItem, index: number) => React.ReactNode }) {
  const { t } = useTranslation();
  const tableFields = version.fields.filter((f) => f.inTable);
  const otherFields = version.fields.filter((f) => !f.inTable);
  return (
    <Table<CatalogueItem>
      rowKey="code"
      size="middle"
      dataSource={version.items}
      pagination={false}
      data-testid={`catalogue-${version.kind}`}
      expandable={
        otherFields.length
          ? {
              expandedRowRender: (item) => (
                <Descriptions column={1} size="small">
                  {otherFields.map((f) => (
                    <Descriptions.Item key={f.name} label={t(`catalogue.field.${f.name}`)}>
                      {renderValue(t, f, item.data[f.name])}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              ),
            }
          : undefined
      }
      columns={[
        { title: t('catalogue.code'), dataIndex: 'code', width: 80 },
        ...tableFields.map((f) => ({ title: t(`catalogue.field.${f.name}`), key: f.name, render: (_: unknown, item: CatalogueItem) => renderValue(t, f, item.data[f.name]) })),
        ...(actions ? [{ title: t('common.actions'), key: 'actions', width: 140, render: (_: unknown, item: CatalogueItem, index: number) => actions(item, index) }] : []),
      ]}
    />
  );
}
