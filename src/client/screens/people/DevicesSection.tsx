// The devices a participant signed in on (or, for the district's administrator, every device of the
// district); a lost phone is disconnected here (needs the network).
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../app/context';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { type DeviceInfo, listDevices, revokeDevice } from '../../models/invite-model';
import { ConfirmStep } from '../../ui/ConfirmStep';
import { Notice } from '../../ui/Page';

export function DevicesSection(props: { personId?: string }) {
  const session = useSession();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Disconnecting happens on the server and cannot be taken back: ask first.
  const [asking, setAsking] = useState<string | null>(null);
  const load = () =>
    void listDevices(session.token).then((r) => {
      if (r.ok) setDevices(r.devices.filter((d) => !props.personId || d.personId === props.personId));
      else setError(r.isOffline ? t('person.inviteOffline') : r.reason);
    });
  useEffect(load, [props.personId]);
  const revoke = (id: string) =>
    void revokeDevice(session.token, id).then((r) => {
      setAsking(null);
      setError(r.ok ? null : r.isOffline ? t('devices.revokeOffline') : r.reason);
      load();
    });
  return (
    <section class="panel" aria-labelledby="devices">
      <h2 id="devices">{t('devices.title')}</h2>
      {error && <Notice>{error}</Notice>}
      {devices?.length === 0 && <p>{t('devices.none')}</p>}
      <ul class="list">
        {devices?.map((d) => (
          <li key={d.id}>
            {d.name || t('devices.unnamed')} · {t(`role.${d.role}`)} ·{' '}
            {t('devices.since', { when: formatDateTime(d.createdAt) })}
            {d.lastSeenAt ? ` · ${t('devices.seen', { when: formatDateTime(d.lastSeenAt) })}` : ''}
            {d.revokedAt ? (
              <strong> · {t('devices.revoked')}</strong>
            ) : d.id === session.deviceId ? (
              // The device in hand is never offered for disconnecting: it would shut its user out (a
              // school's only curator for good); another curator disconnects it (the server refuses too).
              <strong> · {t('devices.thisOne')}</strong>
            ) : asking === d.id ? (
              <ConfirmStep
                question={t('devices.revokeAsk', { name: d.name || t('devices.unnamed') })}
                confirm={t('devices.revokeConfirm')}
                onConfirm={() => revoke(d.id)}
                cancel={t('devices.keep')}
                onCancel={() => setAsking(null)}
              />
            ) : (
              <button type="button" class="button--danger" onClick={() => setAsking(d.id)}>
                {t('devices.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
