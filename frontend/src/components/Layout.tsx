import { type ReactNode } from 'react';
import { isAdmin, isStaff, mayWriteCustomers, useAuth, viewerName } from '../auth';
import { useI18n } from '../i18n';
import { Link, useRouter } from '../router';
import { LanguageSwitch } from './LanguageSwitch';
import { HeaderBell } from './NotificationBell';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { viewer, logOut } = useAuth();
  const { navigate, location } = useRouter();
  const section = location.pathname.split('/')[1] ?? '';

  const onLogOut = async () => {
    await logOut();
    navigate('/login');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/boards" className="brand" aria-current={undefined}>
            <span className="brand-mark" aria-hidden="true">
              K
            </span>
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.main')} className="mainnav">
            <ul>
              <li>
                <Link to="/boards" aria-current={section === 'boards' ? 'page' : undefined}>
                  {t('nav.boards')}
                </Link>
              </li>
              {viewer && !isStaff(viewer) && (
                <li>
                  <Link to="/me" aria-current={section === 'me' ? 'page' : undefined}>
                    {t('nav.myAccount')}
                  </Link>
                </li>
              )}
              {isStaff(viewer) && (
                <li>
                  <Link to="/customers" aria-current={section === 'customers' ? 'page' : undefined}>
                    {t('nav.customers')}
                  </Link>
                </li>
              )}
              {mayWriteCustomers(viewer) && (
                <li>
                  <Link to="/import" aria-current={section === 'import' ? 'page' : undefined}>
                    {t('nav.import')}
                  </Link>
                </li>
              )}
              {isStaff(viewer) && (
                <li>
                  <Link to="/accounts" aria-current={section === 'accounts' ? 'page' : undefined}>
                    {t('nav.accounts')}
                  </Link>
                </li>
              )}
              {isStaff(viewer) && (
                <li>
                  <Link to="/pool" aria-current={section === 'pool' ? 'page' : undefined}>
                    {t('nav.pool')}
                  </Link>
                </li>
              )}
              {isStaff(viewer) && (
                <li>
                  <Link to="/insights" aria-current={section === 'insights' ? 'page' : undefined}>
                    {t('nav.insights')}
                  </Link>
                </li>
              )}
              {isStaff(viewer) && (
                <li>
                  <Link to="/moderation" aria-current={section === 'moderation' ? 'page' : undefined}>
                    {t('nav.moderation')}
                  </Link>
                </li>
              )}
              {isAdmin(viewer) && (
                <li>
                  <Link to="/settings" aria-current={section === 'settings' ? 'page' : undefined}>
                    {t('nav.settings')}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
          <div className="topbar-end">
            <LanguageSwitch />
            {viewer ? (
              <div className="account">
                <HeaderBell />
                {viewer.member ? (
                  <Link
                    to={`/members/${encodeURIComponent(viewer.member.id)}`}
                    className="account-name"
                    data-testid="account-name"
                    title={t('nav.profile')}
                    aria-current={undefined}
                  >
                    <span className="account-label">{viewerName(viewer)}</span>
                    <span className="role-badge">{t(`role.${viewer.role}`)}</span>
                  </Link>
                ) : (
                  <span className="account-name" data-testid="account-name" title={t('nav.signedInAs', { name: viewerName(viewer) })}>
                    <span className="account-label">{viewerName(viewer)}</span>
                    <span className="role-badge">{t(`role.${viewer.role}`)}</span>
                  </span>
                )}
                <button type="button" className="button button-quiet" onClick={onLogOut} title={t('nav.signedInAs', { name: viewerName(viewer) })}>
                  {t('nav.logOut')}
                </button>
              </div>
            ) : viewer === null ? (
              <div className="account">
                <Link to="/login" className="button button-quiet">
                  {t('nav.logIn')}
                </Link>
                <Link to="/signup" className="button">
                  {t('nav.signUp')}
                </Link>
              </div>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
