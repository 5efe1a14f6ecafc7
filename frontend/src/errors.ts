import type { CombinedError } from 'urql';
import type { MessageKey } from './i18n';

// Server errors carry extensions.code (and extensions.field for
// BAD_USER_INPUT). The UI never shows a raw server message as the main
// text: it maps the code to a translated sentence, and points at the
// offending form field when the server names one.

export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export interface ServerError {
  code: string;
  field?: string;
  message: string;
}

/** What a form does with an error: a translated message, maybe a field. */
export interface ErrorView {
  key: MessageKey;
  code: string;
  field?: string;
  /** The server's own wording, for BAD_USER_INPUT only (it explains the rule broken). */
  detail?: string;
}

export type ErrorContext = 'logIn' | 'signUp' | 'default';

/** The first GraphQL error (or the network error) as code + field. */
export function serverError(err: CombinedError | null | undefined): ServerError | null {
  if (!err) return null;
  const g = err.graphQLErrors?.[0];
  if (g) {
    const ext = (g.extensions ?? {}) as Record<string, unknown>;
    const code = typeof ext.code === 'string' ? ext.code : 'UNKNOWN';
    const rawField = typeof ext.field === 'string' ? ext.field : undefined;
    return { code, field: rawField ? normaliseField(rawField) : undefined, message: g.message };
  }
  if (err.networkError) {
    const status = (err.response as Response | undefined)?.status;
    if (status === 429) return { code: 'RATE_LIMITED', message: err.networkError.message };
    if (status === 401) return { code: 'UNAUTHENTICATED', message: err.networkError.message };
    if (status === 403) return { code: 'FORBIDDEN', message: err.networkError.message };
    return { code: 'NETWORK', message: err.networkError.message };
  }
  return { code: 'UNKNOWN', message: err.message };
}

/** `input.email` / `input[0].email` / `email` → `email`; a custom field keeps its prefix: `customFields.budget`. */
export function normaliseField(field: string): string {
  const parts = field.split(/[.[\]]+/).filter(Boolean);
  if (parts.length >= 2 && parts[parts.length - 2] === 'customFields') return `customFields.${parts[parts.length - 1]}`;
  return parts[parts.length - 1] ?? field;
}

export function errorView(err: ServerError | null, context: ErrorContext = 'default'): ErrorView | null {
  if (!err) return null;
  const base = { code: err.code, field: err.field };
  switch (err.code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return { ...base, key: err.field ? 'error.badInputField' : 'error.badInput', detail: err.message || undefined };
    case 'UNAUTHENTICATED':
      return { ...base, key: context === 'logIn' ? 'error.invalidCredentials' : 'error.unauthenticated' };
    case 'FORBIDDEN':
      return { ...base, key: 'error.forbidden' };
    case 'NOT_FOUND':
      return { ...base, key: 'error.notFound' };
    case 'CONFLICT':
      return { ...base, key: context === 'signUp' ? 'error.emailTaken' : 'error.conflict' };
    case 'RATE_LIMITED':
      return { ...base, key: 'error.rateLimited' };
    case 'INTERNAL':
    case 'INTERNAL_SERVER_ERROR':
      return { ...base, key: 'error.internal' };
    case 'NETWORK':
      return { ...base, key: 'error.network' };
    default:
      return { ...base, key: 'error.generic' };
  }
}
