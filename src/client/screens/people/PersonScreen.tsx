// One participant: details, consents, intake questionnaire, pairs, sign-in invite and devices.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { isMinor, isUnderAge } from '../../../domain/minor';
import { PERSON_KINDS } from '../../../domain/record-types';
import { ROLES, type Role } from '../../../domain/sync-contract';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { allOf, useLiveQuery } from '../../db/live';
import { formatDateTime, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { UNSEEN } from '../../models/edit-model';
import { type InviteResult, presetRole, requestInvite } from '../../models/invite-model';
import { EnrolAddress } from '../../ui/EnrolAddress';
import { CheckboxField, SelectField } from '../../ui/fields';
import { InviteCode } from '../../ui/InviteCode';
import { LiveTextField } from '../../ui/LiveTextField';
import { liveLimit } from '../../ui/live-limit';
import { Notice, Page } from '../../ui/Page';
import { QrCode } from '../../ui/QrCode';
import { ConsentSection } from './ConsentSection';
import { DevicesSection } from './DevicesSection';
import { IntakeSection } from './IntakeSection';
import { PersonPairsSection } from './PersonPairsSection';

export function PersonScreen() {
  const { params } = useRoute();
  const id = params.id as string;
  const { repo } = useApp();
  const queries = useQueries();
  const session = useSession();
  const person = useLiveQuery(() => queries.person(id).then((p) => p ?? null), [id]);
  const pairs = useLiveQuery(() => allOf([queries.pairsAsMentor(id), queries.pairsAsMentee(id)]), [id]);
  const consents = useLiveQuery(() => queries.consentsOf(id), [id]);
  // Until the curator picks a role, it follows from the person's pairs and kind.
  const [chosenRole, setRole] = useState<Role | null>(null);
  const [invite, setInvite] = useState<InviteResult | null>(null);

  if (person === undefined) return <Page title={t('people.title')}>{null}</Page>;
  if (person === null || person.deleted) {
    return (
      <Page title={t('people.title')} back="/people">
        <p>{t('person.notFound')}</p>
      </Page>
    );
  }
  const isCurator = session.role === 'curator';
  const role = chosenRole ?? presetRole(person, pairs?.[0] ?? [], pairs?.[1] ?? []);
  const f = person.fields;
  // A save made over a value the user did not see goes as made from no view: what it replaces is kept.
  const update = (fields: Record<string, unknown>, isBehind = false) =>
    repo.update('person', id, fields, isBehind ? UNSEEN : undefined);
  const makeInvite = async () => setInvite(await requestInvite(session.token, id, role));
  const enrolUrl = invite?.ok ? `${location.origin}/?code=${encodeURIComponent(invite.code)}` : '';

  return (
    <Page title={f.fullName ?? ''} back="/people">
      {isCurator ? (
        <section class="panel form" aria-labelledby="details">
          <h2 id="details">{t('person.details')}</h2>
          <LiveTextField
            label={t('people.fullName')}
            value={f.fullName ?? ''}
            {...liveLimit('person', id, 'fullName')}
            onSave={(v, behind) => v.trim() && update({ fullName: v.trim() }, behind)}
          />
          <SelectField
            label={t('people.kind')}
            value={f.kind ?? ''}
            options={PERSON_KINDS.map((k) => ({ value: k, label: t(`people.kind.${k}`) }))}
            onValue={(kind) => update({ kind })}
          />
          <LiveTextField
            label={t('people.classOrSubject')}
            value={f.classOrSubject ?? ''}
            {...liveLimit('person', id, 'classOrSubject')}
            onSave={(v, behind) => update({ classOrSubject: v.trim() || null }, behind)}
          />
          {/* Under 18 by the birth date is a minor whatever the mark says (domain/minor.ts). */}
          {isUnderAge(f.birthDate, todayIso()) ? (
            <CheckboxField label={t('people.minorByBirthDate')} checked disabled onValue={() => {}} />
          ) : (
            <CheckboxField
              label={t('people.minor')}
              checked={f.minor === true}
              onValue={(minor) => update({ minor })}
            />
          )}
          <LiveTextField
            label={t('person.birthDate')}
            type="date"
            value={f.birthDate ?? ''}
            onSave={(v, behind) => update({ birthDate: v || null }, behind)}
          />
          <LiveTextField
            label={t('person.contacts')}
            value={f.contacts ?? ''}
            {...liveLimit('person', id, 'contacts')}
            onSave={(v, behind) => update({ contacts: v.trim() || null }, behind)}
          />
          <LiveTextField
            label={t('person.needs')}
            multiline
            value={f.needs ?? ''}
            {...liveLimit('person', id, 'needs')}
            onSave={(v, behind) => update({ needs: v || null }, behind)}
          />
          <LiveTextField
            label={t('person.interests')}
            multiline
            value={f.interests ?? ''}
            {...liveLimit('person', id, 'interests')}
            onSave={(v, behind) => update({ interests: v || null }, behind)}
          />
          <LiveTextField
            label={t('person.requests')}
            multiline
            value={f.requests ?? ''}
            {...liveLimit('person', id, 'requests')}
            onSave={(v, behind) => update({ requests: v || null }, behind)}
          />
          <CheckboxField
            label={t('person.trained')}
            checked={f.trained === true}
            onValue={(trained) => update({ trained })}
          />
          <CheckboxField
            label={t('person.archived')}
            checked={f.archived === true}
            onValue={(archived) => update({ archived })}
          />
        </section>
      ) : (
        <p class="muted">{f.classOrSubject ?? ''}</p>
      )}
      {isCurator && <ConsentSection person={person} />}
      {isCurator && <IntakeSection personId={id} />}
      {isCurator && <PersonPairsSection personId={id} />}
      {isCurator && (
        <section class="panel" aria-labelledby="invite">
          <h2 id="invite">{t('person.invite')}</h2>
          {/* Enrolled without it, a minor's phone holds none of their data and cannot be paired. */}
          {consents !== undefined &&
            isMinor(f, todayIso()) &&
            !consents.some((c) => c.fields.withdrawn === false) && (
              <Notice>{t('person.inviteNoConsent')}</Notice>
            )}
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
              <InviteCode code={invite.code} testId="invite-code" />
              <p>{t('person.inviteExpires', { when: formatDateTime(invite.expiresAt) })}</p>
              <QrCode text={enrolUrl} label={t('person.qr')} />
              <EnrolAddress origin={location.origin} hostname={location.hostname} />
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
      {isCurator && <DevicesSection personId={id} />}
    </Page>
  );
}
