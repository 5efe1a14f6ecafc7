import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorView, serverError, type ErrorView } from '../errors';
import { useI18n } from '../i18n';
import { ErrorMessage, TextInput } from './ui';

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($id: ID!, $note: String) {
    cancelOrder(id: $id, note: $note) {
      id
      kind
    }
  }
`);

// A sale's "Cancel" action: asks for an optional reason, then records the
// cancellation (a new order; the sale itself never changes).
export function CancelOrderButton({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);
  const [{ fetching }, cancel] = useMutation(CancelOrderMutation);

  if (!open) {
    return (
      <button type="button" className="button button-quiet button-small" onClick={() => setOpen(true)}>
        {t('orders.cancel')}
      </button>
    );
  }
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const res = await cancel({ id: orderId, note: note.trim() || null });
    const err = serverError(res.error);
    if (err) {
      setError(errorView(err));
      return;
    }
    setOpen(false);
    onDone();
  };
  return (
    <form className="order-cancel" onSubmit={onSubmit} aria-label={t('orders.cancelTitle')}>
      <TextInput name="note" value={note} maxLength={500} placeholder={t('orders.cancelNote')} aria-label={t('orders.cancelNote')} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button button-small button-danger" disabled={fetching}>
        {t('orders.cancelConfirm')}
      </button>
      <button type="button" className="button button-quiet button-small" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
