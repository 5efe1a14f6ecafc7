import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { useAuth } from '../auth';
import { PostItem } from '../components/PostItem';
import { Alert, ErrorMessage, PageHeading, Spinner } from '../components/ui';
import { errorView, serverError, type ErrorView } from '../errors';
import type { MemberFieldsFragment, MemberProfileQuery as MemberProfileData, PostFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { FollowMutation, MemberProfileQuery, UnfollowMutation } from '../operations';
import { Link } from '../router';

type Member = MemberFieldsFragment;
type ProfileNode = Extract<NonNullable<MemberProfileData['node']>, { handle: string }>;

const isMember = (n: MemberProfileData['node'] | undefined): n is ProfileNode => !!n && 'handle' in n;

export function MemberPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [member, setMember] = useState<Member | null>(null);
  const [posts, setPosts] = useState<PostFieldsFragment[]>([]);
  const [status, setStatus] = useState<'loading' | 'ready' | 'missing' | 'error'>('loading');
  const [error, setError] = useState<ErrorView | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    client
      .query(MemberProfileQuery, { id }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (cancelled) return;
        const m = res.data?.node;
        if (isMember(m)) {
          const { posts: conn, ...rest } = m;
          setMember(rest);
          setPosts(conn.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []);
          setStatus('ready');
        } else if (res.error && !res.data) {
          setError(errorView(serverError(res.error)));
          setStatus('error');
        } else setStatus('missing');
      });
    return () => {
      cancelled = true;
    };
  }, [client, id, attempt]);

  if (status === 'loading') return <Spinner />;
  if (status === 'error') return <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (status === 'missing' || !member) {
    return (
      <div className="page">
        <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
        <Alert tone="info">{t('member.notFound')}</Alert>
      </div>
    );
  }

  return (
    <div className="page member-page">
      <Profile member={member} onChange={setMember} />
      <section className="board-posts" aria-labelledby="member-posts">
        <h2 id="member-posts" className="section-title">
          {t('member.posts')}
        </h2>
        {posts.length === 0 ? (
          <p className="muted">{t('member.noPosts')}</p>
        ) : (
          <ol className="post-list">
            {posts.map((p) => (
              <li key={p.id}>
                <PostItem post={p} showBoard />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function initials(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '?';
  // CJK names: the first character; others: first letters of two words.
  if (/\p{Script=Han}/u.test(chars[0])) return chars[0];
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0].toUpperCase())
    .join('');
}

function Profile({ member, onChange }: { member: Member; onChange(m: Member): void }) {
  const { t, tn, formatDate } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const self = viewer?.member?.id === member.id;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const following = member.viewerFollows;
    // Optimistic: the button and the count change at once.
    onChange({ ...member, viewerFollows: !following, followerCount: Math.max(0, member.followerCount + (following ? -1 : 1)) });
    const res = following
      ? await client.mutation(UnfollowMutation, { memberId: member.id }).toPromise()
      : await client.mutation(FollowMutation, { memberId: member.id }).toPromise();
    setBusy(false);
    const next = res.data && ('follow' in res.data ? res.data.follow : 'unfollow' in res.data ? res.data.unfollow : null);
    if (next) onChange(next);
    else {
      onChange(member);
      setError(errorView(serverError(res.error)) ?? { key: 'error.generic', code: 'UNKNOWN' });
    }
  };

  return (
    <header className="card profile">
      <div className="profile-avatar" aria-hidden="true">
        {member.avatarURL ? <img src={member.avatarURL} alt="" width={72} height={72} /> : <span>{initials(member.displayName)}</span>}
      </div>
      <div className="profile-main">
        <PageHeading title={member.displayName}>{member.displayName}</PageHeading>
        <p className="muted profile-handle">@{member.handle}</p>
        <p className={`profile-bio${member.bio ? '' : ' muted'}`}>{member.bio || t('member.noBio')}</p>
        <ul className="profile-stats">
          <li data-testid="follower-count">{tn('member.followers', member.followerCount)}</li>
          <li data-testid="following-count">{tn('member.following', member.followingCount)}</li>
          <li className="muted">{t('member.joined', { date: formatDate(member.createdAt) })}</li>
        </ul>
        <ErrorMessage error={error} />
      </div>
      <div className="profile-actions">
        {self ? (
          <p className="muted">{t('member.you')}</p>
        ) : viewer?.member ? (
          <button
            type="button"
            className={`button ${member.viewerFollows ? '' : 'button-primary'}`}
            aria-label={member.viewerFollows ? t('member.unfollow.label', { name: member.displayName }) : t('member.follow.label', { name: member.displayName })}
            onClick={toggle}
            disabled={busy}
          >
            {member.viewerFollows ? t('member.unfollow') : t('member.follow')}
          </button>
        ) : viewer === null ? (
          <Link className="button" to={`/login?next=${encodeURIComponent(`/members/${member.id}`)}`}>
            {t('member.signInToFollow')}
          </Link>
        ) : null}
      </div>
    </header>
  );
}
