/** Trading: the procurement chain from budget line to the opening record. */
import type { Platform } from '../platform/context';
import type { RouteModule } from '../platform/http/server';
import type { JobHandler } from '../platform/jobs/jobs';
import { exchangeRoutes } from './exchange.routes';
import { ASSET_PUSH_JOB, assetPushHandler } from './assets/asset-push';
import { bidRoutes } from './bid.routes';
import { contractRegistrationRoutes, contractRoutes } from './contract.routes';
import { evaluationRoutes } from './evaluation.routes';
import { OPENING_JOB } from './notice/publish-tender';
import { closeOpeningHandler, OPENING_CLOSE_JOB, OPENING_DOCUMENTS_JOB, OPENING_RECORD_JOB, openingRecordHandler, startOpeningHandler, storeBidDocumentsHandler } from './opening/opening';
import { planningRoutes } from './planning.routes';
import { portalRoutes } from './portal/portal.routes';
import { projectRoutes } from './project.routes';
import { publicationRoutes } from './publication.routes';
import { prequalificationRoutes } from './prequalification.routes';
import { frameworkRoutes } from './framework.routes';
import { publicityRoutes } from './publicity.routes';
import { roundsRoutes } from './rounds.routes';
import { singleSourceRoutes } from './single-source.routes';
import { searchRoutes } from './search/search.routes';
import { mallRoutes } from './mall/mall.routes';
import { MALL_BASKET_CLOSE_JOB, basketCloseHandler } from './mall/basket';
import { listingRoutes } from './listings/listings.routes';
import { LISTING_ADVANCE_JOB, LISTING_REFUND_JOB, listingAdvanceHandler, listingRefundHandler, receiveListingBankNotice } from './listings/listings';
import { acceptDepositsInto } from '../money/deposits/deposits';

export { tradingGuards } from './trading.guards';
export { projectActions, loadProjectFacts, type ProjectAction } from './project/project.policy';
// A bank's notice into a listing bidder's deposit sub-account reaches the listing through the money module's bank API.
acceptDepositsInto(receiveListingBankNotice);

export const tradingRoutes: RouteModule[] = [planningRoutes, projectRoutes, bidRoutes, evaluationRoutes, contractRoutes, contractRegistrationRoutes, exchangeRoutes, publicationRoutes, publicityRoutes, roundsRoutes, singleSourceRoutes, prequalificationRoutes, frameworkRoutes, portalRoutes, searchRoutes, mallRoutes, listingRoutes];

export const tradingJobs = (platform: Platform): Record<string, JobHandler> => ({
  [OPENING_JOB]: startOpeningHandler(platform),
  [OPENING_CLOSE_JOB]: closeOpeningHandler(platform),
  [OPENING_RECORD_JOB]: openingRecordHandler(platform),
  [OPENING_DOCUMENTS_JOB]: storeBidDocumentsHandler(platform),
  [ASSET_PUSH_JOB]: assetPushHandler(platform),
  [LISTING_REFUND_JOB]: listingRefundHandler(platform),
  [LISTING_ADVANCE_JOB]: listingAdvanceHandler(platform),
  [MALL_BASKET_CLOSE_JOB]: basketCloseHandler(platform),
});
export { biddersDisclosed, listingBiddersDisclosed, offersDisclosed, projectTitles } from './disclosure';
export { indexMissingNotices } from './search/search.store';
export { registerContractIn } from './contract/registration';
