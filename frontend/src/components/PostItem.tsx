import { useI18n } from '../i18n';
import type { Post } from '../feed';
import { Tags } from './ui';

/** One post. The body is plain text: React escapes it, line breaks are kept by CSS. */
export function PostItem({ post, fresh }: { post: Post; fresh?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const headingId = `post-${post.id}-title`;
  return (
    <article className={`card post${fresh ? ' post-fresh' : ''}`} aria-labelledby={headingId} data-post-id={post.id}>
      <header className="post-header">
        <h3 id={headingId} className="post-title">
          {post.title}
          {fresh && <span className="badge badge-new">{t('post.new')}</span>}
        </h3>
        <p className="post-meta">
          <span className="post-author">
            {t('post.by', { name: post.author.displayName })}{' '}
            <span className="muted">@{post.author.handle}</span>
          </span>
          <span aria-hidden="true"> · </span>
          <time dateTime={post.createdAt}>{t('post.postedAt', { time: formatDateTime(post.createdAt) })}</time>
        </p>
      </header>
      <p className="post-body">{post.body}</p>
      <Tags tags={post.tags} label={t('post.tags')} />
    </article>
  );
}
