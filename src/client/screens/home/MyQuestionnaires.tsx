import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { builtinText, t } from '../../i18n/i18n';
import {
  loadMentorFeedback,
  loadMyQuestionnaires,
  type MyQuestionnaire,
} from '../../models/my-questionnaires-model';
import { pairSideText } from '../../ui/pair-side';

function QuestionnaireLine(props: { form: MyQuestionnaire }) {
  const { form } = props;
  const state = form.isWaiting
    ? t('questionnaires.unsent')
    : form.isSent
      ? t('questionnaires.sent')
      : form.isOverdue
        ? t('questionnaires.overdue')
        : form.hasDraft
          ? t('questionnaires.draft')
          : '';
  return (
    <li class="card">
      <a class="card__link" href={`/fill/${form.assignment.id}`}>
        <span class="card__title">{builtinText(form.title)}</span>
        {form.about && <span class="card__meta">{pairSideText(form.about)}</span>}
        <span class={`card__meta${form.isOverdue ? ' nudge--urgent' : ''}`}>
          {[form.due ? t('questionnaires.due', { date: formatDay(form.due) }) : '', state]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </a>
    </li>
  );
}

/** The forms the user has to fill in, and those already sent. */
export function MyQuestionnaires() {
  const { queries } = useApp();
  const session = useSession();
  const today = todayIso();
  const forms = useLiveQuery(
    () => loadMyQuestionnaires(queries, session.personId, today),
    [session.personId, today],
  );
  if (!forms || forms.toFill.length + forms.sent.length === 0) return null;
  return (
    <section aria-labelledby="my-forms">
      <h2 id="my-forms">{t('questionnaires.toFill')}</h2>
      {forms.toFill.length === 0 ? (
        <p>{t('questionnaires.toFillEmpty')}</p>
      ) : (
        <ul class="cards" data-testid="forms-to-fill">
          {forms.toFill.map((f) => (
            <QuestionnaireLine key={f.assignment.id} form={f} />
          ))}
        </ul>
      )}
      {forms.sent.length > 0 && (
        <ul class="cards" data-testid="forms-sent">
          {forms.sent.map((f) => (
            <QuestionnaireLine key={f.assignment.id} form={f} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a mentor may know of their mentees' feedback: averages of at least three responses. */
export function MentorFeedback() {
  const { queries } = useApp();
  const session = useSession();
  const lines = useLiveQuery(() => loadMentorFeedback(queries, session.personId), [session.personId]) ?? [];
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="feedback">
      <h2 id="feedback">{t('questionnaires.stats')}</h2>
      {lines.map((line) => (
        <div class="card" key={line.title}>
          <p class="card__title">
            {t('questionnaires.statsLine', { title: builtinText(line.title), n: line.responses })}
          </p>
          <dl class="facts">
            {line.averages.map((a) => (
              <>
                <dt key={`${a.text}-t`}>{builtinText(a.text)}</dt>
                <dd key={`${a.text}-v`}>{a.isPercent ? `${a.value}%` : a.value}</dd>
              </>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
