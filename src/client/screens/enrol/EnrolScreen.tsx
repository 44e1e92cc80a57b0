import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { saveEnrolment } from '../../db/session-store';
import { addStrings, t } from '../../i18n/i18n';
import { strings } from '../../i18n/strings-enrol';
import { useReadyMark } from '../../state/ready-mark';
import { TextField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { enrolWithCode } from './enrol-model';

// This screen may be the first a phone shows: its strings come with it.
addStrings(strings);

export function EnrolScreen() {
  const { db, isOnline, scheduler } = useApp();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [deviceName, setDeviceName] = useState(t('enrol.deviceDefault'));
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  useReadyMark('enrol', true);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await enrolWithCode(code, deviceName);
    if (result.ok) {
      await saveEnrolment(db, result.enrolment);
      history.replaceState(null, '', '/');
      void scheduler.syncNow();
    } else {
      setError(result.message);
    }
    setBusy(false);
  };

  return (
    <Page title={t('enrol.title')}>
      <p>{t('enrol.intro')}</p>
      {!isOnline.value && <Notice>{t('enrol.offline')}</Notice>}
      <form onSubmit={submit} class="form">
        <TextField
          label={t('enrol.code')}
          name="code"
          value={code}
          autocomplete="one-time-code"
          autocapitalize="characters"
          required
          error={error}
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
    </Page>
  );
}
