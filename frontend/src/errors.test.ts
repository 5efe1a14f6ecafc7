import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { errorView, normaliseField, serverError } from './errors';

const gqlError = (code: string, extra: Record<string, unknown> = {}, message = 'nope') =>
  new CombinedError({ graphQLErrors: [{ message, extensions: { code, ...extra } }] });

describe('serverError', () => {
  it('reads code and field from extensions', () => {
    expect(serverError(gqlError('BAD_USER_INPUT', { field: 'input.email' }, 'email is invalid'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
      message: 'email is invalid',
    });
  });

  it('reports network failures', () => {
    const err = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(serverError(err)?.code).toBe('NETWORK');
  });

  it('is null without an error', () => {
    expect(serverError(undefined)).toBeNull();
  });
});

describe('errorView', () => {
  const view = (code: string, ctx?: 'logIn' | 'signUp') => errorView(serverError(gqlError(code)), ctx)?.key;

  it('maps every known code to its own message', () => {
    expect(view('UNAUTHENTICATED')).toBe('error.unauthenticated');
    expect(view('UNAUTHENTICATED', 'logIn')).toBe('error.invalidCredentials');
    expect(view('FORBIDDEN')).toBe('error.forbidden');
    expect(view('NOT_FOUND')).toBe('error.notFound');
    expect(view('CONFLICT')).toBe('error.conflict');
    expect(view('CONFLICT', 'signUp')).toBe('error.emailTaken');
    expect(view('RATE_LIMITED')).toBe('error.rateLimited');
    expect(view('BAD_USER_INPUT')).toBe('error.badInput');
    expect(view('SOMETHING_NEW')).toBe('error.generic');
  });

  it('keeps the field and the server wording for bad input', () => {
    const v = errorView(serverError(gqlError('BAD_USER_INPUT', { field: 'title' }, 'title is too long')));
    expect(v).toMatchObject({ key: 'error.badInputField', field: 'title', detail: 'title is too long' });
  });

  it('normalises field paths', () => {
    expect(normaliseField('input.tags[0]')).toBe('0');
    expect(normaliseField('input.email')).toBe('email');
    expect(normaliseField('email')).toBe('email');
    expect(normaliseField('customFields.budget')).toBe('customFields.budget');
  });
});
