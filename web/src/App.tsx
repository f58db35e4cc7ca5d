import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from './api';
import { THEME } from './theme';
import { PublicLayout } from './layout/PublicLayout';
import { WorkspaceLayout } from './layout/WorkspaceLayout';
import { CalendarAdminPage } from './pages/calendar/CalendarAdminPage';
import { CatalogueAdminPage } from './pages/catalogue/CatalogueAdminPage';
import { ChangePasswordPage } from './pages/identity/ChangePasswordPage';
import { EntitiesPage } from './pages/identity/EntitiesPage';
import { LoginPage } from './pages/identity/LoginPage';
import { MyEntityPage } from './pages/identity/MyEntityPage';
import { PersonsPage } from './pages/identity/PersonsPage';
import { RegisterPage } from './pages/identity/RegisterPage';
import { SecurityProfilePage } from './pages/identity/SecurityProfilePage';
import { WorkbenchPage } from './pages/identity/WorkbenchPage';
import { CalendarPage } from './pages/public/CalendarPage';
import { CataloguesPage } from './pages/public/CataloguesPage';
import { HomePage } from './pages/public/HomePage';
import { EntityLookupPage } from './pages/public/EntityLookupPage';
import { FeesPage } from './pages/public/FeesPage';
import { SmePage } from './pages/public/SmePage';
import { AuditPage } from './pages/supervision/AuditPage';
import { ContractPage } from './pages/evaluation/ContractPage';
import { EvaluationSheetPage } from './pages/evaluation/EvaluationSheetPage';
import { EvaluationsPage } from './pages/evaluation/EvaluationsPage';
import { ExpertProfilePage, ExpertsPage } from './pages/evaluation/ExpertProfilePage';
import { LettersPage } from './pages/evaluation/LettersPage';
import { NoticePage, NoticesPage } from './pages/public/NoticesPage';
import { PublicProjectPage } from './pages/public/PublicProjectPage';
import { ImportReviewPage } from './pages/trading/ImportReviewPage';
import { OpeningPage } from './pages/trading/OpeningPage';
import { PlanningPage } from './pages/trading/PlanningPage';
import { ProjectPage } from './pages/trading/ProjectPage';
import { ProjectsPage } from './pages/trading/ProjectsPage';
import { WarehousePage } from './pages/trading/WarehousePage';
import { AssetPushesPage } from './pages/trading/AssetPushesPage';
import { DemoBankPage } from './pages/money/DemoBankPage';
import { OverdueRefundsPage } from './pages/money/OverdueRefundsPage';
import { PaymentApplicationPage } from './pages/money/PaymentApplicationPage';
import { PaymentsPage } from './pages/money/PaymentsPage';
import { GuarantorPage } from './pages/money/GuarantorPage';
import { FinancierPage } from './pages/money/FinancierPage';
import { VerifyGuaranteePage } from './pages/public/VerifyGuaranteePage';

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  dayjs.locale(english ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={english ? enUSLocale : zhCNLocale} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
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
                <Route path="security" element={<SecurityProfilePage />} />
                <Route path="password" element={<ChangePasswordPage />} />
                <Route path="planning" element={<PlanningPage />} />
                <Route path="projects" element={<ProjectsPage />} />
                <Route path="projects/:id" element={<ProjectPage />} />
                <Route path="openings/:projectId" element={<OpeningPage />} />
                <Route path="import-reviews" element={<ImportReviewPage />} />
                <Route path="warehouse" element={<WarehousePage />} />
                <Route path="asset-pushes" element={<AssetPushesPage />} />
                <Route path="demo-bank" element={<DemoBankPage />} />
                <Route path="overdue-refunds" element={<OverdueRefundsPage />} />
                <Route path="guarantees" element={<GuarantorPage />} />
                <Route path="financing" element={<FinancierPage />} />
                <Route path="evaluations" element={<EvaluationsPage />} />
                <Route path="evaluations/:projectId" element={<EvaluationSheetPage />} />
                <Route path="expert-profile" element={<ExpertProfilePage />} />
                <Route path="experts" element={<ExpertsPage />} />
                <Route path="contracts/:id" element={<ContractPage />} />
                <Route path="award-letters" element={<LettersPage />} />
                <Route path="payments" element={<PaymentsPage />} />
                <Route path="payments/:id" element={<PaymentApplicationPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
