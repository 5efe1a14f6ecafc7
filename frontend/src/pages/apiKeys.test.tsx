import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Routes } from '../App';
import { Layout } from '../components/Layout';
import { accountDefaults } from '../test/accountMocks';
import { mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import { parseSources } from './ApiKeysPage';

const adminUser = { ...staffUser, id: 'U9', email: 'root@example.com', role: 'ADMIN' };
const noNotifications = {
  data: {
    unread: { __typename: 'NotificationConnection', totalCount: 0 },
    myNotifications: { __typename: 'NotificationConnection', edges: [] },
  },
};

const key = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  __typename: 'ApiKey',
  id,
  name,
  prefix: `kith_pk_${id}abcdef`.slice(0, 16),
  scopes: ['orders:write'],
  sources: ['shop'],
  createdAt: '2025-01-01T00:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  active: true,
  ...over,
});

const list = (keys: unknown[]) => ({
  data: { apiKeys: { __typename: 'ApiKeyConnection', totalCount: keys.length, edges: keys.map((node) => ({ __typename: 'ApiKeyEdge', node })) } },
});

function renderAt(path: string, answers: Record<string, Answer>) {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  render(
    <Providers client={mockClient({ ...accountDefaults, MyNotifications: noNotifications, ...answers }, calls)}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return calls;
}

afterEach(() => vi.restoreAllMocks());

describe('ApiKeysPage', () => {
  it('is for admins only', async () => {
    renderAt('/api-keys', { Me: { data: { me: staffUser } } });
    expect(await screen.findByText('Only administrators manage API keys.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();
  });

  it('issues a key, shows its secret once with a copy button, and lists keys with prefix, scopes, sources and last use', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const used = key('2', 'ERP', { scopes: ['customers:read'], sources: [], lastUsedAt: '2025-03-01T08:00:00Z' });
    let issued = false;
    const calls = renderAt('/api-keys', {
      Me: { data: { me: adminUser } },
      ApiKeys: () => (issued ? list([key('3', 'Shop'), used]) : list([used])),
      IssueApiKey: () => {
        issued = true;
        return { data: { issueApiKey: { __typename: 'IssuedApiKey', secret: 'kith_pk_3abcdefSECRET', key: key('3', 'Shop') } } };
      },
    });
    expect(await screen.findByRole('link', { name: 'Settings' })).toBeTruthy();
    const row = await screen.findByTestId(`api-key-${used.prefix}`);
    expect(row.textContent).toContain('customers:read');
    expect(row.textContent).toContain(used.prefix);
    expect(row.textContent).not.toContain('never');

    // A writer key needs sources: refused before the server is asked.
    fireEvent.change(screen.getByLabelText('Name (the partner system)'), { target: { value: 'Shop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Issue key' }));
    expect(await screen.findByText('A key that writes orders needs its order sources.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'IssueApiKey')).toBe(false);

    fireEvent.change(screen.getByLabelText('Order sources'), { target: { value: 'shop, pos, shop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Issue key' }));
    const secret = await screen.findByRole('region', { name: 'The key for Shop' });
    expect(within(secret).getByTestId('api-key-secret').textContent).toBe('kith_pk_3abcdefSECRET');
    expect(calls.find((c) => c.name === 'IssueApiKey')?.variables).toEqual({
      input: { name: 'Shop', scopes: ['orders:write'], sources: ['shop', 'pos'], expiresAt: null },
    });
    fireEvent.click(within(secret).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('kith_pk_3abcdefSECRET'));
    expect(await within(secret).findByRole('button', { name: 'Copied' })).toBeTruthy();
    // Once dismissed, the secret is gone for good; the list shows the prefix only.
    fireEvent.click(within(secret).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('kith_pk_3abcdefSECRET')).toBeNull();
    expect(await screen.findByTestId(`api-key-${key('3', 'Shop').prefix}`)).toBeTruthy();
  });

  it('revokes a key after confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    let revoked = false;
    const k = key('4', 'POS');
    const calls = renderAt('/api-keys', {
      Me: { data: { me: adminUser } },
      ApiKeys: () => list([revoked ? { ...k, revokedAt: '2025-04-01T00:00:00Z', active: false } : k]),
      RevokeApiKey: () => {
        revoked = true;
        return { data: { revokeApiKey: { ...k, revokedAt: '2025-04-01T00:00:00Z', active: false } } };
      },
    });
    const row = await screen.findByTestId(`api-key-${k.prefix}`);
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.getByTestId(`api-key-${k.prefix}`).textContent).toContain('Revoked'));
    expect(calls.find((c) => c.name === 'RevokeApiKey')?.variables).toEqual({ id: '4' });
    expect(within(screen.getByTestId(`api-key-${k.prefix}`)).queryByRole('button', { name: 'Revoke' })).toBeNull();
  });
});

describe('parseSources', () => {
  it('splits, trims and deduplicates', () => {
    expect(parseSources(' shop, pos ,, shop web ')).toEqual(['shop', 'pos', 'web']);
  });
});
