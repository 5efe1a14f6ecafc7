import { describe, expect, it, vi } from 'vitest';
import { checkFile, exportUrl, progressPercent, startImport, uploadBody, UploadError } from './importWizard';

describe('uploadBody', () => {
  it('follows the multipart request spec: operations, map, file', () => {
    const body = uploadBody('customers', new Blob(['name\nAnn\n']), 'c.csv', 'UPDATE');
    const keys = [...body.keys()];
    expect(keys).toEqual(['operations', 'map', '0']);
    const ops = JSON.parse(body.get('operations') as string);
    expect(ops.query).toContain('importCustomers');
    expect(ops.variables).toEqual({ file: null, mode: 'UPDATE' });
    expect(JSON.parse(body.get('map') as string)).toEqual({ 0: ['variables.file'] });
    const file = body.get('0') as File;
    expect(file.name).toBe('c.csv');
    expect(file.size).toBe('name\nAnn\n'.length);
  });

  it('sends no mode for orders', () => {
    const ops = JSON.parse(uploadBody('orders', new Blob(['x']), 'o.csv', 'STOP').get('operations') as string);
    expect(ops.query).toContain('importOrders');
    expect(ops.variables).toEqual({ file: null });
  });
});

describe('startImport', () => {
  const file = new File(['name\nAnn\n'], 'c.csv');
  const answer = (body: unknown, status = 200) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

  it('returns the job id', async () => {
    const f = answer({ data: { importCustomers: { id: '42', status: 'QUEUED' } } });
    await expect(startImport('customers', file, 'SKIP', f as unknown as typeof fetch)).resolves.toBe('42');
    expect(f).toHaveBeenCalledWith('/query', expect.objectContaining({ method: 'POST', credentials: 'same-origin' }));
  });

  it('turns a GraphQL error into an UploadError with its code', async () => {
    const f = answer({ data: null, errors: [{ message: 'only admins', extensions: { code: 'FORBIDDEN' } }] });
    const err = await startImport('orders', file, 'SKIP', f as unknown as typeof fetch).catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err.code).toBe('FORBIDDEN');
  });

  it('reports a refused body (413) as too large', async () => {
    const f = vi.fn(async () => new Response('too big', { status: 413 }));
    const err = await startImport('orders', file, 'SKIP', f as unknown as typeof fetch).catch((e) => e);
    expect(err.code).toBe('TOO_LARGE');
  });
});

describe('progress, file checks and export links', () => {
  it.each([
    [0, 0, null],
    [5, 10, 50],
    [11, 10, 100],
    [1, 3, 33],
  ])('progressPercent(%i, %i) = %s', (done, total, want) => {
    expect(progressPercent(done, total)).toBe(want);
  });

  it.each([
    [null, 'none'],
    [{ name: 'a.csv', size: 0 }, 'empty'],
    [{ name: 'a.csv', size: 101 * 1024 * 1024 }, 'tooLarge'],
    [{ name: 'a.csv', size: 10 }, null],
  ])('checkFile(%o) = %s', (file, want) => {
    expect(checkFile(file)).toBe(want);
  });

  it('puts the list filter into the export URL', () => {
    expect(exportUrl()).toBe('/export/customers.csv');
    const url = new URL(exportUrl({ nameContainsFold: '王' }, { field: 'NAME', direction: 'ASC' }), 'http://x');
    expect(url.pathname).toBe('/export/customers.csv');
    expect(JSON.parse(url.searchParams.get('where')!)).toEqual({ nameContainsFold: '王' });
    expect(JSON.parse(url.searchParams.get('orderBy')!)).toEqual({ field: 'NAME', direction: 'ASC' });
  });
});
