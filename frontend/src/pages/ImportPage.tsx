import { useEffect, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { mayWriteCustomers, useAuth } from '../auth';
import { Alert, Field, PageHeading, Spinner } from '../components/ui';
import { errorView } from '../errors';
import type { ImportJobFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { checkFile, progressPercent, startImport, UploadError, type DuplicateMode, type ImportKind } from '../importWizard';
import { ImportJobSubscription } from '../operations';
import { Redirect } from '../router';

// /import — the import wizard: choose a CSV file, what it holds and what to
// do with duplicates; upload it (multipart, see importWizard.ts); follow the
// job live over jobProgress; show the per-row error report.

export function ImportPage() {
  const { t } = useI18n();
  const { viewer } = useAuth();
  if (viewer === undefined) return <Spinner />;
  if (viewer === null) return <Redirect to={`/login?next=${encodeURIComponent('/import')}`} />;
  if (!mayWriteCustomers(viewer)) {
    return (
      <div className="page">
        <PageHeading title={t('import.title')}>{t('import.title')}</PageHeading>
        <Alert>{t('import.forbidden')}</Alert>
      </div>
    );
  }
  return <ImportWizard />;
}

type Job = ImportJobFieldsFragment;

function ImportWizard() {
  const { t } = useI18n();
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ImportKind>('customers');
  const [mode, setMode] = useState<DuplicateMode>('SKIP');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);

  useEffect(() => {
    if (!jobId) return;
    const sub = client.subscription(ImportJobSubscription, { id: jobId }).subscribe((res) => {
      const j = res.data?.jobProgress;
      if (j) setJob(j);
    });
    return () => sub.unsubscribe();
  }, [client, jobId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = checkFile(file);
    if (bad) {
      setProblem(t(`import.file.${bad}`));
      return;
    }
    setProblem(null);
    setSending(true);
    setJob(null);
    setJobId(null);
    try {
      setJobId(await startImport(kind, file!, mode));
    } catch (err) {
      const u = err instanceof UploadError ? err : new UploadError(String(err), 'INTERNAL', null);
      if (u.code === 'TOO_LARGE') setProblem(t('import.file.tooLarge'));
      else {
        const view = errorView({ code: u.code ?? 'UNKNOWN', field: u.field ?? undefined, message: u.message });
        setProblem(view ? (view.detail ?? t(view.key)) : u.message);
      }
    } finally {
      setSending(false);
    }
  };

  const running = !!jobId && (!job || job.status === 'QUEUED' || job.status === 'RUNNING');

  return (
    <div className="page">
      <PageHeading title={t('import.title')}>{t('import.title')}</PageHeading>
      <p className="muted">{t('import.intro')}</p>
      <form className="form" onSubmit={submit} aria-busy={sending || undefined}>
        <Field label={t('import.file')} hint={t('import.fileHint')} error={problem}>
          {(p) => (
            <input
              {...p}
              type="file"
              name="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field label={t('import.kind')}>
          {(p) => (
            <select {...p} className="input" name="kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
              <option value="customers">{t('import.kind.customers')}</option>
              <option value="orders">{t('import.kind.orders')}</option>
            </select>
          )}
        </Field>
        {kind === 'customers' && (
          <Field label={t('import.mode')} hint={t(`import.mode.${mode}.hint`)}>
            {(p) => (
              <select {...p} className="input" name="mode" value={mode} onChange={(e) => setMode(e.target.value as DuplicateMode)}>
                <option value="SKIP">{t('import.mode.SKIP')}</option>
                <option value="UPDATE">{t('import.mode.UPDATE')}</option>
                <option value="STOP">{t('import.mode.STOP')}</option>
              </select>
            )}
          </Field>
        )}
        <button type="submit" className="button button-primary" disabled={sending || running}>
          {sending ? t('import.uploading') : t('import.submit')}
        </button>
      </form>
      {jobId && <ImportProgress job={job} />}
    </div>
  );
}

/** The live progress bar, then the outcome and the per-row error report. */
export function ImportProgress({ job }: { job: Job | null }) {
  const { t } = useI18n();
  if (!job) return <Spinner label={t('import.queued')} />;
  const pct = progressPercent(job.progressDone, job.progressTotal);
  const r = job.importResult;
  return (
    <section className="import-progress" aria-live="polite">
      <h2>{t(`import.status.${job.status}`)}</h2>
      {(job.status === 'QUEUED' || job.status === 'RUNNING') && (
        <>
          <progress max={100} value={pct ?? undefined} aria-label={t('import.progress')} />
          {job.message && <p className="muted">{job.message}</p>}
        </>
      )}
      {job.status === 'FAILED' && <Alert>{t('import.failed')}</Alert>}
      {r && <ImportReport result={r} />}
    </section>
  );
}

type Result = NonNullable<Job['importResult']>;

export function ImportReport({ result: r }: { result: Result }) {
  const { t } = useI18n();
  return (
    <>
      {r.written ? (
        <Alert tone="success">{t('import.done', { created: r.created, updated: r.updated, skipped: r.skipped, present: r.alreadyPresent })}</Alert>
      ) : (
        <Alert>{t('import.nothingWritten', { count: r.errorCount })}</Alert>
      )}
      {r.errors.length > 0 && (
        <div className="table-wrap">
          <table className="table import-errors">
            <caption>
              {r.errorCount > r.errors.length ? t('import.errorsCapped', { shown: r.errors.length, count: r.errorCount }) : t('import.errors')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.line')}</th>
                <th scope="col">{t('import.col.field')}</th>
                <th scope="col">{t('import.col.code')}</th>
                <th scope="col">{t('import.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {r.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.field ?? ''}</td>
                  <td>
                    <code>{e.code}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
