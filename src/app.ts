import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { catalogueRouteModules, ensureRegions, ruleReference } from './catalogue';
import { authenticate, identityGuards, identityRoutes, regionCovers } from './identity';
import { calendarRoutes } from './platform/calendar/calendar.routes';
import { ensureOfficialSchedules } from './platform/calendar/calendar.store';
import { systemClock, type Clock } from './platform/clock';
import type { PlatformConfig } from './platform/config';
import { systemContext, type Platform } from './platform/context';
import { createBlobStore, type BlobStore } from './platform/blobs/blob-store';
import { loadReceiptSigner } from './platform/crypto/receipt-signer';
import { createSealer, loadMasterKey } from './platform/crypto/sealer';
import { secureDataDir } from './platform/data-dir';
import { openDatabase } from './platform/database/database';
import { buildServer, type App } from './platform/http/server';
import { exchangeCommitHooks, exchangeJobs, exchangeRoutes } from './exchange';
import { guaranteeGuards, moneyGuards, moneyJobs, moneyRoutes } from './money';
import { JobRunner } from './platform/jobs/jobs';
import { notificationRoutes } from './platform/notifications/notifications.routes';
import { platformRoutes } from './platform/platform.routes';
import { SharedTestClock } from './platform/test-clock';
import { servicesCommitHooks, servicesGuards, servicesJobs, servicesRoutes } from './services';
import { actorMayUse, supervisionGuards, supervisionJobs, supervisionRoutes } from './supervision';
import { indexMissingNotices, tradingGuards, tradingJobs, tradingRoutes } from './trading';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export interface StartOptions {
  config: PlatformConfig;
  clock?: Clock;
  /** Where PGlite keeps its data; 'memory://' for a throw-away database. Default: <dataDir>/pglite. */
  pgliteDir?: string;
  pgliteTemplate?: Blob;
  masterKey?: Buffer;
  logger?: FastifyServerOptions['logger'];
  /** Default: the files under config.dataDir. Tests pass one that records or fails its steps. */
  blobs?: BlobStore;
}

export interface RunningPlatform {
  platform: Platform;
  app: App;
  jobs: JobRunner;
  /** The pushes of notices to the outside media, on their own runner: a slow or failing medium never holds up an opening or a refund. */
  pushes: JobRunner;
  close(): Promise<void>;
}

/** Wires the areas together: the one place that knows them all. */
export async function createPlatform(options: StartOptions): Promise<RunningPlatform> {
  const { config } = options;
  secureDataDir(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: options.pgliteDir ?? path.join(config.dataDir, 'pglite'),
    pgliteTemplate: options.pgliteTemplate,
    appRole: config.appRole,
  });
  // Tests in this process hand in a clock; a platform process with TEST_CLOCK shares its time with the others on the database.
  const clock = options.clock ?? (config.testClock ? await SharedTestClock.open(database.db, new Date()) : systemClock);
  const sealer = createSealer(options.masterKey ?? loadMasterKey(config.dataDir, config.masterKey));
  const signer = await loadReceiptSigner(database.db, sealer, clock.now());
  const blobs = options.blobs ?? createBlobStore(config.dataDir);
  // Each published step also becomes an OCDS release and a push to the media, in the transaction that publishes it.
  const platform: Platform = { config, database, clock, sealer, signer, blobs, beforeCommit: [...exchangeCommitHooks, ...servicesCommitHooks] };

  // Reference data every installation needs (not demo data).
  await ensureRegions(database.db);
  await ensureOfficialSchedules(systemContext(platform));
  // Notices published before the search existed (an upgraded database) get their search rows.
  await indexMissingNotices(database.db);

  const app = await buildServer({
    platform,
    authenticate,
    subjects: { ...identityGuards, ...tradingGuards, ...servicesGuards, ...moneyGuards, ...guaranteeGuards, ...supervisionGuards },
    atHome: (actor) => regionCovers(actor.regionCode, config.operator.regionCode),
    featureAllowed: (actor, feature) => actorMayUse(database.db, actor, feature),
    routes: [platformRoutes(platform), calendarRoutes, notificationRoutes, ...identityRoutes, ...catalogueRouteModules, ...tradingRoutes, ...servicesRoutes, ...supervisionRoutes, ...moneyRoutes, ...exchangeRoutes],
    webRoot: WEB_ROOT,
    logger: options.logger,
    citeRule: ruleReference,
  });
  const jobs = new JobRunner(platform, { ...tradingJobs(platform), ...servicesJobs(platform), ...supervisionJobs(platform), ...moneyJobs(platform) });
  const pushes = new JobRunner(platform, exchangeJobs(platform));
  return {
    platform,
    app,
    jobs,
    pushes,
    async close() {
      await jobs.stop();
      await pushes.stop();
      await app.close();
      await database.close();
    },
  };
}
