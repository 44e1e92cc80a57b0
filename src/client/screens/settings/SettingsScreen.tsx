import { useEffect, useState } from 'preact/hooks';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatBytes } from '../../i18n/format';
import { LANGUAGES, type Language, language, setLanguage, t } from '../../i18n/i18n';
import { useStore } from '../../state/store';
import { CheckboxField, SelectField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { personName } from '../../ui/person-name';

const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

export function SettingsScreen() {
  const { isPersisted, device } = useApp();
  const queries = useQueries();
  const [reminders, setReminders] = useState(false);
  useEffect(() => {
    void device.remindersEnabled().then(setReminders);
  }, [device]);
  const session = useSession();
  const me = useLiveQuery(() => queries.person(session.personId), [session.personId]);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    void device.storageEstimate().then(setEstimate);
  }, []);
  const persisted = useStore(isPersisted);
  const lang = useStore(language);
  return (
    <Page title={t('settings.title')}>
      <SelectField
        label={t('settings.language')}
        name="language"
        value={lang}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
        onValue={(v) => void setLanguage(v as Language)}
      />
      {session.role !== 'curator' && globalThis.Notification && (
        <section aria-labelledby="reminders">
          <h2 id="reminders">{t('settings.reminders')}</h2>
          <CheckboxField
            label={t('settings.remindersOn')}
            checked={reminders}
            onValue={(v) => void device.enableReminders(v).then(setReminders)}
          />
          <p class="muted">{t('settings.remindersHint')}</p>
        </section>
      )}
      <section aria-labelledby="storage">
        <h2 id="storage">{t('settings.storage')}</h2>
        <p data-testid="persistence">
          {persisted === true
            ? t('settings.persisted')
            : persisted === false
              ? t('settings.notPersisted')
              : t('settings.persistUnknown')}
        </p>
        {persisted !== true && (
          <button
            type="button"
            onClick={() => void device.requestPersistence().then((v) => (isPersisted.value = v))}
          >
            {t('settings.persistAsk')}
          </button>
        )}
        {estimate && (
          <p class="muted">
            {t('settings.usage', { used: formatBytes(estimate.usage), quota: formatBytes(estimate.quota) })}
          </p>
        )}
      </section>
      <section aria-labelledby="device">
        <h2 id="device">{t('settings.device')}</h2>
        <p>{t('settings.signedInAs', { name: personName(me), role: t(`role.${session.role}`) })}</p>
        <p class="muted">{t('settings.version', { version: __APP_VERSION__ })}</p>
      </section>
    </Page>
  );
}
