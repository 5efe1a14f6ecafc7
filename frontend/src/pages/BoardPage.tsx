import { useCallback, useEffect, useId, useReducer, useRef, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { isStaff, useAuth } from '../auth';
import { Composer } from '../components/Composer';
import { LiveIndicator } from '../components/LiveIndicator';
import { PostItem } from '../components/PostItem';
import { Alert, ErrorMessage, PageHeading, Spinner, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import { feedReducer, feedTotal, initialFeed, visiblePosts, type Post } from '../feed';
import { useI18n } from '../i18n';
import { useLiveSubscription, useOnResume } from '../live';
import { BoardEventsSubscription, BoardQuery, PostAddedSubscription, PostsQuery, SearchPostsQuery } from '../operations';
import { Link, useRouter } from '../router';

export const PAGE_SIZE = 20;
/** The largest page the server gives. */
const MAX_PAGE = 100;

export function BoardPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: BoardQuery, variables: { id } });
  const node = data?.node;
  const board = node && 'name' in node ? node : null;

  if (fetching && !data) return <Spinner />;
  if (error && !data) {
    return (
      <div className="page">
        <BackLink />
        <ErrorMessage error={errorView(serverError(error))} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (!board) {
    return (
      <div className="page">
        <BackLink />
        <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
        <Alert tone="info">{t('board.notFound')}</Alert>
      </div>
    );
  }

  return (
    <div className="page">
      <BackLink />
      <header className="page-header board-header">
        <div>
          <PageHeading title={board.name}>{board.name}</PageHeading>
          {board.description && <p className="muted">{board.description}</p>}
        </div>
        <LiveIndicator />
      </header>
      <Feed boardId={board.id} staffOnlyPosting={board.postAccess === 'STAFF'} />
    </div>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <p className="backlink">
      <Link to="/boards">
        <span aria-hidden="true">← </span>
        {t('board.back')}
      </Link>
    </p>
  );
}

function Feed({ boardId, staffOnlyPosting }: { boardId: string; staffOnlyPosting: boolean }) {
  const { t, tn } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const [feed, dispatch] = useReducer(feedReducer, initialFeed);
  const [error, setError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [searching, setSearching] = useState(false);
  const boardRef = useRef(boardId);
  boardRef.current = boardId;
  const feedRef = useRef(feed);
  feedRef.current = feed;

  // First page (again whenever the board or the client changes).
  useEffect(() => {
    let cancelled = false;
    dispatch({ type: 'reset' });
    setError(null);
    client
      .query(PostsQuery, { boardId, first: PAGE_SIZE }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        const conn = res.data?.posts;
        if (!conn) {
          setError(errorView(serverError(res.error)));
          dispatch({ type: 'failed' });
          return;
        }
        dispatch({
          type: 'page',
          append: false,
          posts: conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [],
          totalCount: conn.totalCount,
          endCursor: conn.pageInfo.endCursor ?? null,
          hasNextPage: conn.pageInfo.hasNextPage,
        });
      });
    return () => {
      cancelled = true;
    };
  }, [client, boardId, attempt]);

  // The live socket dropped and came back: events may have been missed, so
  // the pages shown are fetched again, in one request (up to the largest
  // page), without clearing what is on screen meanwhile.
  useOnResume(() => {
    const shown = feedRef.current;
    if (shown.status === 'loading') return; // the first page is on its way
    const before = new Set(visiblePosts(shown).map((p) => p.id));
    const first = Math.min(Math.max(PAGE_SIZE, shown.loaded.length), MAX_PAGE);
    client
      .query(PostsQuery, { boardId, first }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        const conn = res.data?.posts;
        if (boardRef.current !== boardId || !conn) return; // what is shown stays
        dispatch({
          type: 'refreshed',
          posts: conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [],
          totalCount: conn.totalCount,
          endCursor: conn.pageInfo.endCursor ?? null,
          hasNextPage: conn.pageInfo.hasNextPage,
          before,
        });
      });
  });

  // New posts, live.
  useLiveSubscription(PostAddedSubscription, { boardId }, (data) => {
    const post = data.postAdded;
    if (post && post.board.id === boardRef.current) dispatch({ type: 'added', post, fresh: true });
  });

  // Changes to posts already shown: edits, moderation, reactions, comments.
  useLiveSubscription(BoardEventsSubscription, { boardId }, (data) => {
    const ev = data.boardEvents;
    if (!ev) return;
    switch (ev.type) {
      case 'POST_UPDATED':
        if (ev.post) {
          const next = ev.post;
          dispatch({ type: 'patched', id: ev.postId, patch: (p) => ({ ...p, ...next }) });
        }
        break;
      case 'POST_REMOVED':
        dispatch({ type: 'removed', id: ev.postId });
        break;
      case 'COMMENT_ADDED':
        dispatch({ type: 'patched', id: ev.postId, patch: (p) => ({ ...p, comments: { ...p.comments, totalCount: p.comments.totalCount + 1 } }) });
        break;
      case 'COMMENT_REMOVED':
        dispatch({ type: 'patched', id: ev.postId, patch: (p) => ({ ...p, comments: { ...p.comments, totalCount: Math.max(0, p.comments.totalCount - 1) } }) });
        break;
      case 'REACTIONS_CHANGED':
        if (ev.reactions && !ev.commentId) {
          const r = ev.reactions;
          dispatch({ type: 'patched', id: ev.postId, patch: (p) => ({ ...p, reactions: r }) });
        }
        break;
    }
  });

  const loadMore = useCallback(async () => {
    if (!feed.endCursor) return;
    dispatch({ type: 'loadMore' });
    setError(null);
    const res = await client
      .query(PostsQuery, { boardId, first: PAGE_SIZE, after: feed.endCursor }, { requestPolicy: 'network-only' })
      .toPromise();
    if (boardRef.current !== boardId) return;
    const conn = res.data?.posts;
    if (!conn) {
      setError(errorView(serverError(res.error)));
      dispatch({ type: 'failed' });
      return;
    }
    dispatch({
      type: 'page',
      append: true,
      posts: conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [],
      totalCount: conn.totalCount,
      endCursor: conn.pageInfo.endCursor ?? null,
      hasNextPage: conn.pageInfo.hasNextPage,
    });
  }, [client, boardId, feed.endCursor]);

  const onCreated = useCallback((post: Post) => dispatch({ type: 'added', post, fresh: false }), []);

  const posts = visiblePosts(feed);
  const fresh = new Set(feed.fresh);
  const total = feedTotal(feed);

  let composer;
  if (viewer === null) {
    composer = (
      <Alert tone="info">
        <Link to={`/login?next=${encodeURIComponent(`/boards/${boardId}`)}`}>{t('composer.signInToPost')}</Link>
      </Alert>
    );
  } else if (viewer && staffOnlyPosting && !isStaff(viewer)) {
    composer = <Alert tone="info">{t('composer.staffOnly')}</Alert>;
  } else if (viewer) {
    composer = <Composer boardId={boardId} onCreated={onCreated} />;
  }

  return (
    <div className="board-layout">
      <aside className="board-aside">{composer}</aside>
      <section className="board-posts" aria-label={t('board.postsList')} aria-busy={feed.status === 'loading' || undefined}>
        <PostSearch onActive={setSearching} />
        {!searching && (
        <>
        <div className="posts-header">
          <h2 id="posts-title" className="section-title">
            {t('board.postsList')}
          </h2>
          {feed.status !== 'loading' && feed.status !== 'error' && (
            <p className="muted" data-testid="post-count">
              {tn('board.posts', total)}
            </p>
          )}
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {feed.fresh.length > 0 ? tn('board.newPosts', feed.fresh.length) : ''}
        </p>
        {error && <ErrorMessage error={error} onRetry={feed.status === 'error' ? () => setAttempt((n) => n + 1) : undefined} />}
        {feed.status === 'loading' && <Spinner />}
        {feed.status !== 'loading' && feed.status !== 'error' && posts.length === 0 && <Alert tone="info">{t('board.empty')}</Alert>}
        {posts.length > 0 && (
          <ol className="post-list">
            {posts.map((p) => (
              <li key={p.id}>
                <PostItem post={p} fresh={fresh.has(p.id)} />
              </li>
            ))}
          </ol>
        )}
        {feed.hasNextPage && (
          <div className="load-more">
            <button
              type="button"
              className="button"
              onClick={loadMore}
              disabled={feed.status === 'loadingMore'}
              aria-busy={feed.status === 'loadingMore' || undefined}
            >
              {feed.status === 'loadingMore' ? t('board.loadingMore') : t('board.loadMore')}
            </button>
          </div>
        )}
        </>
        )}
      </section>
    </div>
  );
}

const SEARCH_SIZE = 30;
const MIN_TERM = 3;
const SHORT_WORD = /^[\p{L}\p{Nd}]{2}$/u;
const IDEOGRAPH = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

/**
 * Whether the server can search for query (internal/community/search.go):
 * at least one word of 3 or more characters, of two letters or digits, or
 * one Chinese, Japanese or Korean character (社區, 茶), or a #tag. Other
 * words are ignored.
 */
export function searchable(query: string): boolean {
  return query
    .trim()
    .split(/\s+/)
    .some((w) => (w.startsWith('#') && w.length > 1) || [...w].length >= MIN_TERM || SHORT_WORD.test(w) || IDEOGRAPH.test(w));
}

/**
 * Full-text search of the board's posts (searchPosts). While a search is
 * active its results replace the live feed; clearing it brings the feed back.
 */
function PostSearch({ onActive }: { onActive(active: boolean): void }) {
  const { t, tn } = useI18n();
  const client = useClient();
  const id = useId();
  const { location, navigate } = useRouter();
  // The search lives in the address (?q=…), so a tag link (#tea) opens it
  // and a search can be shared or reloaded.
  const query = (new URLSearchParams(location.search).get('q') ?? '').trim();
  const [text, setText] = useState(query);
  const [results, setResults] = useState<{ query: string; posts: Post[]; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const setQuery = (q: string) => navigate(location.pathname + (q ? `?q=${encodeURIComponent(q)}` : ''), { replace: true });

  useEffect(() => setText(query), [query]);
  useEffect(() => onActive(query !== ''), [query, onActive]);

  useEffect(() => {
    if (!query) {
      setResults(null);
      setError(null);
      return;
    }
    let cancelled = false;
    setBusy(true);
    setError(null);
    client
      .query(SearchPostsQuery, { query, first: SEARCH_SIZE }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        setBusy(false);
        const conn = res.data?.searchPosts;
        if (!conn) {
          setError(errorView(serverError(res.error)));
          return;
        }
        const posts = conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
        setResults({ query, posts, total: conn.totalCount });
      });
    return () => {
      cancelled = true;
    };
  }, [client, query]);

  const [tooShort, setTooShort] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    const ok = q === '' || searchable(q);
    setTooShort(!ok);
    if (ok) setQuery(q);
  };
  const clear = () => {
    setText('');
    setQuery('');
  };

  return (
    <>
      <form role="search" className="toolbar post-search" onSubmit={onSubmit}>
        <label htmlFor={id}>{t('search.label')}</label>
        <div className="toolbar-row">
          <TextInput
            id={id}
            type="search"
            value={text}
            placeholder={t('search.placeholder')}
            aria-describedby={`${id}-hint`}
            aria-invalid={tooShort || undefined}
            onChange={(e) => {
              setText(e.target.value);
              setTooShort(false);
              if (!e.target.value.trim()) setQuery('');
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') clear();
            }}
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
          {query && (
            <button type="button" className="button button-quiet" onClick={clear}>
              {t('search.clear')}
            </button>
          )}
        </div>
        <p id={`${id}-hint`} className={tooShort ? 'field-error' : 'field-hint'}>
          {tooShort ? t('search.tooShort') : t('search.hint')}
        </p>
      </form>
      {query && (
        <div className="search-results" aria-busy={busy || undefined}>
          {error && <ErrorMessage error={error} />}
          {busy && !results && <Spinner />}
          {results && (
            <>
              <p className="muted" role="status" data-testid="search-status">
                {results.total === 0 ? t('search.empty', { query: results.query }) : tn('search.results', results.total, { query: results.query })}
              </p>
              {results.posts.length > 0 && (
                <ol className="post-list">
                  {results.posts.map((p) => (
                    <li key={p.id}>
                      <PostItem post={p} showBoard />
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </div>
      )}
    </>
  );
}
