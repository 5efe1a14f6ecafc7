import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Routes } from '../App';
import { Layout } from '../components/Layout';
import { LiveFeeds, mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';

const managerUser = { ...staffUser, id: 'U7', email: 'boss@example.com', role: 'MANAGER' };
const noNotifications = {
  data: {
    unread: { __typename: 'NotificationConnection', totalCount: 0 },
    myNotifications: { __typename: 'NotificationConnection', edges: [] },
  },
};

function renderAt(path: string, answers: Record<string, Answer>, live = new LiveFeeds()) {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const utils = render(
    <Providers client={mockClient({ MyNotifications: noNotifications, ...answers }, calls, live)}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls };
}

const job = (status: string, done: number, total: number, importResult: unknown = null) => ({
  jobProgress: {
    __typename: 'Job',
    id: 'J1',
    kind: 'import.customers',
    status,
    progressDone: done,
    progressTotal: total,
    message: status === 'RUNNING' ? '1000 rows read' : null,
    error: null,
    importResult,
  },
});

afterEach(() => vi.unstubAllGlobals());

describe('ImportPage', () => {
  it('uploads the file, shows live progress, then every reported row', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ data: { importCustomers: { id: 'J1', status: 'QUEUED' } } })));
    vi.stubGlobal('fetch', fetchMock);
    const live = new LiveFeeds();
    const { calls } = renderAt('/import', { Me: { data: { me: managerUser } } }, live);

    const input = await screen.findByLabelText('CSV file', {}, { timeout: 5000 });
    const file = new File(['name\nAnn\n'], 'customers.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.change(screen.getByLabelText(/^Duplicates/), { target: { value: 'STOP' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }));

    await waitFor(() => expect(calls.some((c) => c.name === 'ImportJob' && c.variables?.id === 'J1')).toBe(true));
    const body = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body as FormData;
    expect(JSON.parse(body.get('operations') as string).variables).toEqual({ file: null, mode: 'STOP' });

    live.push('ImportJob', job('RUNNING', 50, 200));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('value')).toBe('25');
    expect(screen.getByText('1000 rows read')).toBeTruthy();

    live.push(
      'ImportJob',
      job('SUCCEEDED', 200, 200, {
        __typename: 'ImportResult',
        kind: 'customers',
        rows: 3,
        created: 0,
        updated: 0,
        skipped: 0,
        duplicates: 1,
        alreadyPresent: 0,
        written: false,
        errorCount: 2,
        errors: [
          { __typename: 'ImportRowError', line: 3, field: 'name', code: 'REQUIRED', message: 'name is required' },
          { __typename: 'ImportRowError', line: 4, field: 'email', code: 'DUPLICATE', message: 'same e-mail as line 2' },
        ],
      }),
    );
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('3');
    expect(rows[1].textContent).toContain('name is required');
    expect(rows[2].textContent).toContain('DUPLICATE');
    expect(screen.getByText(/Nothing was imported: 2 problems/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('refuses to send without a file', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderAt('/import', { Me: { data: { me: managerUser } } });
    fireEvent.click(await screen.findByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText('Choose a file first.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server refusal', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }))));
    renderAt('/import', { Me: { data: { me: managerUser } } });
    fireEvent.change(await screen.findByLabelText('CSV file'), { target: { files: [new File(['x'], 'o.csv')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    expect(await screen.findByText(/not allowed|may not|permission/i)).toBeTruthy();
  });

  it('is for managers and admins only; the nav link too', async () => {
    renderAt('/import', { Me: { data: { me: staffUser } } });
    expect(await screen.findByText('Only administrators and account managers can import.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Import' })).toBeNull();
  });
});
