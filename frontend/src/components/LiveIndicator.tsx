import { useSyncExternalStore } from 'react';
import { useClientControl } from '../auth';
import { useI18n } from '../i18n';

/** Shows whether live updates (the websocket) are flowing. */
export function LiveIndicator() {
  const { live } = useClientControl();
  const status = useSyncExternalStore(live.subscribe, live.get, live.get);
  const { t } = useI18n();
  const text =
    status === 'connected' ? t('live.connected') : status === 'offline' ? t('live.offline') : t('live.connecting');
  return (
    <p className={`live live-${status}`} data-status={status} title={t('live.label')}>
      <span className="live-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('live.label')}: </span>
      {text}
    </p>
  );
}
