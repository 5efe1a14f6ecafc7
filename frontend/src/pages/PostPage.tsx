import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { mayChange, useAuth } from '../auth';
import { buildThread, countThread, refreshComments, removeComment, upsertComment } from '../comments';
import { CommentComposer, CommentThread, type Comment } from '../components/Comments';
import { parseTags, MAX_BODY, MAX_TITLE } from '../components/Composer';
import { RenderedBody } from '../components/Html';
import { LiveIndicator } from '../components/LiveIndicator';
import { tagSearchPath } from '../components/PostItem';
import { ReactionBar } from '../components/ReactionBar';
import { ReportButton } from '../components/ReportButton';
import { Alert, ErrorMessage, Field, PageHeading, Sentence, SLOT, Spinner, Tags, TextArea, TextInput } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type { PostPageQuery as PostPageData } from '../gql/graphql';
import { useI18n } from '../i18n';
import { useLiveSubscription, useOnResume } from '../live';
import { BoardEventsSubscription, CommentAddedSubscription, COMMENTS_PAGE, DeletePostMutation, MoreCommentsQuery, PostPageQuery, UpdatePostMutation } from '../operations';
import { Link, useRouter } from '../router';

type PostNode = Extract<NonNullable<PostPageData['node']>, { title: string }>;
type PostData = Omit<PostNode, 'thread'>;
type Thread = PostNode['thread'];

const isPost = (n: PostPageData['node'] | undefined): n is PostNode => !!n && 'title' in n;

const threadComments = (t: Thread | null | undefined): Comment[] => t?.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];

/** Scrolls to the element the URL's #fragment names once it is rendered. */
function useScrollToHash(ready: boolean) {
  useEffect(() => {
    if (!ready || !window.location.hash) return;
    const el = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    el?.scrollIntoView?.({ block: 'center' });
    if (el) el.classList.add('targeted');
  }, [ready]);
}

export function PostPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const { navigate } = useRouter();
  const [post, setPost] = useState<PostData | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [more, setMore] = useState<{ cursor: string | null; loading: boolean } | null>(null);
  const [fresh, setFresh] = useState<string[]>([]);
  const [status, setStatus] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [error, setError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);
  const known = useRef(new Set<string>());
  const idRef = useRef(id);
  idRef.current = id;
  const commentsRef = useRef(comments);
  commentsRef.current = comments;

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    setError(null);
    client
      .query(PostPageQuery, { id, first: COMMENTS_PAGE }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        const node = res.data?.node;
        if (isPost(node)) {
          const { thread, ...rest } = node;
          const list = threadComments(thread);
          setPost(rest);
          // Keep comments that arrived live while the page was loading.
          setComments((live) => live.reduce(upsertComment, list));
          list.forEach((c) => known.current.add(c.id));
          setMore(thread.pageInfo.hasNextPage ? { cursor: thread.pageInfo.endCursor ?? null, loading: false } : null);
          setStatus('ready');
        } else if (node && 'postID' in node) {
          // A comment's id (links from notifications): open its post there.
          navigate(`/posts/${encodeURIComponent(node.postID)}#comment-${node.id}`, { replace: true });
        } else if (res.error && !res.data) {
          setError(errorView(serverError(res.error)));
          setStatus('error');
        } else setStatus('missing');
      });
    return () => {
      cancelled = true;
    };
  }, [client, id, attempt, navigate]);

  const loadMore = async () => {
    if (!more) return;
    setMore({ ...more, loading: true });
    const res = await client.query(MoreCommentsQuery, { id, first: COMMENTS_PAGE, after: more.cursor }, { requestPolicy: 'network-only' }).toPromise();
    const node = res.data?.node;
    const thread = node && 'thread' in node ? node.thread : null;
    if (!thread) {
      setError(errorView(serverError(res.error)));
      setMore({ ...more, loading: false });
      return;
    }
    const list = threadComments(thread);
    list.forEach((c) => known.current.add(c.id));
    setComments((cur) => list.reduce(upsertComment, cur));
    setMore(thread.pageInfo.hasNextPage ? { cursor: thread.pageInfo.endCursor ?? null, loading: false } : null);
  };

  // The live socket dropped and came back: events may have been missed, so
  // the post and the comments shown are fetched again (up to the largest
  // page), without clearing what is on screen meanwhile.
  useOnResume(() => {
    if (status !== 'ready') return;
    const before = new Set(commentsRef.current.map((c) => c.id));
    const first = Math.min(Math.max(COMMENTS_PAGE, before.size), 100);
    client
      .query(PostPageQuery, { id, first }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (idRef.current !== id) return;
        const node = res.data?.node;
        if (isPost(node)) {
          const { thread, ...rest } = node;
          const list = threadComments(thread);
          setPost(rest);
          setComments((shown) => refreshComments(shown, before, list, thread.pageInfo.hasNextPage));
          list.forEach((c) => known.current.add(c.id));
          setMore(thread.pageInfo.hasNextPage ? { cursor: thread.pageInfo.endCursor ?? null, loading: false } : null);
        } else if (res.data && !node) {
          setStatus('missing'); // deleted, or hidden, meanwhile
        }
      });
  });

  // New comments, live, from everyone (the viewer's own too: shown once).
  useLiveSubscription(CommentAddedSubscription, { postId: id }, (data) => {
    const c = data.commentAdded;
    if (!c) return;
    setComments((list) => upsertComment(list, c));
    if (!known.current.has(c.id)) {
      known.current.add(c.id);
      setFresh((f) => [...f, c.id]);
    }
  });

  // Everything else that changes on the post, live: edits, removals,
  // moderation, reaction counts.
  const boardId = post?.board.id;
  useLiveSubscription(BoardEventsSubscription, boardId ? { boardId } : null, (data) => {
    const ev = data.boardEvents;
    if (!ev || ev.postId !== id) return;
    switch (ev.type) {
      case 'POST_UPDATED':
        if (ev.post) setPost((p) => (p ? { ...p, ...ev.post } : p));
        break;
      case 'POST_REMOVED':
        setStatus('missing');
        break;
      case 'COMMENT_ADDED':
      case 'COMMENT_UPDATED':
        if (ev.comment) {
          const c = ev.comment;
          setComments((list) => upsertComment(list, c));
        }
        break;
      case 'COMMENT_REMOVED':
        if (ev.commentId) {
          const cid = ev.commentId;
          setComments((list) => removeComment(list, cid));
        }
        break;
      case 'REACTIONS_CHANGED':
        if (ev.reactions) {
          const r = ev.reactions;
          if (ev.commentId) setComments((list) => list.map((c) => (c.id === ev.commentId ? { ...c, reactions: r } : c)));
          else setPost((p) => (p ? { ...p, reactions: r } : p));
        }
        break;
    }
  });

  const onCreated = useCallback((c: Comment) => {
    known.current.add(c.id);
    setComments((list) => upsertComment(list, c));
  }, []);
  const onUpdated = useCallback((c: Comment) => setComments((list) => upsertComment(list, c)), []);
  const onDeleted = useCallback((cid: string) => setComments((list) => removeComment(list, cid)), []);

  useScrollToHash(status === 'ready');

  if (status === 'loading' && !post) return <Spinner />;
  if (status === 'error') {
    return (
      <div className="page">
        <BackToBoards />
        <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  if (status === 'missing' || !post) {
    return (
      <div className="page">
        <BackToBoards />
        <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
        <Alert tone="info">{t('postPage.notFound')}</Alert>
      </div>
    );
  }

  return (
    <div className="page post-page">
      <p className="backlink">
        <Link to={`/boards/${post.board.id}`}>
          <span aria-hidden="true">← </span>
          {t('postPage.back', { board: post.board.name })}
        </Link>
      </p>
      <PostView post={post} onChange={setPost} />
      <Comments postId={post.id} locked={post.locked} comments={comments} fresh={fresh} onCreated={onCreated} onUpdated={onUpdated} onDeleted={onDeleted} />
      {more && (
        <div className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={more.loading} aria-busy={more.loading || undefined}>
            {more.loading ? t('board.loadingMore') : t('board.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}

function BackToBoards() {
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

function PostView({ post, onChange }: { post: PostData; onChange(p: PostData): void }) {
  const { t, formatDateTime } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const { navigate } = useRouter();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const mine = mayChange(viewer, post.author.id);
  const own = !!viewer?.member && viewer.member.id === post.author.id;

  const remove = async () => {
    if (!window.confirm(t('postPage.confirmDelete'))) return;
    setBusy(true);
    setError(null);
    const res = await client.mutation(DeletePostMutation, { id: post.id }).toPromise();
    setBusy(false);
    if (res.error) setError(errorView(serverError(res.error)));
    else navigate(`/boards/${post.board.id}`);
  };

  const edited = Date.parse(post.updatedAt) - Date.parse(post.createdAt) > 1000;

  return (
    <article className="card post post-full" aria-labelledby="post-title" data-post-id={post.id}>
      <header className="post-header">
        <div className="post-heading-row">
          <PageHeading title={post.title} id="post-title">
            {post.title}
          </PageHeading>
          <LiveIndicator />
        </div>
        <p className="post-meta">
          <span className="post-author">
            <Sentence text={t('post.by', { name: SLOT })}>
              <Link to={`/members/${encodeURIComponent(post.author.id)}`}>{post.author.displayName}</Link>
            </Sentence>{' '}
            <span className="muted">@{post.author.handle}</span>
          </span>
          <span aria-hidden="true"> · </span>
          <time dateTime={post.createdAt}>{t('post.postedAt', { time: formatDateTime(post.createdAt) })}</time>
          {edited && <span> · {t('post.edited')}</span>}
        </p>
        <PostBadges pinned={post.pinned} locked={post.locked} hidden={post.hidden} />
      </header>
      {post.hidden && <Alert tone="info">{t('postPage.hiddenNotice')}</Alert>}
      {editing ? (
        <PostEditor
          post={post}
          onDone={(p) => {
            if (p) onChange({ ...post, ...p });
            setEditing(false);
          }}
        />
      ) : (
        <>
          <RenderedBody html={post.bodyHTML} text={post.body} className="post-body-full prose" />
          <Tags tags={post.tags} label={t('post.tags')} hrefFor={(tag) => tagSearchPath(post.board.id, tag)} />
        </>
      )}
      <ErrorMessage error={error} />
      <footer className="post-footer">
        <ReactionBar subjectId={post.id} summary={post.reactions} />
        <div className="post-actions" role="group" aria-label={t('postPage.actions')}>
          {mine && !editing && (
            <>
              <button type="button" className="button button-small" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <button type="button" className="button button-small button-danger" onClick={remove} disabled={busy}>
                {t('common.delete')}
              </button>
            </>
          )}
          {viewer && !own && <ReportButton subjectId={post.id} />}
        </div>
      </footer>
    </article>
  );
}

export function PostBadges({ pinned, locked, hidden }: { pinned?: boolean; locked?: boolean; hidden?: boolean }) {
  const { t } = useI18n();
  if (!pinned && !locked && !hidden) return null;
  return (
    <p className="post-badges">
      {pinned && <span className="badge badge-pinned">{t('post.pinned')}</span>}
      {locked && <span className="badge badge-muted">{t('post.locked')}</span>}
      {hidden && <span className="badge badge-muted">{t('post.hidden')}</span>}
    </p>
  );
}

function PostEditor({ post, onDone }: { post: PostData; onDone(p: Partial<PostData> | null): void }) {
  const { t } = useI18n();
  const client = useClient();
  const [title, setTitle] = useState(post.title);
  const [body, setBody] = useState(post.body);
  const [tags, setTags] = useState((post.tags ?? []).join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const labels = { title: t('composer.field.title'), body: t('composer.field.body'), tags: t('composer.field.tags') };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = t('composer.titleRequired');
    if (!body.trim()) errs.body = t('composer.bodyRequired');
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    const res = await client
      .mutation(UpdatePostMutation, { id: post.id, input: { title: title.trim(), body, tags: parseTags(tags) } })
      .toPromise();
    setBusy(false);
    if (res.data?.updatePost) onDone(res.data.updatePost);
    else {
      const view = errorView(serverError(res.error)) ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
      setError(view);
      if (view.field && view.field in labels) setFieldErrors({ [view.field]: view.detail || t('error.badInput') });
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={t('postPage.editTitle')}>
      <ErrorMessage error={error} fieldLabels={labels} />
      <Field label={labels.title} error={fieldErrors.title}>
        {(p) => <TextInput {...p} name="title" value={title} maxLength={MAX_TITLE} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={labels.body} error={fieldErrors.body}>
        {(p) => <TextArea {...p} name="body" rows={8} value={body} maxLength={MAX_BODY} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <Field label={labels.tags} hint={t('composer.field.tagsHint')} error={fieldErrors.tags}>
        {(p) => <TextInput {...p} name="tags" value={tags} onChange={(e) => setTags(e.target.value)} autoComplete="off" />}
      </Field>
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

function Comments({
  postId,
  locked,
  comments,
  fresh,
  onCreated,
  onUpdated,
  onDeleted,
}: {
  postId: string;
  locked: boolean;
  comments: Comment[];
  fresh: string[];
  onCreated(c: Comment): void;
  onUpdated(c: Comment): void;
  onDeleted(id: string): void;
}) {
  const { t, tn } = useI18n();
  const { viewer } = useAuth();
  const nodes = useMemo(() => buildThread(comments), [comments]);
  const freshSet = useMemo(() => new Set(fresh), [fresh]);
  const total = countThread(nodes);

  return (
    <section className="comments" id="comments" aria-labelledby="comments-title">
      <div className="posts-header">
        <h2 id="comments-title" className="section-title">
          {t('comments.title')}
        </h2>
        <p className="muted" data-testid="comment-count">
          {tn('post.comments', total)}
        </p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {fresh.length > 0 ? tn('comments.new', fresh.length) : ''}
      </p>
      {nodes.length === 0 ? (
        <p className="muted">{t('comments.empty')}</p>
      ) : (
        <CommentThread postId={postId} nodes={nodes} fresh={freshSet} locked={locked} onCreated={onCreated} onUpdated={onUpdated} onDeleted={onDeleted} />
      )}
      {locked ? (
        <Alert tone="info">{t('postPage.lockedNotice')}</Alert>
      ) : viewer ? (
        <div className="card">
          <h3 className="section-title comment-composer-title">{t('comments.write')}</h3>
          <CommentComposer postId={postId} onCreated={onCreated} />
        </div>
      ) : viewer === null ? (
        <Alert tone="info">
          <Link to={`/login?next=${encodeURIComponent(`/posts/${postId}`)}`}>{t('comments.signIn')}</Link>
        </Alert>
      ) : null}
    </section>
  );
}
