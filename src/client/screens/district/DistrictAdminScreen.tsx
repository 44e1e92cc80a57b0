// The district administrator's desk: schools and their first curators' codes, and codes for the
// district's people. These act on the server, so they need the network; the figures do not.
import { useEffect, useState } from 'preact/hooks';
import { DISTRICT_ROLES, type DistrictRole } from '../../../domain/sync-contract';
import { useApp, useSession } from '../../app/context';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import {
  type Answer,
  type Code,
  createSchool,
  inviteMember,
  listSchools,
  newCuratorCode,
  type SchoolRow,
} from '../../models/district-model';
import { useNewRecordDraft } from '../../state/draft';
import { EnrolAddress } from '../../ui/EnrolAddress';
import { SelectField, TextField } from '../../ui/fields';
import { InviteCode } from '../../ui/InviteCode';
import { Notice, Page } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { QrCode } from '../../ui/QrCode';
import { DevicesSection } from '../people/DevicesSection';

function Failure(props: { answer: Answer<unknown> }) {
  if (props.answer.ok) return null;
  return (
    <Notice kind="error">
      {props.answer.isOffline
        ? t('districtAdmin.offline')
        : t('districtAdmin.failed', { reason: props.answer.reason })}
    </Notice>
  );
}

/** A code to hand over, with its QR code that opens the enrolment screen with it filled in. */
function CodeCard(props: { title: string; hint: string; code: Code }) {
  const url = `${location.origin}/?code=${encodeURIComponent(props.code.code)}`;
  return (
    <div class="invite" data-testid="district-code">
      <p>{props.title}</p>
      <InviteCode code={props.code.code} />
      <p>
        {t('districtAdmin.expires', { when: formatDateTime(props.code.expiresAt) })} {props.hint}
      </p>
      <QrCode text={url} label={t('districtAdmin.qr')} />
      <EnrolAddress origin={location.origin} hostname={location.hostname} />
    </div>
  );
}

export function DistrictAdminScreen() {
  const session = useSession();
  const { drafts } = useApp();
  const [schools, setSchools] = useState<Answer<{ schools: SchoolRow[] }> | null>(null);
  // Names typed are drafts on the device until their code is made: a reload keeps them.
  const schoolDraft = useNewRecordDraft(drafts, 'school:new', () => ({ name: '' }));
  const name = schoolDraft.value?.name ?? '';
  const setName = (value: string) => schoolDraft.change({ name: value });
  const [made, setMade] = useState<{ title: string; hint: string; answer: Answer<Code> } | null>(null);
  const emptyMember = { fullName: '', role: 'district' as DistrictRole };
  const memberDraft = useNewRecordDraft(drafts, 'districtMember:new', () => emptyMember);
  const member = memberDraft.value ?? emptyMember;
  const setMember = (value: typeof emptyMember) => memberDraft.change(value);
  const reload = async () => setSchools(await listSchools(session.token));
  useEffect(() => void reload(), [session.token]);

  const addSchool = async () => {
    const title = name.trim();
    if (!title) return;
    const answer = await createSchool(session.token, title);
    setMade({
      title: t('districtAdmin.codeFor', { name: title }),
      hint: t('districtAdmin.forCurator'),
      answer,
    });
    if (answer.ok) await schoolDraft.saved({ name });
    await reload();
  };
  const codeFor = async (school: SchoolRow) => {
    setMade({
      title: t('districtAdmin.codeFor', { name: school.name }),
      hint: t('districtAdmin.forCurator'),
      answer: await newCuratorCode(session.token, school.id),
    });
    // A curator may have signed in meanwhile (the server then refuses): the list says so again.
    await reload();
  };
  const addMember = async () => {
    const fullName = member.fullName.trim();
    if (!fullName) return;
    const answer = await inviteMember(session.token, fullName, member.role);
    setMade({
      title: t('districtAdmin.memberCode', { name: fullName }),
      hint: t('districtAdmin.forMember'),
      answer,
    });
    if (answer.ok) await memberDraft.saved(member);
  };

  return (
    <Page title={t('districtAdmin.title')}>
      {made?.answer.ok && <CodeCard title={made.title} hint={made.hint} code={made.answer.value} />}
      {made && <Failure answer={made.answer} />}
      {schoolDraft.value && (
        <Form class="panel form" onSubmit={addSchool}>
          <h2>{t('districtAdmin.newSchool')}</h2>
          <TextField label={t('districtAdmin.schoolName')} value={name} maxLength={300} onValue={setName} />
          <button type="submit" class="button--primary">
            {t('districtAdmin.create')}
          </button>
        </Form>
      )}
      <section class="panel" aria-labelledby="district-schools">
        <h2 id="district-schools">{t('districtAdmin.schools')}</h2>
        {schools === null && <p aria-busy="true">{t('districtAdmin.loading')}</p>}
        {schools && <Failure answer={schools} />}
        {schools?.ok && (
          <ul class="list" data-testid="admin-schools">
            {schools.value.schools.map((s) => (
              <li key={s.id} class="district-admin__school">
                <span>
                  <strong>{s.name}</strong>
                  <br />
                  <span class="muted">
                    {s.hasCurator ? t('districtAdmin.hasCurator') : t('districtAdmin.noCurator')}
                  </span>
                </span>
                {/* Once a curator works there, the school's people are theirs to invite (the server refuses). */}
                {!s.hasCurator && (
                  <button type="button" onClick={() => void codeFor(s)}>
                    {t('districtAdmin.newCode')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {memberDraft.value && (
        <Form class="panel form" onSubmit={addMember}>
          <h2>{t('districtAdmin.member')}</h2>
          <TextField
            label={t('districtAdmin.memberName')}
            value={member.fullName}
            maxLength={200}
            onValue={(fullName) => setMember({ ...member, fullName })}
          />
          <SelectField
            label={t('districtAdmin.memberRole')}
            value={member.role}
            options={DISTRICT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onValue={(role) => setMember({ ...member, role: role as DistrictRole })}
          />
          <button type="submit">{t('districtAdmin.invite')}</button>
        </Form>
      )}
      <DevicesSection />
    </Page>
  );
}
