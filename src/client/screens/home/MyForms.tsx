import { useApp, useSession } from '../../app/context';
import { useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { loadMentorFeedback, loadMyForms, type MyForm } from '../../models/my-questionnaires-model';

function FormLine(props: { form: MyForm }) {
  const { form } = props;
  const state = form.isWaiting
    ? t('forms.unsent')
    : form.isSent
      ? t('forms.sent')
      : form.isOverdue
        ? t('forms.overdue')
        : form.hasDraft
          ? t('forms.draft')
          : '';
  return (
    <li class="card">
      <a class="card__link" href={`/fill/${form.assignment.id}`}>
        <span class="card__title">{form.title}</span>
        <span class={`card__meta${form.isOverdue ? ' nudge--urgent' : ''}`}>
          {[form.due ? t('forms.due', { date: formatDay(form.due) }) : '', state].filter(Boolean).join(' · ')}
        </span>
      </a>
    </li>
  );
}

/** The forms the user has to fill in, and those already sent. */
export function MyForms() {
  const { queries } = useApp();
  const session = useSession();
  const today = todayIso();
  const forms = useLiveQuery(() => loadMyForms(queries, session.personId, today), [session.personId, today]);
  if (!forms || forms.toFill.length + forms.sent.length === 0) return null;
  return (
    <section aria-labelledby="my-forms">
      <h2 id="my-forms">{t('forms.toFill')}</h2>
      {forms.toFill.length === 0 ? (
        <p>{t('forms.toFillEmpty')}</p>
      ) : (
        <ul class="cards" data-testid="forms-to-fill">
          {forms.toFill.map((f) => (
            <FormLine key={f.assignment.id} form={f} />
          ))}
        </ul>
      )}
      {forms.sent.length > 0 && (
        <ul class="cards" data-testid="forms-sent">
          {forms.sent.map((f) => (
            <FormLine key={f.assignment.id} form={f} />
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
      <h2 id="feedback">{t('forms.stats')}</h2>
      {lines.map((line) => (
        <div class="card" key={line.title}>
          <p class="card__title">{t('forms.statsLine', { title: line.title, n: line.responses })}</p>
          <dl class="facts">
            {line.averages.map((a) => (
              <>
                <dt key={`${a.text}-t`}>{a.text}</dt>
                <dd key={`${a.text}-v`}>{a.isPercent ? `${a.value}%` : a.value}</dd>
              </>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
