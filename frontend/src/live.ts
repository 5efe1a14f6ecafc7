import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { onEnd, pipe, subscribe } from 'wonka';
import { useClientControl } from './auth';

/**
 * Calls `refetch` whenever the live socket comes back after it dropped (see
 * ResumeCounter), never on mount: what a live view received may have missed
 * events meanwhile, so it fetches again what it shows. The subscriptions
 * themselves resume by themselves.
 */
export function useOnResume(refetch: () => void) {
  const { resumes } = useClientControl();
  const count = useSyncExternalStore(resumes.subscribe, resumes.get, resumes.get);
  const seen = useRef({ resumes, count });
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    const prev = seen.current;
    seen.current = { resumes, count };
    // A new client (another session) starts its own count; the views fetch
    // for it anyway.
    if (prev.resumes === resumes && prev.count !== count) latest.current();
  }, [resumes, count]);
}

/**
 * Subscribes to a live operation while the component is mounted (variables
 * null: not yet), handing each result's data to onData. When the server
 * itself ends the subscription — it sends `complete` after its event
 * listener reconnected or a live hub failed, so events may have been missed —
 * it subscribes again after a short pause, longer each time it ends without
 * an event, and counts a resume so live views refetch (useOnResume). A
 * subscription the server refused (an error) is not retried.
 */
export function useLiveSubscription<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables | null,
  onData: (data: Data) => void,
) {
  const client = useClient();
  const { resumes } = useClientControl();
  const latest = useRef(onData);
  latest.current = onData;
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) return;
    const vars = JSON.parse(key) as Variables;
    let stopped = false;
    let quietEnds = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sub: { unsubscribe(): void } | undefined;
    const start = () => {
      let refused = false;
      sub = pipe(
        client.subscription(query, vars),
        onEnd(() => {
          if (stopped || refused) return;
          const pause = Math.min(RESUBSCRIBE_PAUSE_MS * 2 ** quietEnds, MAX_RESUBSCRIBE_PAUSE_MS);
          quietEnds++;
          timer = setTimeout(() => {
            if (stopped) return;
            resumes.bump();
            start();
          }, pause);
        }),
        subscribe((res) => {
          if (res.error) {
            refused = true;
            return;
          }
          if (res.data) {
            quietEnds = 0;
            latest.current(res.data);
          }
        }),
      );
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      sub?.unsubscribe();
    };
  }, [client, resumes, query, key]);
}

const RESUBSCRIBE_PAUSE_MS = 500;
const MAX_RESUBSCRIBE_PAUSE_MS = 10_000;
