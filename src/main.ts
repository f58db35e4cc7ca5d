import { createPlatform } from './app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-accounts';
import { DEMO_OPENING_MINUTES } from './demo/demo-projects';
import { seedDemoData } from './demo/seed-demo';
import { bootstrapOperator, operatorExists } from './identity';
import { scheduleCheckpoints } from './platform/audit/checkpoints';
import { loadConfig } from './platform/config';
import { systemContext } from './platform/context';

const started = performance.now();
const config = loadConfig();
const running = await createPlatform({ config, logger: { level: config.logLevel } });
const { platform, app, jobs } = running;

let firstAccounts: { username: string; password: string }[] = [];
let demo: Awaited<ReturnType<typeof seedDemoData>> = null;
if (config.demoData) {
  demo = await seedDemoData(platform);
} else if (!(await operatorExists(systemContext(platform)))) {
  firstAccounts = await bootstrapOperator(systemContext(platform), config.operator);
}

await app.listen({ port: config.port, host: config.host });
await scheduleCheckpoints(platform);
jobs.start();

const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const lines = [
  '',
  '一网交易 · 公共资源交易与政府采购平台 / One-network public-resource trading platform',
  `  地址 URL:        http://${shownHost}:${port}/`,
  `  接口文档 API:    http://${shownHost}:${port}/api/docs`,
  `  数据库 Database: ${platform.database.kind}${platform.database.kind === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}`,
  `  启动用时 Ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
];
if (config.demoData) {
  lines.push('', `演示账户 Demo accounts (密码 password: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(12)} ${a.role.padEnd(14)} ${a.roleZh}${a.secondFactor ? '  [动态口令 TOTP: npm run demo:totp]' : ''}`);
}
if (demo?.opening) {
  const at = new Date(demo.opening.openingAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  lines.push(
    '',
    `演示开标 Demo opening: 「中小学创客实验室设备采购」 opens at ${at} (Beijing time), about ${DEMO_OPENING_MINUTES} minutes from now.`,
    `  Sign in as supplier1–3, open 项目大厅 → the project → 进入开标大厅, and decrypt with`,
    `  ${demo.opening.keyDir}/supplierN.key.json (passphrase ${DEMO_PASSWORD}).`,
  );
} else if (demo) {
  lines.push('', '演示项目未创建：当前年份的节假日安排尚未录入 / Demo projects skipped: this year’s holiday schedule is not entered yet (CAL-03).');
}
if (firstAccounts.length) {
  lines.push('', '首次安装的管理员账户（一次性密码，首次登录须修改） / First administrator accounts (one-time passwords):');
  for (const a of firstAccounts) lines.push(`  ${a.username.padEnd(12)} ${a.password}`);
}
console.log(lines.join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().finally(() => process.exit(0));
  });
}
