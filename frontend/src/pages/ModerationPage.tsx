import { useCallback, useEffect, useState } from 'react';
import { useClient, type OperationResult } from 'urql';
import { isAdmin, isStaff, useAuth } from '../auth';
import { memberPath, postPath } from '../components/PostItem';
import { Alert, ErrorMessage, PageHeading, Sentence, SLOT, Spinner } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type { ModerationQueueQuery as QueueData } from '../gql/graphql';
import { useI18n } from '../i18n';
import {
  DismissReportMutation,
  HideCommentMutation,
  HidePostMutation,
  LockPostMutation,
  ModerationQueueQuery,
  PinPostMutation,
  UnhideCommentMutation,
  UnhidePostMutation,
} from '../operations';
import { Link, Redirect } from '../router';

type Report = NonNullable<NonNullable<NonNullable<QueueData['moderationQueue']['edges']>[number]>['node']>;

export const QUEUE_SIZE = 50;

export function ModerationPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/moderation')}`} />;
  if (!isStaff(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('moderation.title')}>{t('moderation.title')}</PageHeading>
        <Alert tone="info">{t('moderation.staffOnly')}</Alert>
      </div>
    );
  }
  return <Queue canAct={isAdmin(viewer)} />;
}

function Queue({ canAct }: { canAct: boolean }) {
  const { t, tn } = useI18n();
  const client = useClient();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    client
      .query(ModerationQueueQuery, { first: QUEUE_SIZE }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        const conn = res.data?.moderationQueue;
        if (!conn) {
          setError(errorView(serverError(res.error)));
          setReports((r) => r ?? []);
          return;
        }
        setReports(conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []);
        setTotal(conn.totalCount);
      });
    return () => {
      cancelled = true;
    };
  }, [client, attempt]);

  const patch = useCallback((fn: (r: Report) => Report | null) => {
    setReports((list) => list?.flatMap((r) => {
      const next = fn(r);
      return next ? [next] : [];
    }) ?? null);
  }, []);

  return (
    <div className="page page-wide moderation">
      <header className="page-header">
        <PageHeading title={t('moderation.title')}>{t('moderation.title')}</PageHeading>
        <p className="muted">{t('moderation.intro')}</p>
        {reports && <p data-testid="report-count">{tn('moderation.reports', total)}</p>}
      </header>
      {!canAct && <Alert tone="info">{t('moderation.adminOnly')}</Alert>}
      {error && <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {reports === null ? (
        <Spinner />
      ) : reports.length === 0 && !error ? (
        <Alert tone="success">{t('moderation.empty')}</Alert>
      ) : (
        <ol className="report-list">
          {reports.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} canAct={canAct} patch={patch} onDismissed={() => setTotal((n) => Math.max(0, n - 1))} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ReportCard({
  report,
  canAct,
  patch,
  onDismissed,
}: {
  report: Report;
  canAct: boolean;
  patch(fn: (r: Report) => Report | null): void;
  onDismissed(): void;
}) {
  const { t, formatDateTime } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const [done, setDone] = useState(false);
  const { post, comment } = report;
  const subjectHidden = comment ? comment.hidden : post.hidden;

  const run = async (fn: () => Promise<OperationResult>, apply: (r: Report) => Report | null) => {
    setBusy(true);
    setError(null);
    setDone(false);
    const res = await fn();
    setBusy(false);
    if (res.error || !res.data) {
      setError(errorView(serverError(res.error)) ?? { key: 'error.generic', code: 'UNKNOWN' });
      return;
    }
    setDone(true);
    patch((r) => (r.id === report.id ? apply(r) : r));
  };

  const hide = (hidden: boolean) =>
    run(
      () =>
        comment
          ? client.mutation(hidden ? HideCommentMutation : UnhideCommentMutation, { id: comment.id }).toPromise()
          : client.mutation(hidden ? HidePostMutation : UnhidePostMutation, { id: post.id }).toPromise(),
      (r) => (comment && r.comment ? { ...r, comment: { ...r.comment, hidden } } : { ...r, post: { ...r.post, hidden } }),
    );
  const lock = (locked: boolean) =>
    run(() => client.mutation(LockPostMutation, { id: post.id, locked }).toPromise(), (r) => ({ ...r, post: { ...r.post, locked } }));
  const pin = (pinned: boolean) =>
    run(() => client.mutation(PinPostMutation, { id: post.id, pinned }).toPromise(), (r) => ({ ...r, post: { ...r.post, pinned } }));
  const dismiss = () =>
    run(
      () => client.mutation(DismissReportMutation, { id: report.id }).toPromise(),
      () => {
        onDismissed();
        return null;
      },
    );

  const author = comment ? comment.author : post.author;
  return (
    <article className="card report" aria-labelledby={`report-${report.id}`} data-report-id={report.id}>
      <header className="report-header">
        <h2 id={`report-${report.id}`} className="section-title">
          {comment ? t('moderation.comment', { title: post.title }) : `${t('moderation.post')}: ${post.title}`}
        </h2>
        <p className="post-meta">
          <Sentence text={t('moderation.reportedBy', { name: SLOT })}>
            <Link to={memberPath(report.reporter.id)}>{report.reporter.displayName}</Link>
          </Sentence>
          <span aria-hidden="true"> · </span>
          <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time>
        </p>
      </header>
      <div className="report-reason">
        <h3 className="report-label">{t('moderation.reason')}</h3>
        <p>{report.reason}</p>
      </div>
      <blockquote className="report-subject">
        <p className="post-meta">
          <Sentence text={t('post.by', { name: SLOT })}>
            <Link to={memberPath(author.id)}>{author.displayName}</Link>
          </Sentence>
          {subjectHidden && <span className="badge badge-muted">{t('post.hidden')}</span>}
          {post.locked && <span className="badge badge-muted">{t('post.locked')}</span>}
          {post.pinned && <span className="badge badge-pinned">{t('post.pinned')}</span>}
        </p>
        {/* Reported content is shown as plain text, never as HTML. */}
        <p className="post-body post-body-preview">{comment ? comment.body : post.body}</p>
        <p>
          <Link to={postPath(post.id) + (comment ? `#comment-${comment.id}` : '')}>{t('moderation.view')}</Link>
        </p>
      </blockquote>
      <ErrorMessage error={error} />
      {done && <p className="sr-status visually-hidden" role="status">{t('moderation.done')}</p>}
      {canAct && (
        <div className="report-actions" role="group" aria-label={t('postPage.actions')}>
          <button type="button" className="button button-small" disabled={busy} onClick={() => hide(!subjectHidden)}>
            {subjectHidden ? t('moderation.unhide') : t('moderation.hide')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => lock(!post.locked)}>
            {post.locked ? t('moderation.unlock') : t('moderation.lock')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => pin(!post.pinned)}>
            {post.pinned ? t('moderation.unpin') : t('moderation.pin')}
          </button>
          <button type="button" className="button button-small button-quiet" disabled={busy} onClick={dismiss}>
            {t('moderation.dismiss')}
          </button>
        </div>
      )}
    </article>
  );
}
