import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider, useClient, useQuery } from 'urql';
import { createAppClient, type AppClient, type ResumeCounter, type StatusStore } from './client';
import { errorView, serverError, type ErrorView } from './errors';
import type { ViewerFieldsFragment } from './gql/graphql';
import { LogInMutation, LogOutMutation, MeQuery, ResetPasswordMutation, SignUpMutation } from './operations';

export type Viewer = ViewerFieldsFragment;
export type Role = Viewer['role'];

export function isStaff(v: Viewer | null | undefined): boolean {
  return !!v && v.role !== 'MEMBER';
}

export function isAdmin(v: Viewer | null | undefined): boolean {
  return !!v && v.role === 'ADMIN';
}

/** Whether the viewer may edit or delete content by this member: its author, or an admin. */
export function mayChange(v: Viewer | null | undefined, authorId: string | null | undefined): boolean {
  return !!v && (v.role === 'ADMIN' || (!!v.member && v.member.id === authorId));
}

/** Whether the viewer may change customer files, log care and open tickets (managers and admins). */
export function mayWriteCustomers(v: Viewer | null | undefined): boolean {
  return !!v && (v.role === 'MANAGER' || v.role === 'ADMIN');
}

export function viewerName(v: Viewer): string {
  return v.member?.displayName || v.email;
}

// ---------------------------------------------------------------------------
// The GraphQL client. It is replaced whenever the session changes (log in,
// sign up, log out) so that no cached data and no websocket opened for the
// previous user outlives it.

interface ClientControl {
  live: StatusStore;
  resumes: ResumeCounter;
  reset(): void;
}

const ClientControlContext = createContext<ClientControl | null>(null);

export function AppClientProvider({ children, create = createAppClient }: { children: ReactNode; create?: () => AppClient }) {
  const [app, setApp] = useState<AppClient>(create);
  useEffect(() => () => app.dispose(), [app]);
  const reset = useCallback(() => setApp(create()), [create]);
  const control = useMemo(() => ({ live: app.live, resumes: app.resumes, reset }), [app, reset]);
  return (
    <ClientControlContext.Provider value={control}>
      <Provider value={app.client}>{children}</Provider>
    </ClientControlContext.Provider>
  );
}

export function useClientControl(): ClientControl {
  const ctx = useContext(ClientControlContext);
  if (!ctx) throw new Error('useClientControl must be used inside <AppClientProvider>');
  return ctx;
}

// ---------------------------------------------------------------------------
// Who is signed in.

export interface SignUpFields {
  name: string;
  email: string;
  password: string;
  /** Language of the account's mail. */
  locale?: string;
}

interface Auth {
  /** undefined while the first `me` query is in flight. */
  viewer: Viewer | null | undefined;
  /** Set when `me` could not be loaded (e.g. the server is unreachable). */
  loadError: ErrorView | null;
  logIn(email: string, password: string): Promise<ErrorView | null>;
  signUp(fields: SignUpFields): Promise<ErrorView | null>;
  logOut(): Promise<void>;
  /** Sets a new password with a mailed token; the server signs the account in. */
  resetPassword(token: string, newPassword: string): Promise<ErrorView | null>;
  refresh(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const { reset } = useClientControl();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: MeQuery, requestPolicy: 'network-only' });
  const [viewer, setViewer] = useState<Viewer | null | undefined>(undefined);

  useEffect(() => {
    if (fetching) return;
    if (data) setViewer(data.me ?? null);
    else if (error) setViewer((v) => (v === undefined ? null : v));
  }, [data, error, fetching]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      const res = await client.mutation(LogInMutation, { email, password }).toPromise();
      const user = res.data?.logIn.user;
      if (!user) return errorView(serverError(res.error), 'logIn') ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
      setViewer(user);
      reset();
      return null;
    },
    [client, reset],
  );

  const signUp = useCallback(
    async (input: SignUpFields) => {
      const res = await client.mutation(SignUpMutation, { input }).toPromise();
      const user = res.data?.signUp.user;
      if (!user) return errorView(serverError(res.error), 'signUp') ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
      setViewer(user);
      reset();
      return null;
    },
    [client, reset],
  );

  const resetPassword = useCallback(
    async (token: string, newPassword: string) => {
      const res = await client.mutation(ResetPasswordMutation, { token, newPassword }).toPromise();
      const user = res.data?.resetPassword.user;
      if (!user) return errorView(serverError(res.error)) ?? { key: 'error.generic' as const, code: 'UNKNOWN' };
      setViewer(user);
      reset();
      return null;
    },
    [client, reset],
  );

  const logOut = useCallback(async () => {
    await client.mutation(LogOutMutation, {}).toPromise();
    setViewer(null);
    reset();
  }, [client, reset]);

  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const loadError = useMemo(() => (!data && error ? errorView(serverError(error)) : null), [data, error]);

  const value = useMemo<Auth>(
    () => ({ viewer, loadError, logIn, signUp, logOut, resetPassword, refresh }),
    [viewer, loadError, logIn, signUp, logOut, resetPassword, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
