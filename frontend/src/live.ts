import { useEffect, useRef, useSyncExternalStore } from 'react';
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
