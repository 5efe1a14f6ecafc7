import type { ReactNode } from 'react';
import { Client, type AnyVariables, type GraphQLRequest, type OperationResult } from 'urql';
import { CombinedError } from '@urql/core';
import { fromValue, makeSubject, map, pipe, delay, subscribe as subscribeTo, type Subject } from 'wonka';
import { getOperationName } from '@urql/core';
import { AppClientProvider, AuthProvider } from '../auth';
import { ResumeCounter, StatusStore, type AppClient } from '../client';
import { I18nProvider, type Locale } from '../i18n';
import { Router } from '../router';

/** A canned answer: data, or GraphQL errors with extensions. */
export type Answer =
  | { data: unknown }
  | { errors: { message: string; extensions?: Record<string, unknown> }[] }
  | ((vars: AnyVariables) => { data: unknown } | { errors: { message: string; extensions?: Record<string, unknown> }[] });

export interface MockCall {
  name: string;
  variables: AnyVariables;
}

/**
 * Live events for a mock client's subscriptions: `push('CommentAdded', data)`
 * delivers `data` to every open subscription of that operation name.
 */
export class LiveFeeds {
  private subjects = new Map<string, Subject<unknown>>();
  subject(name: string): Subject<unknown> {
    let s = this.subjects.get(name);
    if (!s) {
      s = makeSubject<unknown>();
      this.subjects.set(name, s);
    }
    return s;
  }
  push(name: string, data: unknown) {
    this.subject(name).next(data);
  }
  /** Ends every open subscription of that name, as the server's `complete` does. */
  end(name: string) {
    const s = this.subjects.get(name);
    this.subjects.delete(name);
    s?.complete();
  }
  /** Whether a subscription of that name is open (it has a subject). */
  open(name: string): boolean {
    return this.subjects.has(name);
  }
}

/** A urql client that answers operations by name from `answers`. */
export function mockClient(answers: Record<string, Answer>, calls: MockCall[] = [], live = new LiveFeeds()): Client {
  const subscribe = (req: GraphQLRequest) => {
    const name = getOperationName(req.query) ?? '';
    calls.push({ name, variables: req.variables });
    const operation = { ...req, kind: 'subscription', context: {} } as unknown as OperationResult['operation'];
    return pipe(
      live.subject(name).source,
      map((data): OperationResult => ({ operation, data, error: undefined, stale: false, hasNext: true })),
    );
  };
  const answer = (req: GraphQLRequest): OperationResult => {
    const name = getOperationName(req.query) ?? '';
    calls.push({ name, variables: req.variables });
    const a0 = answers[name];
    const a = typeof a0 === 'function' ? a0(req.variables) : a0;
    const operation = { ...req, kind: 'query', context: {} } as unknown as OperationResult['operation'];
    if (!a) throw new Error(`no mock answer for ${name}`);
    if ('errors' in a) {
      return {
        operation,
        data: undefined,
        error: new CombinedError({ graphQLErrors: a.errors.map((e) => ({ message: e.message, extensions: e.extensions ?? {} })) }),
        stale: false,
        hasNext: false,
      };
    }
    return { operation, data: a.data, error: undefined, stale: false, hasNext: false };
  };
  return {
    executeQuery: (req: GraphQLRequest) => pipe(fromValue(answer(req)), delay(1)),
    executeMutation: (req: GraphQLRequest) => pipe(fromValue(answer(req)), delay(1)),
    executeSubscription: subscribe,
    query: (query: unknown, variables: AnyVariables) => ({
      toPromise: () => Promise.resolve(answer({ query, variables } as GraphQLRequest)),
    }),
    mutation: (query: unknown, variables: AnyVariables) => ({
      toPromise: () => Promise.resolve(answer({ query, variables } as GraphQLRequest)),
    }),
    // A wonka source with urql's `subscribe` shortcut, like the real
    // client's OperationResultSource.
    subscription: (query: unknown, variables: AnyVariables) => {
      const source = subscribe({ query, variables } as GraphQLRequest);
      return Object.assign(source, { subscribe: (sink: (r: OperationResult) => void) => pipe(source, subscribeTo(sink)) });
    },
  } as unknown as Client;
}

export function Providers({
  client,
  children,
  locale = 'en',
  resumes = new ResumeCounter(),
}: {
  client: Client;
  children: ReactNode;
  locale?: Locale;
  /** Bump it to act as if the live socket came back after dropping. */
  resumes?: ResumeCounter;
}) {
  const create = (): AppClient => ({ client, live: new StatusStore(), resumes, dispose() {} });
  return (
    <I18nProvider locale={locale}>
      <Router>
        <AppClientProvider create={create}>
          <AuthProvider>{children}</AuthProvider>
        </AppClientProvider>
      </Router>
    </I18nProvider>
  );
}

export const staffUser = {
  __typename: 'User',
  id: 'U1',
  email: 'staff@example.com',
  role: 'MARKETER',
  member: null,
};

export const memberUser = {
  __typename: 'User',
  id: 'U2',
  email: 'mei@example.com',
  role: 'MEMBER',
  member: { __typename: 'Member', id: 'M2', handle: 'mei', displayName: 'Mei 美' },
};
