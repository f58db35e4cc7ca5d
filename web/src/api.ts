import { QueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import i18n from './i18n';
import { ruleText, type RuleCitation } from './rules';

/** What every error answer of the API carries (see src/platform/http/errors.ts). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  messages: { 'zh-CN': string; 'en-US': string };
  ruleId?: string;
  /** The rule with its act and article. */
  rule?: RuleCitation;
  details?: Record<string, unknown>;
  fields?: { path: string; messages: { 'zh-CN': string; 'en-US': string } }[];
}

export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.messages['zh-CN']);
  }
  get status() {
    return this.body.statusCode;
  }
  get code() {
    return this.body.code;
  }
  /** The message in the language the user reads. */
  localized(): string {
    const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
    return this.body.messages[language] + (this.body.ruleId ? ` [${ruleText(this.body.ruleId, this.body.rule, language)}]` : '');
  }
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.localized();
  return i18n.t('errors.network');
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      // The server answers messages and documents in the interface's language.
      headers: { 'accept-language': i18n.language, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ statusCode: 0, code: 'NETWORK', messages: { 'zh-CN': i18n.t('errors.network', { lng: 'zh-CN' }), 'en-US': i18n.t('errors.network', { lng: 'en-US' }) } });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(data as ApiErrorBody);
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/**
 * Puts an API error on the form fields it names (details.field like "entity.creditCode",
 * or schema fields like "body.entity.creditCode"); returns false if it named none.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const named: { name: (string | number)[]; errors: string[] }[] = [];
  const field = error.body.details?.field;
  if (typeof field === 'string') named.push({ name: field.split('.'), errors: [error.localized()] });
  for (const f of error.body.fields ?? []) named.push({ name: f.path.split('.').slice(1), errors: [f.messages[language]] });
  const known = named.filter((n) => form.getFieldInstance(n.name) !== undefined || form.getFieldValue(n.name) !== undefined);
  if (known.length) form.setFields(known);
  return known.length > 0;
}
