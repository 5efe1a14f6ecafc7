import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { useAuth } from '../auth';
import { errorView, serverError, type ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { ReactMutation, UnreactMutation } from '../operations';
import { hasReacted, REACTION_EMOJI, REACTION_KINDS, reactionCount, toggled, type ReactionKind, type ReactionSummary } from '../reactions';
import { ErrorMessage } from './ui';

/**
 * One button per kind with its count; the viewer's own reactions are
 * pressed. Toggling is optimistic and settles on the server's summary.
 * Visitors who are not signed in see the counts on disabled buttons.
 */
export function ReactionBar({ subjectId, summary, compact }: { subjectId: string; summary: ReactionSummary; compact?: boolean }) {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const client = useClient();
  const [current, setCurrent] = useState(summary);
  const [pending, setPending] = useState<ReactionKind | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const busy = useRef(false);

  // A newer summary from the server (refetch, live event) replaces ours
  // unless a toggle is in flight.
  useEffect(() => {
    if (!busy.current) setCurrent(summary);
  }, [summary]);

  const canReact = !!viewer;

  const toggle = async (kind: ReactionKind) => {
    if (busy.current || !canReact) return;
    busy.current = true;
    setPending(kind);
    setError(null);
    const before = current;
    const on = !hasReacted(before, kind);
    setCurrent(toggled(before, kind));
    const res = on
      ? await client.mutation(ReactMutation, { subjectId, kind }).toPromise()
      : await client.mutation(UnreactMutation, { subjectId, kind }).toPromise();
    const next = res.data && ('react' in res.data ? res.data.react : 'unreact' in res.data ? res.data.unreact : null);
    if (next) setCurrent(next);
    else {
      setCurrent(before);
      setError(errorView(serverError(res.error)) ?? { key: 'error.generic', code: 'UNKNOWN' });
    }
    busy.current = false;
    setPending(null);
  };

  // A compact bar (comments) shows the kinds somebody chose, plus "like"
  // for members to start with; the full bar shows every kind.
  const shown = compact
    ? REACTION_KINDS.filter((k) => reactionCount(current, k) > 0 || hasReacted(current, k) || (canReact && k === REACTION_KINDS[0]))
    : REACTION_KINDS;

  return (
    <div className={`reactions${compact ? ' reactions-compact' : ''}`}>
      <div className="reaction-bar" role="group" aria-label={t('reactions.label')} data-subject={subjectId}>
        {shown.map((kind) => {
          const count = reactionCount(current, kind);
          const mine = hasReacted(current, kind);
          const label = t(`reactions.kind.${kind}`);
          return (
            <button
              key={kind}
              type="button"
              className={`reaction${mine ? ' reaction-mine' : ''}${count === 0 ? ' reaction-zero' : ''}`}
              aria-pressed={mine}
              aria-label={t('reactions.button', { kind: label, count })}
              title={canReact ? label : t('reactions.signIn')}
              disabled={!canReact || pending !== null}
              aria-busy={pending === kind || undefined}
              data-kind={kind}
              onClick={() => toggle(kind)}
            >
              <span aria-hidden="true" className="reaction-emoji">
                {REACTION_EMOJI[kind]}
              </span>
              <span aria-hidden="true" className="reaction-count">
                {count}
              </span>
            </button>
          );
        })}
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}
