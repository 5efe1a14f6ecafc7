import { PageHeading } from '../components/ui';
import { useI18n } from '../i18n';
import { Link } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/boards">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
