// The import wizard's pieces that need no React: the multipart upload (urql
// has no file uploads; the GraphQL multipart request spec is a small
// FormData), progress, and the export link.

export type ImportKind = 'customers' | 'orders';
export type DuplicateMode = 'SKIP' | 'UPDATE' | 'STOP';

export const IMPORT_MUTATIONS: Record<ImportKind, string> = {
  customers: 'mutation ImportCustomers($file: Upload!, $mode: DuplicateMode) { importCustomers(file: $file, mode: $mode) { id status } }',
  orders: 'mutation ImportOrders($file: Upload!) { importOrders(file: $file) { id status } }',
};

/** The request body of the multipart request spec: operations, map, then the file. */
export function uploadBody(kind: ImportKind, file: Blob, fileName: string, mode: DuplicateMode): FormData {
  const variables: Record<string, unknown> = { file: null };
  if (kind === 'customers') variables.mode = mode;
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: IMPORT_MUTATIONS[kind], variables }));
  body.append('map', JSON.stringify({ 0: ['variables.file'] }));
  body.append('0', file, fileName);
  return body;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly field: string | null,
  ) {
    super(message);
  }
}

/** Sends the file and returns the import job's id; UploadError on refusal. */
export async function startImport(
  kind: ImportKind,
  file: File,
  mode: DuplicateMode,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl('/query', {
      method: 'POST',
      body: uploadBody(kind, file, file.name, mode),
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new UploadError('network', 'NETWORK', null);
  }
  let json: { data?: Record<string, { id: string } | null> | null; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
  try {
    json = await res.json();
  } catch {
    throw new UploadError(`HTTP ${res.status}`, res.status === 413 ? 'TOO_LARGE' : 'INTERNAL', null);
  }
  const err = json.errors?.[0];
  if (err) throw new UploadError(err.message, err.extensions?.code ?? null, err.extensions?.field ?? null);
  const job = json.data && Object.values(json.data)[0];
  if (!job) throw new UploadError('no job', 'INTERNAL', null);
  return job.id;
}

/** Percent done of a job, 0–100; null while the size is unknown. */
export function progressPercent(done: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A reason to refuse the file before sending it, or null. */
export function checkFile(file: { name: string; size: number } | null): 'none' | 'empty' | 'tooLarge' | null {
  if (!file) return 'none';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'tooLarge';
  return null;
}

/** The CSV export of the customers matching where (the list's filter). */
export function exportUrl(where?: unknown, orderBy?: { field: string; direction: 'ASC' | 'DESC' }): string {
  const p = new URLSearchParams();
  if (where) p.set('where', JSON.stringify(where));
  if (orderBy) p.set('orderBy', JSON.stringify(orderBy));
  const q = p.toString();
  return '/export/customers.csv' + (q ? `?${q}` : '');
}
