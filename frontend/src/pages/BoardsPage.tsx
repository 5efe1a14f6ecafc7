import { useQuery } from 'urql';
import { Alert, ErrorMessage, PageHeading, Spinner } from '../components/ui';
import { errorView, serverError } from '../errors';
import { useI18n } from '../i18n';
import { BoardsQuery } from '../operations';
import { Link } from '../router';

export function boardPath(id: string): string {
  return `/boards/${encodeURIComponent(id)}`;
}

export function BoardsPage() {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: BoardsQuery, requestPolicy: 'cache-and-network' });
  const boards = (data?.boards.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <div className="page">
      <header className="page-header">
        <PageHeading title={t('boards.title')}>{t('boards.title')}</PageHeading>
        <p className="muted">{t('boards.intro')}</p>
      </header>
      {error && !data && (
        <ErrorMessage error={errorView(serverError(error))} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      )}
      {fetching && !data && <Spinner />}
      {data && boards.length === 0 && <Alert tone="info">{t('boards.empty')}</Alert>}
      {boards.length > 0 && (
        <ul className="board-grid">
          {boards.map((b) => (
            <li key={b.id} className="card board-card">
              <h2 className="board-card-title">
                <Link to={boardPath(b.id)} className="stretched-link">
                  {b.name}
                </Link>
              </h2>
              {b.description && <p className="muted board-card-desc">{b.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
