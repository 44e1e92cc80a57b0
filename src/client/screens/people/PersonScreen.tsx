import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ROLES, type Role } from '../../../domain/sync-contract';
import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { SelectField } from '../../ui/fields';
import { Notice, Page } from '../../ui/Page';
import { QrCode } from '../../ui/QrCode';
import { type InviteResult, requestInvite } from './invite-model';

export function PersonScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { queries } = useApp();
  const session = useSession();
  const person = useLiveQuery(() => queries.person(id), [id]);
  const [role, setRole] = useState<Role>('mentor');
  const [invite, setInvite] = useState<InviteResult | null>(null);

  if (person === undefined)
    return (
      <Page title={t('people.title')} back="/people">
        <p>{t('person.notFound')}</p>
      </Page>
    );
  const makeInvite = async () => setInvite(await requestInvite(session.token, id, role));
  const enrolUrl = invite?.ok ? `${location.origin}/?code=${encodeURIComponent(invite.code)}` : '';

  return (
    <Page title={String(person.fields.fullName)} back="/people">
      <p class="muted">
        {t(`people.kind.${String(person.fields.kind)}` as 'people.kind.student')}
        {person.fields.classOrSubject ? `, ${String(person.fields.classOrSubject)}` : ''}
        {person.fields.minor === true ? `, ${t('people.minor').toLowerCase()}` : ''}
      </p>
      {session.role === 'curator' && (
        <section class="panel" aria-labelledby="invite">
          <h2 id="invite">{t('person.invite')}</h2>
          <SelectField
            label={t('person.inviteAs')}
            name="role"
            value={role}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onValue={(v) => setRole(v as Role)}
          />
          <button type="button" class="button--primary" onClick={() => void makeInvite()}>
            {t('person.makeInvite')}
          </button>
          {invite?.ok && (
            <div class="invite" data-testid="invite">
              <p class="invite__code" data-testid="invite-code">
                {invite.code}
              </p>
              <p>{t('person.inviteExpires', { when: formatDateTime(invite.expiresAt) })}</p>
              <QrCode text={enrolUrl} label={t('person.qr')} />
            </div>
          )}
          {invite && !invite.ok && (
            <Notice kind="error">
              {invite.isOffline
                ? t('person.inviteOffline')
                : t('person.inviteFailed', { reason: invite.reason })}
            </Notice>
          )}
        </section>
      )}
    </Page>
  );
}
