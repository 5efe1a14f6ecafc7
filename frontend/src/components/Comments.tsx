import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { mayChange, useAuth } from '../auth';
import type { ThreadNode } from '../comments';
import { errorView, serverError, type ErrorView } from '../errors';
import type { CommentFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { CreateCommentMutation, DeleteCommentMutation, UpdateCommentMutation } from '../operations';
import { Link } from '../router';
import { RenderedBody } from './Html';
import { ReactionBar } from './ReactionBar';
import { ReportButton } from './ReportButton';
import { ErrorMessage, Field, TextArea } from './ui';

export type Comment = CommentFieldsFragment;

export const MAX_COMMENT = 10000;

/** Writes a comment on a post, or a reply to one of its comments. */
export function CommentComposer({
  postId,
  parent,
  onCreated,
  onCancel,
}: {
  postId: string;
  parent?: Comment;
  onCreated(c: Comment): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (parent) ref.current?.focus();
  }, [parent]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!body.trim()) {
      setFieldError(t('comments.bodyRequired'));
      ref.current?.focus();
      return;
    }
    if (body.length > MAX_COMMENT) {
      setFieldError(t('composer.tooLong', { max: MAX_COMMENT }));
      return;
    }
    setFieldError(null);
    setBusy(true);
    const res = await client.mutation(CreateCommentMutation, { input: { postId, parentId: parent?.id ?? null, body } }).toPromise();
    setBusy(false);
    const c = res.data?.createComment;
    if (c) {
      setBody('');
      onCreated(c);
      return;
    }
    const view = errorView(serverError(res.error)) ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
    if (view.field === 'body') setFieldError(view.detail || t('error.badInput'));
    else setError(view);
  };

  const label = parent ? t('comments.replyTo', { name: parent.author.displayName }) : t('comments.field.body');
  return (
    <form className={`form comment-composer${parent ? ' comment-composer-reply' : ''}`} onSubmit={onSubmit} noValidate>
      <ErrorMessage error={error} />
      <Field label={label} hint={parent ? undefined : t('comments.field.hint')} error={fieldError}>
        {(p) => (
          <TextArea
            {...p}
            ref={ref}
            name="comment"
            rows={parent ? 2 : 3}
            value={body}
            maxLength={MAX_COMMENT}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t('comments.busy') : parent ? t('comments.submitReply') : t('comments.submit')}
        </button>
      </div>
    </form>
  );
}

interface ThreadProps {
  postId: string;
  nodes: ThreadNode<Comment>[];
  /** Comments that arrived live and are not yet seen. */
  fresh: ReadonlySet<string>;
  locked: boolean;
  onCreated(c: Comment): void;
  onUpdated(c: Comment): void;
  onDeleted(id: string): void;
}

/** The reply tree: each level is a list, replies indented under their parent. */
export function CommentThread(props: ThreadProps) {
  return (
    <ol className="comment-list" data-depth={0}>
      {props.nodes.map((n) => (
        <CommentItem key={n.comment.id} node={n} {...props} />
      ))}
    </ol>
  );
}

function CommentItem({ node, ...props }: ThreadProps & { node: ThreadNode<Comment> }) {
  const { postId, fresh, locked, onCreated, onUpdated, onDeleted } = props;
  const { t, formatDateTime } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const c = node.comment;
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(c.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const mine = mayChange(viewer, c.author.id);
  const own = !!viewer?.member && viewer.member.id === c.author.id;
  const headingId = `comment-${c.id}-by`;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    setError(null);
    const res = await client.mutation(UpdateCommentMutation, { id: c.id, input: { body: draft } }).toPromise();
    setBusy(false);
    if (res.data?.updateComment) {
      onUpdated(res.data.updateComment);
      setEditing(false);
    } else setError(errorView(serverError(res.error)) ?? { key: 'error.generic', code: 'UNKNOWN' });
  };

  const remove = async () => {
    if (!window.confirm(t('comments.confirmDelete'))) return;
    setBusy(true);
    setError(null);
    const res = await client.mutation(DeleteCommentMutation, { id: c.id }).toPromise();
    setBusy(false);
    if (res.error) setError(errorView(serverError(res.error)));
    else onDeleted(c.id);
  };

  const edited = c.updatedAt && c.createdAt && Date.parse(c.updatedAt) - Date.parse(c.createdAt) > 1000;

  return (
    <li className="comment-item" id={`comment-${c.id}`}>
      <article className={`comment${fresh.has(c.id) ? ' comment-fresh' : ''}${c.hidden ? ' comment-hidden' : ''}`} aria-labelledby={headingId} data-comment-id={c.id}>
        <header className="comment-header">
          <span id={headingId} className="comment-author">
            <Link to={`/members/${encodeURIComponent(c.author.id)}`}>{c.author.displayName}</Link>{' '}
            <span className="muted">@{c.author.handle}</span>
          </span>
          <span className="comment-meta muted">
            <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            {edited && <span> · {t('post.edited')}</span>}
            {c.hidden && <span className="badge badge-muted">{t('comments.hidden')}</span>}
            {fresh.has(c.id) && <span className="badge badge-new">{t('post.new')}</span>}
          </span>
        </header>
        {editing ? (
          <form className="form" onSubmit={save} noValidate>
            <Field label={t('comments.editLabel')}>
              {(p) => <TextArea {...p} rows={3} value={draft} maxLength={MAX_COMMENT} onChange={(e) => setDraft(e.target.value)} />}
            </Field>
            <div className="form-actions">
              <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button button-primary" disabled={busy || !draft.trim()}>
                {busy ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </form>
        ) : (
          <RenderedBody html={c.bodyHTML} text={c.body} className="comment-body prose" />
        )}
        <ErrorMessage error={error} />
        <footer className="comment-actions">
          <ReactionBar subjectId={c.id} summary={c.reactions} compact />
          {viewer && !locked && (
            <button
              type="button"
              className="button button-quiet button-small"
              aria-expanded={replying}
              aria-label={t('comments.replyTo', { name: c.author.displayName })}
              onClick={() => setReplying((r) => !r)}
            >
              {t('comments.reply')}
            </button>
          )}
          {mine && !editing && (
            <>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  setDraft(c.body);
                  setEditing(true);
                }}
              >
                {t('common.edit')}
              </button>
              <button type="button" className="button button-quiet button-small button-danger" onClick={remove} disabled={busy}>
                {t('common.delete')}
              </button>
            </>
          )}
          {viewer && !own && <ReportButton subjectId={c.id} />}
        </footer>
      </article>
      {replying && (
        <CommentComposer
          postId={postId}
          parent={c}
          onCreated={(reply) => {
            setReplying(false);
            onCreated(reply);
          }}
          onCancel={() => setReplying(false)}
        />
      )}
      {node.replies.length > 0 && (
        <ol className="comment-list comment-replies" data-depth={Math.min(node.depth + 1, 6)} aria-label={t('comments.thread', { name: c.author.displayName })}>
          {node.replies.map((n) => (
            <CommentItem key={n.comment.id} node={n} {...props} />
          ))}
        </ol>
      )}
    </li>
  );
}
