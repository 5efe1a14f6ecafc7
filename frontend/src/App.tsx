import { lazy, Suspense } from 'react';
import { AppClientProvider, AuthProvider, useAuth } from './auth';
import { Layout } from './components/Layout';
import { ErrorMessage, Spinner } from './components/ui';
import { I18nProvider } from './i18n';
import { AuthPage } from './pages/AuthPage';
import { BoardPage } from './pages/BoardPage';
import { BoardsPage } from './pages/BoardsPage';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './pages/AccountLinkPages';
import { MemberPage } from './pages/MemberPage';
import { MyAccountPage } from './pages/MyAccountPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PostPage } from './pages/PostPage';
import { MyAccountsPage } from './pages/MyAccountsPage';
import { PoolPage } from './pages/PoolPage';
import { SettingsPage } from './pages/SettingsPage';
import { matchPath, Redirect, Router, useRouter } from './router';

// Staff-only pages are loaded on first use: members never download them.
const CustomerPage = lazy(() => import('./pages/CustomerPage').then((m) => ({ default: m.CustomerPage })));
const CustomersPage = lazy(() => import('./pages/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const CustomFieldsPage = lazy(() => import('./pages/CustomFieldsPage').then((m) => ({ default: m.CustomFieldsPage })));
const LoyaltySettingsPage = lazy(() => import('./pages/LoyaltySettingsPage').then((m) => ({ default: m.LoyaltySettingsPage })));
const ApiKeysPage = lazy(() => import('./pages/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })));
const InsightsPage = lazy(() => import('./pages/InsightsPage').then((m) => ({ default: m.InsightsPage })));
const ModerationPage = lazy(() => import('./pages/ModerationPage').then((m) => ({ default: m.ModerationPage })));

export function Routes() {
  const { location } = useRouter();
  const { viewer, loadError, refresh } = useAuth();
  const path = location.pathname;

  if (viewer === undefined) return <Spinner />;

  let page;
  let m: Record<string, string> | null;
  if (path === '/' || path === '') page = <Redirect to="/boards" />;
  else if (path === '/login') page = <AuthPage mode="logIn" />;
  else if (path === '/signup') page = <AuthPage mode="signUp" />;
  else if (matchPath('/boards', path)) page = <BoardsPage />;
  else if ((m = matchPath('/boards/:id', path))) page = <BoardPage key={m.id} id={m.id} />;
  else if ((m = matchPath('/posts/:id', path))) page = <PostPage key={m.id} id={m.id} />;
  else if ((m = matchPath('/members/:id', path))) page = <MemberPage key={m.id} id={m.id} />;
  else if (path === '/forgot-password') page = <ForgotPasswordPage />;
  else if (path === '/reset-password') page = <ResetPasswordPage />;
  else if (path === '/verify-email') page = <VerifyEmailPage />;
  else if (matchPath('/me', path)) page = <MyAccountPage />;
  else if (matchPath('/customers', path)) page = <CustomersPage />;
  else if ((m = matchPath('/customers/:id', path))) page = <CustomerPage key={m.id} id={m.id} />;
  else if (matchPath('/moderation', path)) page = <ModerationPage />;
  else if (matchPath('/loyalty', path)) page = <LoyaltySettingsPage />;
  else if (matchPath('/import', path)) page = <ImportPage />;
  else if (matchPath('/accounts', path)) page = <MyAccountsPage />;
  else if (matchPath('/pool', path)) page = <PoolPage />;
  else if (matchPath('/settings', path)) page = <SettingsPage />;
  else if (matchPath('/admin/custom-fields', path)) page = <CustomFieldsPage />;
  else if (matchPath('/api-keys', path)) page = <ApiKeysPage />;
  else if (matchPath('/insights', path)) page = <InsightsPage />;
  else if ((m = matchPath('/insights/:section', path))) page = <InsightsPage section={m.section} />;
  else page = <NotFoundPage />;

  return (
    <>
      {loadError && <ErrorMessage error={loadError} onRetry={refresh} />}
      <Suspense fallback={<Spinner />}>{page}</Suspense>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Router>
        <AppClientProvider>
          <AuthProvider>
            <Layout>
              <Routes />
            </Layout>
          </AuthProvider>
        </AppClientProvider>
      </Router>
    </I18nProvider>
  );
}
