import { runConformance } from './conformance';

/**
 * `npm run conformance -- URL --key-id ID --secret SECRET` (or SUBPLATFORM_KEY_ID / SUBPLATFORM_SECRET):
 * the admission checks of a candidate sub-platform, one line each, passed or failed with the reason.
 * Exit code 0 when all pass.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const keyId = flag('key-id') ?? process.env.SUBPLATFORM_KEY_ID;
const secret = flag('secret') ?? process.env.SUBPLATFORM_SECRET;
if (!url || !keyId || !secret) {
  console.error('用法 / usage: npm run conformance -- URL --key-id ID --secret SECRET');
  process.exit(2);
}
const results = await runConformance({ url, keyId, secret });
for (const r of results) console.log(`${r.passed ? '✓ 通过 passed' : '✗ 未通过 FAILED'}  ${r.check.padEnd(12)} ${r.detail['zh-CN']} / ${r.detail['en-US']}`);
const failed = results.filter((r) => !r.passed).length;
console.log(failed ? `${failed} 项未通过，不予接入 / ${failed} check(s) failed: not admitted` : '全部通过，可接入平台目录 / All checks passed: may be admitted to the platform catalogue');
process.exit(failed ? 1 : 0);
