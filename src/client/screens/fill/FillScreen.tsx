// Filling in a form, offline: one question per screen or one long page, the draft kept on every answer.
// «Отправить» is final; a sent form is read-only unless a curator reopens it.

import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { AnswerProblem } from '../../../domain/questionnaires/answers';
import type { Answers } from '../../../domain/questionnaires/questions';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDateTime, formatDay } from '../../i18n/format';
import { builtinText, type MessageKey, t } from '../../i18n/i18n';
import {
  draftKey,
  type FillPage,
  loadFill,
  resumeIndex,
  sectionsOf,
  sendResponse,
  visibleQuestions,
} from '../../models/questionnaire-fill-model';
import { useDraft } from '../../state/draft';
import { schoolNow } from '../../state/school-clock';
import { AnswersView } from '../../ui/AnswersView';
import { Notice, Page } from '../../ui/Page';
import { pairSideText } from '../../ui/pair-side';
import { saveMessage } from '../../ui/save-message';
import { GoneDraft } from '../sync/GoneDraft';
import { QuestionInput } from './QuestionInput';

const MODE_KEY = 'nastavnik.formMode';

function problemText(p: AnswerProblem): string {
  return t(`fill.err.${p.code}` as MessageKey, { question: p.question, min: p.min ?? '', max: p.max ?? '' });
}
type Mode = 'one' | 'all';

/** What is true of a sent form: saved on the phone and waiting for the network, refused, or received. */
function SentNotice(props: { page: FillPage }) {
  const { delivery, response } = props.page;
  const submittedAt = response?.fields.submittedAt;
  const sentAt = submittedAt ? formatDateTime(submittedAt) : '—';
  if (delivery?.state === 'waiting')
    return (
      <Notice>
        <span data-testid="form-delivery">{t('fill.waiting')}</span>
      </Notice>
    );
  if (delivery?.state === 'refused')
    return (
      <Notice kind="error">
        <span data-testid="form-delivery">{t('fill.refused')}</span>{' '}
        <a href="/sync">{t('fill.refusedWhat')}</a>
      </Notice>
    );
  return (
    <Notice kind="success">
      <span data-testid="form-delivery">
        {delivery?.at
          ? t('fill.delivered', { when: formatDateTime(delivery.at) })
          : t('fill.sentAt', { when: sentAt })}
      </span>
    </Notice>
  );
}

export function FillScreen() {
  const { params } = useRoute();
  const assignmentId = params.id as string;
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const session = useSession();
  const page = useLiveQuery(() => loadFill(queries, assignmentId), [assignmentId]);
  const key = draftKey(assignmentId);
  const [mode, setMode] = useState<Mode>(() => (localStorage.getItem(MODE_KEY) === 'all' ? 'all' : 'one'));
  // Null until the person moves: a draft that comes back opens where she stopped (resumeIndex), and that
  // place holds still from her first step on (it would move on with each answer otherwise).
  const [index, setIndex] = useState<number | null>(null);
  const [problems, setProblems] = useState<AnswerProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const draft = useDraft<Answers>(drafts, key, page ? () => page.response?.fields.answers ?? {} : null);
  const answers = draft.value;

  if (page === undefined || (page && !answers)) return <Page title={t('fill.title')}>{null}</Page>;
  if (page === null || !page.template) {
    return (
      <Page title={t('fill.title')} back="/">
        <p>{t('fill.notFound')}</p>
        {/* Answers typed before it went (withdrawn, or out of reach): kept, to be copied by hand. */}
        <GoneDraft draftKey={key} />
      </Page>
    );
  }
  const title = builtinText(page.template.fields.title ?? '');
  // Only the person a form is given to answers it (the server refuses anyone else's answers): someone
  // else who opens it by its address reads it, with why they cannot fill it in, rather than typing in vain.
  if (page.assignment.fields.personId !== session.personId && !page.isSent) {
    return (
      <Page title={title} back="/">
        <Notice>{t('fill.notYours')}</Notice>
        <AnswersView questions={page.questions} answers={page.response?.fields.answers ?? {}} />
      </Page>
    );
  }
  if (page.isSent) {
    return (
      <Page title={title} back="/">
        <SentNotice page={page} />
        {page.about && <p data-testid="form-about">{pairSideText(page.about)}</p>}
        <AnswersView questions={page.questions} answers={page.response?.fields.answers ?? {}} />
      </Page>
    );
  }

  const current = answers as Answers;
  const visible = visibleQuestions(page.questions, current);
  const at = Math.min(
    index ?? (draft.isRestored ? resumeIndex(visible, current) : 0),
    Math.max(visible.length - 1, 0),
  );
  const errorOf = (id: string) => {
    const problem = problems.find((p) => p.questionId === id);
    return problem ? problemText(problem) : null;
  };
  const answer = (id: string, value: unknown) => {
    draft.change((now) => ({ ...now, [id]: value }));
    setIndex(at);
    setProblems(problems.filter((p) => p.questionId !== id));
  };
  const switchMode = (next: Mode) => {
    setMode(next);
    localStorage.setItem(MODE_KEY, next);
  };
  const goTo = (questionId: string) => {
    const i = visible.findIndex((q) => q.id === questionId);
    if (i >= 0) setIndex(i);
    requestAnimationFrame(() => document.getElementById(`q-${questionId}`)?.focus());
  };
  const send = async () => {
    setFailure(null);
    const result = await sendResponse(repo, page, current, schoolNow(), draft.ending(current));
    if (result.ok) {
      await draft.finish();
      setProblems([]);
      return;
    }
    if ('problems' in result) {
      setProblems(result.problems);
      if (result.problems[0]) goTo(result.problems[0].questionId);
    } else setFailure(saveMessage(result.write).text);
  };
  const question = visible[at];
  const sections = new Map(sectionsOf(page.template).map((x) => [x.id, x.title]));
  const sectionOf = (q: { sectionId?: string | undefined } | undefined) =>
    q?.sectionId ? sections.get(q.sectionId) : undefined;
  const isLast = at >= visible.length - 1;

  return (
    <Page title={title} back="/">
      {/* No answers while the response is being sent: they would not go with it. */}
      <div inert={draft.isBusy} aria-busy={draft.isBusy}>
        {page.about && <p data-testid="form-about">{pairSideText(page.about)}</p>}
        {page.template.fields.description ? (
          <p class="muted">{builtinText(page.template.fields.description)}</p>
        ) : null}
        {page.assignment.fields.due ? (
          <p class="muted">{t('fill.due', { date: formatDay(page.assignment.fields.due) })}</p>
        ) : null}
        {draft.isRestored && <Notice>{t('fill.draftRestored')}</Notice>}
        <div class="actions">
          <span class="muted">{t('fill.mode')}:</span>
          <button type="button" aria-pressed={mode === 'one'} onClick={() => switchMode('one')}>
            {t('fill.modeOne')}
          </button>
          <button type="button" aria-pressed={mode === 'all'} onClick={() => switchMode('all')}>
            {t('fill.modeAll')}
          </button>
        </div>
        {problems.length > 0 && (
          <Notice kind="error">
            {t('fill.problems', { n: problems.length })}
            <ul>
              {problems.map((p) => (
                <li key={p.questionId}>
                  <button type="button" class="button--quiet" onClick={() => goTo(p.questionId)}>
                    {problemText(p)}
                  </button>
                </li>
              ))}
            </ul>
          </Notice>
        )}
        {mode === 'one' && question ? (
          <div class="one-question">
            <p class="muted" aria-live="polite">
              {t('fill.progress', { n: at + 1, total: visible.length })}
            </p>
            {sectionOf(question) && <h2 class="section-title">{sectionOf(question)}</h2>}
            <QuestionInput
              question={question}
              value={current[question.id]}
              error={errorOf(question.id)}
              onValue={(v) => answer(question.id, v)}
            />
            <div class="actions actions--sticky">
              <button type="button" disabled={at === 0} onClick={() => setIndex(at - 1)}>
                {t('fill.back')}
              </button>
              {isLast ? (
                <button type="button" class="button--primary" onClick={() => void draft.storing(send)}>
                  {t('fill.send')}
                </button>
              ) : (
                <button type="button" class="button--primary" onClick={() => setIndex(at + 1)}>
                  {t('fill.next')}
                </button>
              )}
            </div>
          </div>
        ) : (
          <div class="all-questions">
            {visible.map((q, i) => (
              <Fragment key={q.id}>
                {sectionOf(q) && sectionOf(q) !== sectionOf(visible[i - 1]) && (
                  <h2 class="section-title">{sectionOf(q)}</h2>
                )}
                <QuestionInput
                  question={q}
                  value={current[q.id]}
                  error={errorOf(q.id)}
                  onValue={(v) => answer(q.id, v)}
                />
              </Fragment>
            ))}
            <div class="actions actions--sticky">
              <button
                type="button"
                class="button--primary button--big"
                onClick={() => void draft.storing(send)}
              >
                {t('fill.send')}
              </button>
            </div>
          </div>
        )}
        {failure && <Notice kind="error">{failure}</Notice>}
      </div>
    </Page>
  );
}
