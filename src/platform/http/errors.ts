import { z } from 'zod';
import { bilingual, type Bilingual } from '../errors';

/** The body of every error answer. */
export const errorResponse = z
  .object({
    statusCode: z.number(),
    code: z.string().describe('Stable error code'),
    message: z.string().describe('Chinese / English'),
    messages: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
    ruleId: z.string().optional().describe('The RULES.md rule behind a refusal'),
    rule: z
      .object({ id: z.string(), citation: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }), verified: z.boolean() })
      .optional()
      .describe('That rule with its act and article (GET /api/public/rules)'),
    details: z.record(z.string(), z.unknown()).optional(),
    fields: z.array(z.object({ path: z.string(), messages: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) })).optional(),
  })
  .meta({ id: 'Error' });

export type ErrorResponse = z.infer<typeof errorResponse>;

export const ACCESS_MESSAGES: Record<string, Bilingual> = {
  NOT_SIGNED_IN: bilingual('请先登录', 'Please sign in first'),
  SECOND_FACTOR_REQUIRED: bilingual('请先完成动态口令验证', 'Please complete the second-factor (TOTP) check first'),
  PASSWORD_CHANGE_REQUIRED: bilingual('请先修改密码', 'You must change your password first'),
  FORBIDDEN: bilingual('无权执行此操作', 'You are not allowed to do this'),
  FUNCTION_NOT_ENABLED: bilingual('安全管理员未向您的角色开放此监管功能', 'The security administrator has not enabled this supervision function for your role'),
  VALIDATION: bilingual('提交的数据不符合要求', 'The submitted data is not valid'),
  NOT_FOUND: bilingual('请求的资源不存在', 'Not found'),
  INTERNAL: bilingual('系统内部错误，请稍后重试', 'Internal error, please try again later'),
  PAYLOAD_TOO_LARGE: bilingual('提交的数据过大', 'The request is too large'),
  BAD_REQUEST: bilingual('请求格式错误', 'The request is malformed'),
  UNSUPPORTED_MEDIA_TYPE: bilingual('不支持的请求内容类型', 'The request body is not of a type this address accepts'),
  URI_TOO_LONG: bilingual('请求地址过长', 'The request address is too long'),
};

/** Messages for field checks of our own, where Zod's locales have nothing fitting. */
export const FIELD_MESSAGES = {
  NOT_TEXT: bilingual('不能包含控制字符（如 U+0000）或不成对的代理字符', 'must not contain control characters (such as U+0000) or unpaired surrogates'),
  EMPTY_BODY: bilingual('请求体不能为空', 'the body must not be empty'),
} satisfies Record<string, Bilingual>;

export function errorBody(statusCode: number, code: string, messages: Bilingual, extra: Partial<ErrorResponse> = {}): ErrorResponse {
  return { statusCode, code, message: `${messages['zh-CN']} / ${messages['en-US']}`, messages, ...extra };
}

const zhCN = z.locales.zhCN();
const enUS = z.locales.en();

/** Bilingual field messages for schema validation failures, from Zod's own locales. */
export function validationFields(
  issues: { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }[],
  part: string,
): ErrorResponse['fields'] {
  return issues.map((issue) => {
    const raw = { code: issue.keyword, ...issue.params, path: issue.instancePath.split('/').filter(Boolean) } as never;
    const path = [part, ...issue.instancePath.split('/').filter(Boolean)].join('.');
    // A refinement may carry its own bilingual message (params.messages).
    const own = (issue.params.params as { messages?: Bilingual } | undefined)?.messages;
    return {
      path,
      messages: bilingual(`${path}：${own?.['zh-CN'] ?? zhCN.localeError!(raw) ?? issue.message}`, `${path}: ${own?.['en-US'] ?? enUS.localeError!(raw) ?? issue.message}`),
    };
  });
}
