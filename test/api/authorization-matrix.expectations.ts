import type { ActorName } from './authorization-matrix.test';

/**
 * Who may call each route, declared here and not read from the routes themselves: the
 * matrix test checks the server against this table, so loosening a route's roles, its row
 * guard or a region filter fails the test until this table says so too. docs/ACCESS.md
 * states the same rules in words.
 *
 * `on` names the demo object the route acts on (default: the sealed project, whose deadline
 * passes between the two phases); `before` and `after` list the actors that get past every
 * access check in each phase (`after` defaults to `before`).
 */
export type Phase = 'before' | 'after';
export type WorldKey = 'sealed' | 'done' | 'evaluating' | 'draft' | 'identity' | 'listing';
type Actors = readonly ActorName[];
export type Expectation = { on?: WorldKey; before: Actors; after?: Actors } | 'skip';

const ANONYMOUS: Actors = ['anonymous'];
const PURCHASERS: Actors = ['purchaser', 'purchaser-staff', 'purchaser-pd', 'purchaser-sd'];
const SUPPLIERS: Actors = ['supplier1', 'supplier4', 'supplier-sd', 'supplier-winner'];
const EXPERTS: Actors = ['expert-member', 'expert-other', 'expert-sd'];
const SUPERVISORS: Actors = ['supervisor', 'supervisor-xh', 'supervisor-sd'];
const OPERATORS: Actors = ['operator', 'operator-sd'];
const ADMINS: Actors = ['sysadmin', 'secadmin', 'auditadmin'];
const SIGNED_IN: Actors = [...PURCHASERS, 'agency', ...SUPPLIERS, ...EXPERTS, ...SUPERVISORS, 'authority', 'treasury', ...OPERATORS, ...ADMINS, 'guarantor', 'financier'];
const EVERYONE: Actors = [...ANONYMOUS, ...SIGNED_IN];
/** Those running the demo purchaser's projects: its people and its agency. */
const MANAGERS: Actors = ['purchaser', 'purchaser-staff', 'agency'];
/** Those overseeing procurement in the demo purchaser's region (Shanghai, and its district). */
const OVERSEERS: Actors = ['supervisor', 'supervisor-xh', 'authority', 'operator'];
const AUDITORS: Actors = ['auditadmin', ...OPERATORS, ...SUPERVISORS];
const NOBODY: Actors = [];
/** The sealed lot's bidders among the actors (suppliers 1–3 bid; the winner of the finished project is one of them). */
const BIDDERS: Actors = ['supplier1', 'supplier-winner'];

export const ROUTE_EXPECTATIONS: Record<string, Expectation> = {
  // The platform and its documentation
  'GET /api/docs/static/index.html': { before: EVERYONE },
  'GET /api/docs/static/swagger-initializer.js': { before: EVERYONE },
  'GET /api/docs': { before: EVERYONE },
  'GET /api/docs/json': { before: EVERYONE },
  'GET /api/docs/yaml': { before: EVERYONE },
  'GET /api/docs/static/*': 'skip', // a wildcard, not a route to call
  'GET /api/health': { before: EVERYONE },
  'GET /api/public/receipt-key': { before: EVERYONE },
  'GET /api/public/audit/checkpoints': { before: EVERYONE },
  'GET /api/public/rules': { before: EVERYONE },
  'PUT /api/test/clock': 'skip', // exists only with TEST_CLOCK=1
  'GET /api/test/stats': 'skip', // exists only with TEST_CLOCK=1
  'GET /api/public/calendar': { before: EVERYONE },
  'GET /api/public/calendar/count': { before: EVERYONE },
  'PUT /api/calendar/schedules/:year': { before: ['operator'] }, // the platform's own staff: not Shandong's
  'GET /api/inbox': { before: SIGNED_IN },
  'POST /api/inbox/:id/read': { on: 'identity', before: SIGNED_IN },
  'POST /api/inbox/read-all': { before: SIGNED_IN },

  // Identity
  'POST /api/session': { before: EVERYONE },
  'GET /api/session': { before: EVERYONE }, // null when nobody is signed in
  'DELETE /api/session': { before: SIGNED_IN },
  'POST /api/session/second-factor/enrollment': { before: SIGNED_IN },
  'POST /api/session/second-factor': { before: SIGNED_IN },
  'POST /api/session/password': { before: SIGNED_IN },
  'GET /api/sso/sub-platforms': { before: SIGNED_IN }, // the portal's links to the sub-platforms one enters with SSO
  'GET /api/sso/clients': { before: ['operator'] }, // the platform's own staff register systems: not Shandong's
  'POST /api/sso/clients': { before: ['operator'] },
  'POST /api/entities': { before: EVERYONE },
  'GET /api/entities': { before: SIGNED_IN },
  // 上海市徐汇区教育局: its own people, and the government bodies of Shanghai.
  'GET /api/entities/:id': { on: 'identity', before: ['purchaser', 'purchaser-staff', 'supervisor', 'supervisor-xh', 'authority', 'treasury', 'operator', ...ADMINS] },
  'POST /api/entities/:id/approve': { on: 'identity', before: ['operator'] },
  'POST /api/entities/:id/reject': { on: 'identity', before: ['operator'] },
  'POST /api/entities/:id/suspend': { on: 'identity', before: ['operator'] },
  'POST /api/entities/:id/reinstate': { on: 'identity', before: ['operator'] },
  'GET /api/persons': { before: SIGNED_IN },
  'POST /api/persons': { before: SIGNED_IN },
  // purchaser-staff's account: its entity's administrator and the region's account administrators, each along its duty.
  'PUT /api/persons/:id/roles': { on: 'identity', before: ['purchaser', 'secadmin'] },
  'POST /api/persons/:id/disable': { on: 'identity', before: ['purchaser', 'sysadmin'] },
  'POST /api/persons/:id/enable': { on: 'identity', before: ['purchaser', 'sysadmin'] },
  'POST /api/persons/:id/unlock': { on: 'identity', before: ['secadmin'] },
  'POST /api/persons/:id/reset-second-factor': { on: 'identity', before: ['secadmin'] },
  'GET /api/settings/security-profile': { before: ADMINS },
  'PUT /api/settings/security-profile': { before: ['secadmin'] },

  // Catalogues: public to read, kept by the platform's own operator
  'GET /api/public/regions': { before: EVERYONE },
  'GET /api/public/catalogues': { before: EVERYONE },
  'GET /api/public/catalogues/:kind': { before: EVERYONE },
  'GET /api/public/catalogues/:kind/versions': { before: EVERYONE },
  'GET /api/catalogues/:kind/versions': { before: ['operator'] },
  'POST /api/catalogues/:kind/versions': { before: ['operator'] },
  'GET /api/catalogues/versions/:id': { on: 'identity', before: ['operator'] },
  'PUT /api/catalogues/versions/:id': { on: 'identity', before: ['operator'] },
  'POST /api/catalogues/versions/:id/publish': { on: 'identity', before: ['operator'] },
  'DELETE /api/catalogues/versions/:id': { on: 'identity', before: ['operator'] },

  // Before the procurement
  'GET /api/budget-lines': { before: PURCHASERS },
  'POST /api/budget-lines': { before: PURCHASERS },
  'GET /api/warehouse/assets': { before: [...PURCHASERS, 'agency', ...SUPERVISORS, 'authority', ...OPERATORS] },
  'POST /api/warehouse/assets': { before: [...SUPERVISORS, ...OPERATORS] },
  'GET /api/warehouse/reallocations': { before: [...PURCHASERS, ...SUPERVISORS, ...OPERATORS] },
  'GET /api/plans': { before: [...PURCHASERS, ...SUPERVISORS] },
  'POST /api/plans': { before: PURCHASERS },
  // The budget system's exchange (seeds 003, 004): each purchaser imports and exports its own lines.
  'POST /api/budget-lines/import': { before: PURCHASERS },
  'GET /api/budget-lines/export': { before: PURCHASERS },
  'POST /api/plans/:id/warehouse-resolutions': { on: 'identity', before: ['purchaser', 'purchaser-staff'] },
  'POST /api/plans/:id/intention': { on: 'identity', before: ['purchaser', 'purchaser-staff'] },
  'POST /api/plans/:id/import-review': { on: 'identity', before: ['supervisor', 'supervisor-xh'] },

  // Projects, documents, questions (the sealed project: published, three sealed bids)
  'GET /api/projects': { before: SIGNED_IN },
  'POST /api/projects': { before: PURCHASERS },
  'GET /api/public/projects/:id': { before: EVERYONE },
  'GET /api/public/projects/:id/timeline': { before: EVERYONE },
  'GET /api/public/projects/:id/documents': { before: EVERYONE },
  'POST /api/projects/:id/documents': { before: MANAGERS },
  // 公示 (DS-01, SS-03, SS-04, WK-13): anyone reads them; anyone signed in may object; the project's managers review.
  'POST /api/projects/:id/single-source-publicity': { before: MANAGERS },
  'GET /api/public/projects/:id/publicities': { before: EVERYONE },
  'GET /api/public/notices/:id/publicity': 'skip', // public; a notice that opened no publicity (none in the demo worlds) answers 404 — test/api/publicity.test.ts
  'POST /api/publicities/:id/objections': { before: SIGNED_IN },
  'POST /api/publicity-objections/:id/decision': { before: [...PURCHASERS, 'agency'] },
  'POST /api/projects/:id/prequalification': { before: MANAGERS },
  'GET /api/public/projects/:id/prequalification': { before: EVERYONE },
  'PUT /api/projects/:id/prequalification/application': { before: SUPPLIERS },
  'POST /api/prequalification-applications/:id/review': { before: [...PURCHASERS, 'agency'] },
  'POST /api/projects/:id/prequalification/results': { before: MANAGERS },
  // 框架协议 (FA-04 to FA-09): anyone reads the agreement; its managers admit and decide applications to join (row-checked); the purchaser orders and decides; suppliers offer (members only, checked in the rules) and apply to join an open agreement.
  'GET /api/public/projects/:id/framework': { before: EVERYONE },
  'POST /api/projects/:id/framework/admission': { before: MANAGERS },
  'POST /api/projects/:id/framework/orders': { before: ['purchaser', 'purchaser-staff'] },
  'POST /api/framework-orders/:id/offers': { before: SUPPLIERS },
  'POST /api/framework-orders/:id/decision': { before: PURCHASERS },
  'POST /api/projects/:id/framework/applications': { before: SUPPLIERS },
  'POST /api/projects/:id/framework/withdrawal': { before: SUPPLIERS },
  'POST /api/framework-applications/:id/decision': { before: [...PURCHASERS, 'agency'] },
  'POST /api/projects/:id/prequalification/retender': { before: MANAGERS },
  // The documents themselves: to suppliers (anywhere), and to those running and overseeing the project.
  'GET /api/projects/:id/documents/:documentId/content': { before: [...MANAGERS, ...OVERSEERS, ...SUPPLIERS] },
  // EB-08: who obtained the documents, to those running the project; overseers once the opening started.
  'GET /api/projects/:id/downloads': { before: MANAGERS, after: [...MANAGERS, ...OVERSEERS] },
  'GET /api/projects/:id/participation': { before: SUPPLIERS },
  'POST /api/projects/:id/publication': { before: MANAGERS },
  'GET /api/projects/:id/questions': { before: SIGNED_IN },
  'POST /api/projects/:id/questions': { before: SUPPLIERS },
  'POST /api/projects/:id/clarifications': { before: MANAGERS },
  'GET /api/public/projects/:id/notices': { before: EVERYONE },
  'GET /api/public/notices': { before: EVERYONE },
  'GET /api/public/notices/:id': { on: 'identity', before: EVERYONE },
  // Open data (OCDS): anyone, without signing in
  'GET /api/ocds': { before: EVERYONE },
  'GET /api/ocds/releases': { before: EVERYONE },
  'GET /api/ocds/records/:ocid': { before: EVERYONE },
  'GET /api/ocds/bulk/:file': { before: EVERYONE },
  'GET /api/ocds/extension/:file': { before: EVERYONE },
  'GET /api/public/external': { before: EVERYONE },
  'GET /api/public/external/:ocid': { before: EVERYONE },
  'GET /api/public/external/:ocid/compiled': { before: EVERYONE },
  // The push of notices to the designated media, watched by the platform operator
  'GET /api/notice-outbox': { before: OPERATORS },
  'GET /api/public/disclosure-rate': { before: EVERYONE },
  'GET /api/public/notices/:id/attachments': { on: 'identity', before: EVERYONE },
  'GET /api/public/notices/:id/attachments/:attachmentId': { on: 'identity', before: EVERYONE },
  // The public portal's figures, SME window, fee schedule and entity lookup
  'GET /api/public/portal/summary': { before: EVERYONE },
  'GET /api/public/sme': { before: EVERYONE },
  'GET /api/public/fees': { before: EVERYONE },
  'GET /api/public/entities': { before: EVERYONE },
  'GET /api/public/search': { before: EVERYONE },

  // Sealed bids and the opening
  'GET /api/bid-keys': { before: SUPPLIERS },
  'POST /api/bid-keys': { before: SUPPLIERS },
  'POST /api/lots/:id/bid-uploads': { before: SUPPLIERS },
  'GET /api/bid-uploads/:id': { before: ['supplier1'] },
  'PUT /api/bid-uploads/:id/parts/:part': { before: ['supplier1'] },
  'POST /api/bid-uploads/:id/finalize': { before: ['supplier1'] },
  'DELETE /api/lots/:id/bids/current': { before: SUPPLIERS },
  'GET /api/projects/:id/my-bids': { before: SUPPLIERS },
  'GET /api/bids/:id/receipt-proof': { before: ['supplier1'] },
  // Before the opening the room is empty to all but each bidder's own bid; after, it is for those attending.
  'GET /api/lots/:id/opening': { before: SIGNED_IN, after: [...MANAGERS, ...OVERSEERS, ...BIDDERS] },
  'GET /api/public/lots/:id/opening': { before: NOBODY, after: [...MANAGERS, ...OVERSEERS, ...BIDDERS] },
  'GET /api/public/lots/:id/opening/record.pdf': { before: NOBODY }, // no record is final yet
  'POST /api/lots/:id/bids/:bidId/decryption': { before: BIDDERS },
  'POST /api/lots/:id/opening/signoffs': { before: BIDDERS },
  'POST /api/lots/:id/opening/finalization': { before: MANAGERS },

  // Deposits by transfer: a supplier's own sub-account (any supplier may ask about its own; the use
  // case refuses one that did not obtain the documents), the demo bank for suppliers, and the bank
  // notice API, public at the session check because a bank signs each request instead (refused
  // after validation with 401 when the signature is not good; the matrix's probe stops at validation).
  'GET /api/lots/:id/virtual-account': { before: SUPPLIERS },
  'POST /api/lots/:id/virtual-account': { before: SUPPLIERS },
  'POST /api/demo-bank/transfers': { before: SUPPLIERS },
  'POST /api/bank/deposit-notices': { before: EVERYONE },
  // A sub-platform registers its contracts signed with its API key (the same way as a bank's notice).
  'POST /api/sub-platform/contracts': { before: EVERYONE },
  // The sync API and reconciliation are signed the same way; the change feed is open data.
  'POST /api/sync/releases': { before: EVERYONE },
  'GET /api/sync/reconciliation': { before: EVERYONE },
  'GET /api/feed': { before: EVERYONE },
  'GET /api/exchange/sub-platforms': { before: ['operator'] }, // the platform's own staff watch its sub-platforms: not Shandong's
  // Refunds and forfeits: those running the project decide on a deposit it may keep (GP-78, EB-06);
  // the supervisors list late refunds in their own region (GP-25).
  'POST /api/lots/:id/deposit-decisions': { before: MANAGERS },
  'GET /api/supervision/overdue-refunds': { before: SUPERVISORS },

  // E-guarantees (GP-21, PAY-06): suppliers apply on any lot they may bid in; the issuer reads and
  // decides on the applications made to it (supplier1's to the demo issuer, on the sealed lot); the
  // purchaser and its agency learn of a guarantee only once the opening has started (before it, the
  // lot's list answers 409 sealed and the guarantee itself 404), then may claim on it; anyone verifies.
  'GET /api/guarantors': { before: SUPPLIERS },
  'GET /api/lots/:id/my-guarantees': { before: SUPPLIERS },
  'POST /api/lots/:id/guarantees': { before: SUPPLIERS },
  'GET /api/lots/:id/guarantees': { before: MANAGERS },
  'GET /api/guarantor/guarantees': { before: ['guarantor'] },
  'POST /api/guarantees/:id/approval': { before: ['guarantor'] },
  'POST /api/guarantees/:id/decline': { before: ['guarantor'] },
  'POST /api/guarantees/:id/claim': { before: NOBODY, after: MANAGERS },
  'POST /api/guarantees/:id/claim/settlement': { before: ['guarantor'] },
  'GET /api/public/guarantees/verification': { before: EVERYONE },

  // Evaluation (the project under evaluation now)
  'GET /api/evaluations': { before: [...EXPERTS, ...PURCHASERS] },
  'POST /api/evaluations/:id/response': { on: 'evaluating', before: ['expert-member'] },
  'GET /api/evaluations/:id/sheet': { on: 'evaluating', before: ['expert-member'] },
  'GET /api/evaluations/:id/bids/:bidId/parts/:index': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/chair-votes': { on: 'evaluating', before: ['expert-member'] },
  'PUT /api/evaluations/:id/lots/:lotId/sheet': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/lots/:lotId/submission': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/bids/:bidId/explanation-request': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/bids/:bidId/explanation-decision': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/lots/:lotId/signatures': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/bids/:bidId/price-correction': { on: 'evaluating', before: ['expert-member'] },
  'GET /api/projects/:id/my-committee-requests': { on: 'evaluating', before: SUPPLIERS },
  // 磋商/谈判 rounds, on an open tender (no rounds): past the access checks, the method refuses.
  'GET /api/projects/:id/rounds': { on: 'evaluating', before: [...MANAGERS, ...OVERSEERS, 'expert-member', ...SUPPLIERS] }, // a supplier that took no part sees none
  'POST /api/projects/:id/lots/:lotId/requirement-changes': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/projects/:id/lots/:lotId/final-offer-call': { on: 'evaluating', before: ['expert-member'] },
  'PUT /api/projects/:id/lots/:lotId/final-offer': { on: 'evaluating', before: ['supplier1', 'supplier-winner'] },
  'POST /api/requirement-changes/:id/confirmation': { before: NOBODY }, // only a change's id reaches one
  'POST /api/requirement-changes/:id/receipt': { before: NOBODY },
  'POST /api/bids/:id/correction-answer': { on: 'done', before: ['supplier1'] },
  'POST /api/bids/:id/explanation': { on: 'done', before: ['supplier1'] },
  'POST /api/projects/:id/committee': { before: MANAGERS },
  'GET /api/projects/:id/committee': { on: 'evaluating', before: [...MANAGERS, ...OVERSEERS] },
  'GET /api/projects/:id/representative-candidates': { before: MANAGERS },
  'POST /api/projects/:id/committee/extension': { on: 'evaluating', before: MANAGERS },
  'GET /api/projects/:id/committee/replay': { on: 'evaluating', before: OVERSEERS },

  // Award, contract, archive (the project carried to an accepted contract)
  // 单一来源 协商情况记录 (SS-05): the demo's evaluating project is an open tender, so those who get through are told it has none (409).
  'GET /api/projects/:id/negotiation-record': { on: 'evaluating', before: [...MANAGERS, ...OVERSEERS, 'expert-member'] },
  'PUT /api/evaluations/:id/lots/:lotId/negotiation-record': { on: 'evaluating', before: ['expert-member'] },
  'POST /api/evaluations/:id/lots/:lotId/negotiation-record/signatures': { on: 'evaluating', before: ['expert-member'] },
  'GET /api/projects/:id/evaluation-reports': { on: 'done', before: [...MANAGERS, ...OVERSEERS] },
  'GET /api/projects/:id/lots/:lotId/evaluation-report.pdf': { on: 'done', before: [...MANAGERS, ...OVERSEERS, 'expert-member'] },
  'GET /api/projects/:id/awards': { on: 'done', before: [...MANAGERS, ...OVERSEERS] },
  'POST /api/projects/:id/lots/:lotId/report-delivery': { on: 'done', before: MANAGERS },
  'POST /api/projects/:id/lots/:lotId/award': { on: 'done', before: ['purchaser', 'purchaser-staff'] },
  'GET /api/award-letters': { before: SUPPLIERS },
  'GET /api/award-letters/:lotId/:bidId.pdf': { on: 'done', before: ['supplier1', ...MANAGERS, ...OVERSEERS] },
  'POST /api/projects/:id/lots/:lotId/contract': { on: 'done', before: MANAGERS },
  'GET /api/contracts': { before: [...PURCHASERS, 'agency', ...SUPPLIERS, ...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/contracts/:id': { on: 'done', before: [...MANAGERS, 'supplier-winner', ...OVERSEERS] },
  'GET /api/contracts/:id/contract.pdf': { on: 'done', before: [...MANAGERS, 'supplier-winner', ...OVERSEERS] },
  'POST /api/contracts/:id/signatures': { on: 'done', before: ['purchaser', 'purchaser-staff', 'supplier-winner'] },
  'POST /api/contracts/:id/refusal': { on: 'done', before: ['supplier-winner'] },
  'POST /api/contracts/:id/acceptances': { on: 'done', before: ['purchaser', 'purchaser-staff'] },
  // New assets pushed to the asset system: each purchaser's own, a supervisor's region (read-only); the purchaser records the acknowledgement.
  'GET /api/asset-pushes': { before: [...PURCHASERS, ...SUPERVISORS] },
  'POST /api/contracts/:id/asset-push/acknowledgement': { on: 'done', before: ['purchaser', 'purchaser-staff'] },
  'POST /api/contracts/:id/reviews': { on: 'done', before: ['purchaser', 'purchaser-staff', 'supplier-winner'] },
  // Challenges and complaints (issue 12): a supplier files; the project's purchaser and agency answer; the
  // district's finance department handles complaints; the region's overseers read. supplier1 lost the finished project and filed.
  'GET /api/cases': { before: [...PURCHASERS, 'agency', ...SUPPLIERS, ...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/projects/:id/challenge-windows': { before: SUPPLIERS },
  'POST /api/projects/:id/challenges': { before: SUPPLIERS },
  'GET /api/challenges/:id': { on: 'done', before: [...MANAGERS, 'supplier1', ...OVERSEERS] },
  'GET /api/challenges/:id/files/:sha256': { on: 'done', before: [...MANAGERS, 'supplier1', ...OVERSEERS] },
  'POST /api/challenges/:id/steps': { on: 'done', before: [...MANAGERS, 'supplier1'] },
  'POST /api/challenges/:id/complaints': { on: 'done', before: ['supplier1'] },
  'GET /api/complaints/:id': { on: 'done', before: [...MANAGERS, 'supplier1', ...OVERSEERS] },
  'GET /api/complaints/:id/files/:sha256': { on: 'done', before: [...MANAGERS, 'supplier1', ...OVERSEERS] },
  'POST /api/complaints/:id/steps': { on: 'done', before: [...MANAGERS, 'supplier1', 'supervisor-xh'] },
  'GET /api/public/entities/:id/credit-records': { before: EVERYONE },
  // Integrated supervision (issue 13): the overseers of any region read their region's figures and
  // alerts (the demo's alert is in Xuhui, so Shandong's never learn of it); the supervisory
  // departments act on alerts and lift measures within their region; suppliers see their own measures.
  'GET /api/supervision/dashboard': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/indicators': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/alerts': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/alerts/:id': { on: 'identity', before: OVERSEERS },
  'POST /api/supervision/alerts/:id/steps': { on: 'identity', before: ['supervisor', 'supervisor-xh', 'authority'] },
  'GET /api/supervision/alerts/:id/assignees': { on: 'identity', before: ['supervisor', 'supervisor-xh', 'authority'] },
  'GET /api/supervision/alerts/:id/files/:sha256': { on: 'identity', before: OVERSEERS },
  'GET /api/supervision/co-bidding-network': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'POST /api/supervision/redflag-runs': { before: [...SUPERVISORS, 'authority'] },
  'GET /api/supervision/redflag-runs/:id': { on: 'identity', before: [...SUPERVISORS, 'authority'] },
  'GET /api/supervision/entities/:id/credit': { on: 'identity', before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/my/credit-measures': { before: SUPPLIERS },
  'POST /api/supervision/credit-measures/:id/lift': { on: 'identity', before: ['supervisor', 'authority'] },
  'POST /api/supervision/dishonest-lists': { before: [...SUPERVISORS, 'authority'] },
  'POST /api/projects/:id/screening': { before: MANAGERS },
  'GET /api/supervision/screening-queue': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/projects/:id/evaluation-oversight': { on: 'evaluating', before: OVERSEERS },
  'GET /api/experts/:id/assessments': { on: 'identity', before: OVERSEERS },
  'GET /api/supervision/report-fields': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'POST /api/supervision/reports/run': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/reports': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'POST /api/supervision/reports': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  // Delete, and an export's state and file, answer only to the report's or the export's own author: the demo has none (test/api/reports.test.ts).
  'DELETE /api/supervision/reports/:id': 'skip',
  'POST /api/supervision/report-exports': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/report-exports/:id': 'skip',
  'GET /api/supervision/report-exports/:id/file': 'skip',
  'GET /api/market-prices': { before: [...PURCHASERS, 'agency', ...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/supervision/my-functions': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/settings/supervision-functions': { before: ['secadmin'] },
  'PUT /api/settings/supervision-functions': { before: ['secadmin'] },
  // Payment applications (seed 000): the contract's supplier files; its two parties and the region's
  // authority, treasury and supervisors follow one; all but the supervisors act at their desk.
  'POST /api/contracts/:id/payment-applications': { on: 'done', before: ['supplier-winner'] },
  'GET /api/payment-applications': { before: [...PURCHASERS, ...SUPPLIERS, ...SUPERVISORS, 'authority', 'treasury'] },
  'GET /api/payment-applications/overdue': { before: [...SUPERVISORS, 'authority'] },
  'GET /api/payment-applications/:id': { on: 'done', before: ['purchaser', 'purchaser-staff', 'supplier-winner', 'supervisor', 'supervisor-xh', 'authority', 'treasury'] },
  'GET /api/payment-applications/:id/invoice': { on: 'done', before: ['purchaser', 'purchaser-staff', 'supplier-winner', 'supervisor', 'supervisor-xh', 'authority', 'treasury'] },
  'POST /api/payment-applications/:id/decisions': { on: 'done', before: ['purchaser', 'purchaser-staff', 'supplier-winner', 'authority', 'treasury'] },
  'POST /api/payment-applications/:id/resubmission': { on: 'done', before: ['supplier-winner'] },
  // Contract financing (政采贷): the contract's supplier applies; the bank it applied to (with the
  // supplier's consent) reads and decides; no one else learns of it.
  'GET /api/financing/banks': { before: SUPPLIERS },
  'GET /api/contracts/:id/financing': { on: 'done', before: ['supplier-winner'] },
  'POST /api/contracts/:id/financing': { on: 'done', before: ['supplier-winner'] },
  'GET /api/financing': { before: ['financier'] },
  'GET /api/financing/:id': { on: 'done', before: ['supplier-winner', 'financier'] },
  'POST /api/financing/:id/approval': { on: 'done', before: ['financier'] },
  'POST /api/financing/:id/decline': { on: 'done', before: ['financier'] },
  'POST /api/financing/:id/withdrawal': { on: 'done', before: ['supplier-winner'] },
  'POST /api/projects/:id/archive': { on: 'done', before: MANAGERS },
  'GET /api/projects/:id/archive': { on: 'done', before: [...MANAGERS, ...OVERSEERS] },
  'POST /api/projects/:id/archive/verification': { on: 'done', before: [...MANAGERS, ...OVERSEERS] },
  'GET /api/projects/:id/archive/package': { on: 'done', before: [...MANAGERS, ...OVERSEERS] },
  // Venues and witnessing: rooms of the province; a project's bookings for those running it and the operator of its region.
  // The booking routes take a booking's id; the worlds hold none, so those reaching the lookup get 404 (test/api/venues.test.ts covers them).
  'GET /api/venues': { before: [...PURCHASERS, 'agency', ...OPERATORS] },
  'POST /api/venues': { before: OPERATORS },
  'GET /api/venue-calendar': { before: OPERATORS },
  'GET /api/witness-candidates': { before: OPERATORS },
  'GET /api/bookings': { before: [...PURCHASERS, 'agency'] },
  'GET /api/projects/:id/bookings': { before: [...MANAGERS, 'operator'] },
  'POST /api/projects/:id/bookings': { before: MANAGERS },
  'POST /api/bookings/:id/cancellation': { before: [...PURCHASERS, 'agency'] }, // the role passes; the probe's body is refused (400) before the lookup
  'GET /api/bookings/:id/witness': { before: NOBODY },
  'PUT /api/bookings/:id/witness': { before: OPERATORS }, // the probe's body is refused (400) before the lookup
  'PUT /api/bookings/:id/witness/record': { before: OPERATORS },
  'POST /api/bookings/:id/witness/signature': { before: OPERATORS },

  // The expert library
  'GET /api/expert-specialities': { before: EVERYONE },
  'GET /api/experts/me': { before: EXPERTS },
  'PUT /api/experts/me': { before: EXPERTS },
  'GET /api/experts/entity-choices': { before: EXPERTS },
  'GET /api/experts': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  'PUT /api/experts/:id/status': { on: 'identity', before: ['operator'] },

  // Supervision: the audit trail
  'GET /api/audit/entries': { before: AUDITORS },
  'GET /api/audit/head': { before: AUDITORS },
  'POST /api/audit/verifications': { before: AUDITORS },
  'GET /api/audit/verifications/:id': { on: 'identity', before: AUDITORS },
  // The e-mall (issue 16)
  'GET /api/mall/categories': { before: EVERYONE },
  'GET /api/mall/suppliers': { before: [...SUPERVISORS, ...OPERATORS] },
  'POST /api/mall/suppliers': { before: OPERATORS },
  'GET /api/mall/products': { before: [...PURCHASERS, ...SUPPLIERS, ...SUPERVISORS, 'authority', ...OPERATORS] },
  'POST /api/mall/products': { before: SUPPLIERS },
  'POST /api/mall/orders': { before: PURCHASERS },
  'GET /api/mall/orders': { before: [...PURCHASERS, ...SUPPLIERS] },
  'GET /api/mall/split-purchases': { before: [...SUPERVISORS, 'authority', ...OPERATORS] },
  // 网上竞价 (MALL-05..07): a basket is read by its purchaser's people, the suppliers of its province (an open call to the
  // mall's suppliers; whether one may quote is the use case's: admitted, once, before the close) and those overseeing its region.
  'POST /api/mall/baskets': { before: PURCHASERS },
  'GET /api/mall/baskets': { before: [...PURCHASERS, ...SUPPLIERS, ...SUPERVISORS, 'authority', ...OPERATORS] },
  'GET /api/mall/baskets/:id': { on: 'identity', before: ['purchaser', 'purchaser-staff', 'supplier1', 'supplier4', 'supplier-winner', 'supervisor', 'supervisor-xh', 'authority', 'operator'] },
  'POST /api/mall/baskets/:id/quotes': { on: 'identity', before: ['supplier1', 'supplier4', 'supplier-winner'] },
  'POST /api/mall/baskets/:id/decision': { on: 'identity', before: ['purchaser', 'purchaser-staff'] },
  'GET /api/public/mall/results': { before: EVERYONE },
  // 入驻审核 (MALL-08): the demo's pending application is a Shanghai supplier's, decided by Shanghai's operator only.
  'POST /api/mall/applications': { before: SUPPLIERS },
  'GET /api/mall/applications': { before: OPERATORS },
  'POST /api/mall/applications/:id/decision': { on: 'identity', before: ['operator'] },
  'GET /api/mall/my-admission': { before: SUPPLIERS },
  'GET /api/listings': { before: SIGNED_IN },
  'POST /api/listings': { before: [...PURCHASERS, ...OPERATORS] },
  // The demo's state-owned property listing in its auction (transferor: the demo purchaser's entity; bidders suppliers 1–3).
  // The writes' probe bodies are refused (400) before the row checks (the region's operator, the transferor, a qualified
  // bidder), which test/api/listing-auction.test.ts covers.
  'GET /api/listings/:id': { on: 'listing', before: SIGNED_IN },
  'GET /api/public/listings': { before: EVERYONE },
  'GET /api/public/listings/:id': { on: 'listing', before: EVERYONE },
  'POST /api/listings/:id/bidders': { on: 'listing', before: SUPPLIERS },
  'POST /api/listings/:id/bidders/:bidderId/deposit': { on: 'listing', before: OPERATORS },
  'POST /api/listings/:id/bidders/:bidderId/qualification': { on: 'listing', before: [...PURCHASERS, ...OPERATORS] },
  'POST /api/listings/:id/bids': { on: 'listing', before: SUPPLIERS },
  'GET /api/listings/:id/live': 'skip', // a stream that stays open: test/api/listing-auction.test.ts and bench:auction read it
};
