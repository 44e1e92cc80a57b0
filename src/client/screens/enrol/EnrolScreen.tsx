import { useContext, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { SessionContext, useApp } from '../../app/context';
import { addStrings, t } from '../../i18n/i18n';
import { strings } from '../../i18n/strings-enrol';
import { enrolWithCode } from '../../models/enrol-model';
import { isThisIosBrowserTab } from '../../pwa/install-hint';
import { useReadyMark } from '../../state/ready-mark';
import { useStore } from '../../state/store';
import { TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { refuseOverLimit } from '../../ui/text-limit';

// This screen may be the first a phone shows: its strings come with it.
addStrings(strings);

export function EnrolScreen() {
  const { device, isOnline, scheduler } = useApp();
  // Signed in before, and disconnected since: a new code signs in again, keeping what waits to be sent.
  const isAgain = useContext(SessionContext) !== null;
  const { route } = useLocation();
  const online = useStore(isOnline);
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  // A touch screen is most likely a phone; a mouse, the staff room's computer (named «Мой телефон» too).
  const [deviceName, setDeviceName] = useState(() =>
    t(
      globalThis.matchMedia?.('(pointer: fine)').matches
        ? 'enrol.deviceDefaultComputer'
        : 'enrol.deviceDefault',
    ),
  );
  // A refusal of the code marks its field; any other failure (the network, the server, the device) is
  // said once above the form, and the code, likely right, is not marked.
  const [failure, setFailure] = useState<{ message: string; about: 'code' | 'network' | 'other' } | null>(
    null,
  );
  const [isBusy, setBusy] = useState(false);
  // In an iOS browser tab the code would be spent on Safari's storage, not the Home Screen app's.
  const [isIosTab, setIosTab] = useState(isThisIosBrowserTab);
  useReadyMark('enrol', true);

  const submit = async (event: Event) => {
    event.preventDefault();
    // A device name over its limit is said under its field, whole, and not sent.
    if (refuseOverLimit(event.currentTarget as HTMLFormElement)) return;
    setBusy(true);
    setFailure(null);
    const result = await enrolWithCode(code, deviceName);
    if (result.ok) {
      // The code is spent now: a device that cannot keep the sign-in must say so.
      const saved = await device.saveEnrolment(result.enrolment);
      if (!saved.ok) {
        setFailure({ message: t('enrol.notSaved', { reason: saveMessage(saved).text }), about: 'other' });
        setBusy(false);
        return;
      }
      route('/', true);
      void scheduler.syncNow();
    } else {
      setFailure({ message: result.message, about: result.about });
    }
    setBusy(false);
  };

  return (
    <Page title={t('enrol.title')}>
      <p>{t('enrol.intro')}</p>
      {isAgain && <Notice kind="info">{t('enrol.again')}</Notice>}
      {/* One notice for no network, whether the device knew it before the tap or learnt it from it. */}
      {(!online || failure?.about === 'network') && (
        <Notice kind={failure?.about === 'network' ? 'error' : 'info'}>{t('enrol.offline')}</Notice>
      )}
      {failure?.about === 'other' && <Notice kind="error">{failure.message}</Notice>}
      {isIosTab && (
        <section class="panel" aria-labelledby="ios-first" data-testid="ios-install">
          <h2 id="ios-first">{t('enrol.iosTitle')}</h2>
          <p>{t('enrol.iosBody')}</p>
          {code.trim() && <p class="invite__code">{t('enrol.iosCode', { code: code.trim() })}</p>}
          <button type="button" class="button--quiet" onClick={() => setIosTab(false)}>
            {t('enrol.iosAnyway')}
          </button>
        </section>
      )}
      {!isIosTab && (
        <form onSubmit={submit} class="form">
          <TextField
            label={t('enrol.code')}
            name="code"
            value={code}
            // no limit: a code is not stored; a wrong one is refused by the server with its reason.
            autocomplete="one-time-code"
            autocapitalize="characters"
            required
            error={failure?.about === 'code' ? failure.message : null}
            onValue={setCode}
          />
          <TextField
            label={t('enrol.deviceName')}
            name="deviceName"
            value={deviceName}
            maxLength={100}
            onValue={setDeviceName}
          />
          <button type="submit" class="button--primary" disabled={isBusy || code.trim() === ''}>
            {t('enrol.submit')}
          </button>
        </form>
      )}
    </Page>
  );
}
