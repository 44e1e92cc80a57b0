// The school's programme settings: what a curator sets first (school, director, year, the roster and the
// target, the forms of mentoring). Orders, the dashboard's coverage and the roadmap read them.

import { PROGRAMME_ID } from '../../../domain/record-type-names';
import { NESTED_TEXT_MAX } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { todayIso } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import {
  mentoringFormsOf,
  parseCount,
  parsePercent,
  parseSchoolYear,
  saveProgramme,
} from '../../models/programme-model';
import { unsavedKey } from '../../state/unsaved-key';
import { mentoringFormLabel, mentoringFormValue } from '../../ui/built-in-labels';
import { LiveTextField } from '../../ui/LiveTextField';
import { liveLimit } from '../../ui/live-limit';
import { Page } from '../../ui/Page';
import { longestLine } from '../../ui/text-limit';

/** The forms of mentoring typed one a line, as stored: standard ones under their stored names. */
const formsTyped = (typed: string) =>
  typed
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(mentoringFormValue);

export function ProgrammeScreen() {
  const { repo } = useApp();
  const queries = useQueries();
  const today = todayIso();
  const programme = useLiveQuery(() => queries.programme(PROGRAMME_ID).then((p) => p ?? null), []);
  if (programme === undefined) return <Page title={t('programme.title')}>{null}</Page>;
  const p = programme?.fields;
  // Each field answers with its write's result: a failed save shows under the field.
  const save = (patch: Record<string, unknown>, isBehind = false) =>
    saveProgramme(repo, patch, today, isBehind);
  // A value the field cannot take is said under it, and nothing is saved: never dropped in silence.
  const saveParsed = <V,>(
    value: V | null,
    patch: (value: V) => Record<string, unknown>,
    problem: MessageKey,
  ) =>
    value === null
      ? { ok: false as const, code: 'invalid' as const, reason: t(problem) }
      : save(patch(value));
  return (
    <Page title={t('programme.title')}>
      <p class="muted">{t('programme.intro')}</p>
      <section class="panel form" aria-labelledby="school" data-testid="programme">
        <h2 id="school">{t('programme.schoolSection')}</h2>
        <LiveTextField
          label={t('programme.school')}
          value={p?.schoolName ?? ''}
          {...liveLimit('programme', PROGRAMME_ID, 'schoolName')}
          onSave={(v, behind) => save({ schoolName: v || null }, behind)}
        />
        <LiveTextField
          label={t('programme.director')}
          value={p?.directorName ?? ''}
          {...liveLimit('programme', PROGRAMME_ID, 'directorName')}
          onSave={(v, behind) => save({ directorName: v || null }, behind)}
        />
        <LiveTextField
          label={t('programme.year')}
          value={p?.schoolYear ?? ''}
          placeholder="2026-2027"
          keepAs={unsavedKey('programme', PROGRAMME_ID, 'schoolYear')}
          // no limit: read as a year or a number, a text that is not one is said under the field.
          onSave={(v) =>
            saveParsed(parseSchoolYear(v), (schoolYear) => ({ schoolYear }), 'programme.badYear')
          }
        />
      </section>
      <section class="panel form" aria-labelledby="roster">
        <h2 id="roster">{t('programme.rosterSection')}</h2>
        <LiveTextField
          label={t('programme.students')}
          value={String(p?.studentsTotal ?? '')}
          keepAs={unsavedKey('programme', PROGRAMME_ID, 'studentsTotal')}
          // no limit: read as a year or a number, a text that is not one is said under the field.
          onSave={(v) =>
            saveParsed(parseCount(v), (studentsTotal) => ({ studentsTotal }), 'programme.badCount')
          }
        />
        <LiveTextField
          label={t('programme.teachers')}
          value={String(p?.teachersTotal ?? '')}
          keepAs={unsavedKey('programme', PROGRAMME_ID, 'teachersTotal')}
          // no limit: read as a year or a number, a text that is not one is said under the field.
          onSave={(v) =>
            saveParsed(parseCount(v), (teachersTotal) => ({ teachersTotal }), 'programme.badCount')
          }
        />
        <LiveTextField
          label={t('programme.target')}
          value={String(p?.targetShare ?? 70)}
          keepAs={unsavedKey('programme', PROGRAMME_ID, 'targetShare')}
          // no limit: read as a year or a number, a text that is not one is said under the field.
          onSave={(v) =>
            saveParsed(parsePercent(v), (targetShare) => ({ targetShare }), 'programme.badShare')
          }
        />
      </section>
      <section class="panel form" aria-labelledby="forms-of-mentoring">
        <h2 id="forms-of-mentoring">{t('programme.formsSection')}</h2>
        <LiveTextField
          label={t('programme.forms')}
          multiline
          // The forms pairs are offered, in the UI's language (none stored: the standard five).
          value={mentoringFormsOf(programme ?? undefined)
            .map(mentoringFormLabel)
            .join('\n')}
          // Each line is a form of its own: the limit is a line's (the longest is counted).
          maxLength={NESTED_TEXT_MAX.mentoringForm}
          measure={longestLine}
          keepAs={unsavedKey('programme', PROGRAMME_ID, 'forms')}
          onSave={(v) => save({ forms: formsTyped(v) })}
          // «учитель-ученик» typed with a hyphen is stored as the standard «учитель–ученик».
          shownAs={(v) => formsTyped(v).map(mentoringFormLabel).join('\n')}
        />
      </section>
      <p>
        <a href="/roadmap">{t('programme.toRoadmap')}</a>
      </p>
    </Page>
  );
}
