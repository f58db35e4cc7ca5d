import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from './api';
import { antdLocale, loadWorkspaceTexts } from './i18n';
import { THEME } from './theme';
import { PublicLayout } from './layout/PublicLayout';

// Every page is loaded when first opened, in its own chunk: a visitor's first page downloads the shell
// (React, antd's core, the router, the portal's Chinese texts) and that page only, never the workspace.
const LoginPage = lazy(() => import('./pages/identity/LoginPage').then((m) => ({ default: m.LoginPage })));
const RegisterPage = lazy(() => import('./pages/identity/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const CalendarPage = lazy(() => import('./pages/public/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const CataloguesPage = lazy(() => import('./pages/public/CataloguesPage').then((m) => ({ default: m.CataloguesPage })));
const HomePage = lazy(() => import('./pages/public/HomePage').then((m) => ({ default: m.HomePage })));
const NoticePage = lazy(() => import('./pages/public/NoticePage').then((m) => ({ default: m.NoticePage })));
const DisclosureRatePage = lazy(() => import('./pages/public/DisclosureRatePage').then((m) => ({ default: m.DisclosureRatePage })));
const EntityLookupPage = lazy(() => import('./pages/public/EntityLookupPage').then((m) => ({ default: m.EntityLookupPage })));
const ExternalListPage = lazy(() => import('./pages/public/ExternalListPage').then((m) => ({ default: m.ExternalListPage })));
const ExternalPage = lazy(() => import('./pages/public/ExternalPage').then((m) => ({ default: m.ExternalPage })));
const FeesPage = lazy(() => import('./pages/public/FeesPage').then((m) => ({ default: m.FeesPage })));
const SmePage = lazy(() => import('./pages/public/SmePage').then((m) => ({ default: m.SmePage })));
const NoticesPage = lazy(() => import('./pages/public/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const PublicListingsPage = lazy(() => import('./pages/public/PublicListingsPage').then((m) => ({ default: m.PublicListingsPage })));
const PublicListingPage = lazy(() => import('./pages/public/PublicListingPage').then((m) => ({ default: m.PublicListingPage })));
const PublicProjectPage = lazy(() => import('./pages/public/PublicProjectPage').then((m) => ({ default: m.PublicProjectPage })));
const VerifyGuaranteePage = lazy(() => import('./pages/public/VerifyGuaranteePage').then((m) => ({ default: m.VerifyGuaranteePage })));
// The workspace's texts come with its layout, before any of its pages renders.
const WorkspaceLayout = lazy(() => Promise.all([import('./layout/WorkspaceLayout'), loadWorkspaceTexts()]).then(([m]) => ({ default: m.WorkspaceLayout })));
const ListingsPage = lazy(() => import('./pages/listings/ListingsPage').then((m) => ({ default: m.ListingsPage })));
const ListingPage = lazy(() => import('./pages/listings/ListingsPage').then((m) => ({ default: m.ListingPage })));
const CalendarAdminPage = lazy(() => import('./pages/calendar/CalendarAdminPage').then((m) => ({ default: m.CalendarAdminPage })));
const CatalogueAdminPage = lazy(() => import('./pages/catalogue/CatalogueAdminPage').then((m) => ({ default: m.CatalogueAdminPage })));
const ChangePasswordPage = lazy(() => import('./pages/identity/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
const EntitiesPage = lazy(() => import('./pages/identity/EntitiesPage').then((m) => ({ default: m.EntitiesPage })));
const MyEntityPage = lazy(() => import('./pages/identity/MyEntityPage').then((m) => ({ default: m.MyEntityPage })));
const PersonsPage = lazy(() => import('./pages/identity/PersonsPage').then((m) => ({ default: m.PersonsPage })));
const SupervisionFunctionsPage = lazy(() => import('./pages/identity/SupervisionFunctionsPage').then((m) => ({ default: m.SupervisionFunctionsPage })));
const SecurityProfilePage = lazy(() => import('./pages/identity/SecurityProfilePage').then((m) => ({ default: m.SecurityProfilePage })));
const WorkbenchPage = lazy(() => import('./pages/identity/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })));
// The supervision pages with charts (dashboard, network) share a chunk with the parts of ECharts they draw; no other page loads them.
const DashboardPage = lazy(() => import('./pages/supervision/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const AlertsPage = lazy(() => import('./pages/supervision/AlertsPage').then((m) => ({ default: m.AlertsPage })));
const AlertPage = lazy(() => import('./pages/supervision/AlertPage').then((m) => ({ default: m.AlertPage })));
const EntityCreditPage = lazy(() => import('./pages/supervision/CreditPages').then((m) => ({ default: m.EntityCreditPage })));
const MyCreditPage = lazy(() => import('./pages/supervision/CreditPages').then((m) => ({ default: m.MyCreditPage })));
const DishonestListPage = lazy(() => import('./pages/supervision/CreditPages').then((m) => ({ default: m.DishonestListPage })));
const NetworkPage = lazy(() => import('./pages/supervision/NetworkPage').then((m) => ({ default: m.NetworkPage })));
const ScreeningQueuePage = lazy(() => import('./pages/supervision/ScreeningQueuePage').then((m) => ({ default: m.ScreeningQueuePage })));
const ReportsPage = lazy(() => import('./pages/supervision/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const MarketPricesPage = lazy(() => import('./pages/supervision/MarketPrices').then((m) => ({ default: m.MarketPricesPage })));
const EvaluationOversightPage = lazy(() => import('./pages/supervision/OversightPages').then((m) => ({ default: m.EvaluationOversightPage })));
const DrawReplayPage = lazy(() => import('./pages/supervision/OversightPages').then((m) => ({ default: m.DrawReplayPage })));
const AuditPage = lazy(() => import('./pages/supervision/AuditPage').then((m) => ({ default: m.AuditPage })));
const ContractPage = lazy(() => import('./pages/evaluation/ContractPage').then((m) => ({ default: m.ContractPage })));
const EvaluationSheetPage = lazy(() => import('./pages/evaluation/EvaluationSheetPage').then((m) => ({ default: m.EvaluationSheetPage })));
const EvaluationsPage = lazy(() => import('./pages/evaluation/EvaluationsPage').then((m) => ({ default: m.EvaluationsPage })));
const ExpertProfilePage = lazy(() => import('./pages/evaluation/ExpertProfilePage').then((m) => ({ default: m.ExpertProfilePage })));
const ExpertsPage = lazy(() => import('./pages/evaluation/ExpertProfilePage').then((m) => ({ default: m.ExpertsPage })));
const LettersPage = lazy(() => import('./pages/evaluation/LettersPage').then((m) => ({ default: m.LettersPage })));
const ImportReviewPage = lazy(() => import('./pages/trading/ImportReviewPage').then((m) => ({ default: m.ImportReviewPage })));
const OpeningPage = lazy(() => import('./pages/trading/OpeningPage').then((m) => ({ default: m.OpeningPage })));
const PlanningPage = lazy(() => import('./pages/trading/PlanningPage').then((m) => ({ default: m.PlanningPage })));
const ProjectPage = lazy(() => import('./pages/trading/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const ProjectsPage = lazy(() => import('./pages/trading/ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const MallPage = lazy(() => import('./pages/mall/MallPage').then((m) => ({ default: m.MallPage })));
const BasketPage = lazy(() => import('./pages/mall/BasketPages').then((m) => ({ default: m.BasketPage })));
const BasketNewPage = lazy(() => import('./pages/mall/BasketPages').then((m) => ({ default: m.BasketNewPage })));
const MallAdmissionsPage = lazy(() => import('./pages/mall/AdmissionPages').then((m) => ({ default: m.AdmissionsPage })));
const WarehousePage = lazy(() => import('./pages/trading/WarehousePage').then((m) => ({ default: m.WarehousePage })));
const AssetPushesPage = lazy(() => import('./pages/trading/AssetPushesPage').then((m) => ({ default: m.AssetPushesPage })));
const NoticeOutboxPage = lazy(() => import('./pages/exchange/NoticeOutboxPage').then((m) => ({ default: m.NoticeOutboxPage })));
const SubPlatformSyncPage = lazy(() => import('./pages/exchange/SubPlatformSyncPage').then((m) => ({ default: m.SubPlatformSyncPage })));
const DemoBankPage = lazy(() => import('./pages/money/DemoBankPage').then((m) => ({ default: m.DemoBankPage })));
const OverdueRefundsPage = lazy(() => import('./pages/money/OverdueRefundsPage').then((m) => ({ default: m.OverdueRefundsPage })));
const PaymentApplicationPage = lazy(() => import('./pages/money/PaymentApplicationPage').then((m) => ({ default: m.PaymentApplicationPage })));
const PaymentsPage = lazy(() => import('./pages/money/PaymentsPage').then((m) => ({ default: m.PaymentsPage })));
const GuarantorPage = lazy(() => import('./pages/money/GuarantorPage').then((m) => ({ default: m.GuarantorPage })));
const CasesPage = lazy(() => import('./pages/cases/CasesPage').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('./pages/cases/CasePage').then((m) => ({ default: m.CasePage })));
const ChallengeFilingPage = lazy(() => import('./pages/cases/ChallengeFilingPage').then((m) => ({ default: m.ChallengeFilingPage })));
const FinancierPage = lazy(() => import('./pages/money/FinancierPage').then((m) => ({ default: m.FinancierPage })));
const BookingsPage = lazy(() => import('./pages/services/BookingsPage').then((m) => ({ default: m.BookingsPage })));
const VenueCalendarPage = lazy(() => import('./pages/services/VenueCalendarPage').then((m) => ({ default: m.VenueCalendarPage })));

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={THEME}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          {/* While a page's chunk arrives (the first visit only; navigations keep the old page meanwhile). */}
          <Suspense fallback={<Spin fullscreen />}>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route index element={<HomePage />} />
              <Route path="catalogues/:kind?" element={<CataloguesPage />} />
              <Route path="calendar" element={<CalendarPage />} />
              <Route path="login" element={<LoginPage />} />
              <Route path="register" element={<RegisterPage />} />
              <Route path="notices" element={<NoticesPage />} />
              <Route path="notices/:id" element={<NoticePage />} />
              <Route path="projects/:id" element={<PublicProjectPage />} />
              <Route path="external" element={<ExternalListPage />} />
              <Route path="external/:ocid" element={<ExternalPage />} />
              <Route path="listings" element={<PublicListingsPage />} />
              <Route path="listings/:id" element={<PublicListingPage />} />
              <Route path="disclosure" element={<DisclosureRatePage />} />
              <Route path="guarantees/verify" element={<VerifyGuaranteePage />} />
              <Route path="entities" element={<EntityLookupPage />} />
              <Route path="sme" element={<SmePage />} />
              <Route path="fees" element={<FeesPage />} />
            </Route>
            <Route path="workspace" element={<WorkspaceLayout />}>
              <Route index element={<WorkbenchPage />} />
              <Route path="entities" element={<EntitiesPage />} />
              <Route path="my-entity" element={<MyEntityPage />} />
              <Route path="persons" element={<PersonsPage />} />
              <Route path="catalogues" element={<CatalogueAdminPage />} />
              <Route path="calendar" element={<CalendarAdminPage />} />
              <Route path="audit" element={<AuditPage />} />
              <Route path="supervision" element={<DashboardPage />} />
              <Route path="supervision/alerts" element={<AlertsPage />} />
              <Route path="supervision/alerts/:id" element={<AlertPage />} />
              <Route path="supervision/entities/:id/credit" element={<EntityCreditPage />} />
              <Route path="supervision/dishonest-lists" element={<DishonestListPage />} />
              <Route path="supervision/network" element={<NetworkPage />} />
              <Route path="supervision/screening" element={<ScreeningQueuePage />} />
              <Route path="supervision/reports" element={<ReportsPage />} />
              <Route path="market-prices" element={<MarketPricesPage />} />
              <Route path="projects/:id/evaluation-oversight" element={<EvaluationOversightPage />} />
              <Route path="projects/:id/draw-replay" element={<DrawReplayPage />} />
              <Route path="credit" element={<MyCreditPage />} />
              <Route path="security" element={<SecurityProfilePage />} />
              <Route path="security/supervision-functions" element={<SupervisionFunctionsPage />} />
              <Route path="password" element={<ChangePasswordPage />} />
              <Route path="planning" element={<PlanningPage />} />
              <Route path="projects" element={<ProjectsPage />} />
              <Route path="projects/:id" element={<ProjectPage />} />
              <Route path="openings/:projectId" element={<OpeningPage />} />
              <Route path="import-reviews" element={<ImportReviewPage />} />
              <Route path="warehouse" element={<WarehousePage />} />
              <Route path="mall" element={<MallPage />} />
              <Route path="mall/baskets/new" element={<BasketNewPage />} />
              <Route path="mall/baskets/:id" element={<BasketPage />} />
              <Route path="mall/admissions" element={<MallAdmissionsPage />} />
              <Route path="listings" element={<ListingsPage />} />
              <Route path="listings/:id" element={<ListingPage />} />
              <Route path="asset-pushes" element={<AssetPushesPage />} />
              <Route path="notice-outbox" element={<NoticeOutboxPage />} />
              <Route path="sub-platforms" element={<SubPlatformSyncPage />} />
              <Route path="demo-bank" element={<DemoBankPage />} />
              <Route path="overdue-refunds" element={<OverdueRefundsPage />} />
              <Route path="guarantees" element={<GuarantorPage />} />
              <Route path="financing" element={<FinancierPage />} />
              <Route path="bookings" element={<BookingsPage />} />
              <Route path="venues" element={<VenueCalendarPage />} />
              <Route path="evaluations" element={<EvaluationsPage />} />
              <Route path="evaluations/:projectId" element={<EvaluationSheetPage />} />
              <Route path="expert-profile" element={<ExpertProfilePage />} />
              <Route path="experts" element={<ExpertsPage />} />
              <Route path="contracts/:id" element={<ContractPage />} />
              <Route path="award-letters" element={<LettersPage />} />
              <Route path="payments" element={<PaymentsPage />} />
              <Route path="payments/:id" element={<PaymentApplicationPage />} />
              <Route path="cases" element={<CasesPage />} />
              <Route path="cases/challenges/:id" element={<CasePage kind="challenge" />} />
              <Route path="cases/complaints/:id" element={<CasePage kind="complaint" />} />
              <Route path="projects/:id/challenge" element={<ChallengeFilingPage />} />
            </Route>
          </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
