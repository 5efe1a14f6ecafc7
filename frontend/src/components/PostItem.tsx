import { useI18n } from '../i18n';
import type { Post } from '../feed';
import { reactionTotal, REACTION_EMOJI } from '../reactions';
import { Link } from '../router';
import { Sentence, SLOT, Tags } from './ui';

export const postPath = (id: string) => `/posts/${encodeURIComponent(id)}`;
export const memberPath = (id: string) => `/members/${encodeURIComponent(id)}`;
/** The board page searching every board for the posts tagged tag. */
export const tagSearchPath = (boardId: string, tag: string) =>
  `/boards/${encodeURIComponent(boardId)}?q=${encodeURIComponent(`#${tag}`)}`;

/**
 * One post in a list. The body is plain text here (React escapes it, line
 * breaks are kept by CSS); the post page shows the server's rendered HTML.
 */
export function PostItem({ post, fresh, showBoard }: { post: Post; fresh?: boolean; showBoard?: boolean }) {
  const { t, tn, formatDateTime } = useI18n();
  const headingId = `post-${post.id}-title`;
  const reactions = reactionTotal(post.reactions);
  const top = post.reactions?.counts.reduce<(typeof post.reactions.counts)[number] | null>((a, c) => (!a || c.count > a.count ? c : a), null);
  return (
    <article className={`card post${fresh ? ' post-fresh' : ''}${post.pinned ? ' post-pinned' : ''}`} aria-labelledby={headingId} data-post-id={post.id}>
      <header className="post-header">
        <h3 id={headingId} className="post-title">
          <Link to={postPath(post.id)} className="post-link">
            {post.title}
          </Link>
          {post.pinned && <span className="badge badge-pinned">{t('post.pinned')}</span>}
          {post.locked && <span className="badge badge-muted">{t('post.locked')}</span>}
          {fresh && <span className="badge badge-new">{t('post.new')}</span>}
        </h3>
        <p className="post-meta">
          <span className="post-author">
            <Sentence text={t('post.by', { name: SLOT })}>
              <Link to={memberPath(post.author.id)}>{post.author.displayName}</Link>
            </Sentence>{' '}
            <span className="muted">@{post.author.handle}</span>
          </span>
          {showBoard && (
            <>
              <span aria-hidden="true"> · </span>
              <Link to={`/boards/${post.board.id}`}>{post.board.name}</Link>
            </>
          )}
          <span aria-hidden="true"> · </span>
          <time dateTime={post.createdAt}>{t('post.postedAt', { time: formatDateTime(post.createdAt) })}</time>
        </p>
      </header>
      <p className="post-body post-body-preview">{post.body}</p>
      <Tags tags={post.tags} label={t('post.tags')} hrefFor={(tag) => tagSearchPath(post.board.id, tag)} />
      <p className="post-stats muted">
        <span data-testid="reaction-total">
          {top && (
            <span aria-hidden="true" className="post-stats-emoji">
              {REACTION_EMOJI[top.kind]}{' '}
            </span>
          )}
          {tn('post.reactions', reactions)}
        </span>
        <span aria-hidden="true"> · </span>
        <Link to={`${postPath(post.id)}#comments`} data-testid="comment-total">
          {tn('post.comments', post.comments.totalCount)}
        </Link>
      </p>
    </article>
  );
}
