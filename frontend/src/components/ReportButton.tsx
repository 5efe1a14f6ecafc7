import { useId, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { errorView, serverError, type ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { ReportContentMutation } from '../operations';
import { Alert, ErrorMessage, Field, TextArea } from './ui';

/** "Report" opens a small form asking why; sending it files a report. */
export function ReportButton({ subjectId }: { subjectId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const formId = useId();

  if (sent) return <Alert tone="success">{t('report.sent')}</Alert>;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setFieldError(t('report.reasonRequired'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    const res = await client.mutation(ReportContentMutation, { subjectId, reason: reason.trim() }).toPromise();
    setBusy(false);
    if (res.data?.reportContent) setSent(true);
    else setError(errorView(serverError(res.error)) ?? { key: 'error.generic', code: 'UNKNOWN' });
  };

  return (
    <>
      <button type="button" className="button button-quiet button-small" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        {t('report.open')}
      </button>
      {open && (
        <form id={formId} className="form report-form card" onSubmit={onSubmit} noValidate aria-label={t('report.title')}>
          <ErrorMessage error={error} />
          <Field label={t('report.reason')} error={fieldError}>
            {(p) => <TextArea {...p} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="button" className="button button-quiet" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy || undefined}>
              {t('report.submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
