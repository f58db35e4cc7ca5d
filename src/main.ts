import cluster from 'node:cluster';
import { createPlatform } from './app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-accounts';
import { DEMO_OPENING_MINUTES } from './demo/demo-projects';
import { seedDemoData } from './demo/seed-demo';
import { bootstrapOperator, operatorExists } from './identity';
import { scheduleCheckpoints } from './platform/audit/checkpoints';
import { loadConfig } from './platform/config';
import { systemContext } from './platform/context';
import { apiProcessCount, forkApiProcesses } from './platform/http/cluster';

/** SIGINT (Ctrl-C) and SIGTERM stop cleanly, once, whichever comes first. */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping: Promise<void> | null = null;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping ??= stop().finally(() => process.exit(0));
    });
  }
}

const started = performance.now();
const config = loadConfig();

if (cluster.isWorker) {
  // One of WEB_CONCURRENCY API processes: the primary has done the one-time work below.
  const running = await createPlatform({ config, logger: { level: config.logLevel } });
  await running.app.listen({ port: config.port, host: config.host });
  running.jobs.start();
  running.pushes.start();
  stopOnSignal(() => running.close());
} else {
  await startPrimary();
}

async function startPrimary(): Promise<void> {
  const processes = apiProcessCount(config);
  const running = await createPlatform({ config, logger: { level: config.logLevel } });
  const { platform, app, jobs } = running;

  let firstAccounts: { username: string; password: string }[] = [];
  let demo: Awaited<ReturnType<typeof seedDemoData>> = null;
  if (config.demoData) {
    demo = await seedDemoData(platform);
  } else if (!(await operatorExists(systemContext(platform)))) {
    firstAccounts = await bootstrapOperator(systemContext(platform), config.operator);
  }

  let port: number;
  let stop: () => Promise<void>;
  if (processes === 1) {
    await app.listen({ port: config.port, host: config.host });
    await scheduleCheckpoints(platform);
    jobs.start();
    running.pushes.start();
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
    stop = () => running.close();
  } else {
    // The workers serve and run the jobs; this process only keeps them running.
    await scheduleCheckpoints(platform);
    await running.close();
    ({ port, stop } = await forkApiProcesses(processes));
  }
  printBanner(port, processes, platform.database.kind, demo, firstAccounts);
  stopOnSignal(stop);
}

function printBanner(
  port: number,
  processes: number,
  databaseKind: 'pglite' | 'postgres',
  demo: Awaited<ReturnType<typeof seedDemoData>>,
  firstAccounts: { username: string; password: string }[],
): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    '一网交易 · 公共资源交易与政府采购平台 / One-network public-resource trading platform',
    `  地址 URL:        http://${shownHost}:${port}/`,
    `  接口文档 API:    http://${shownHost}:${port}/api/docs`,
    `  数据库 Database: ${databaseKind}${databaseKind === 'pglite' ? ` (${config.dataDir}/pglite)` : ''}`,
    ...(processes > 1 ? [`  进程 Processes:   ${processes} (node:cluster)`] : []),
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
}
