// A mentee's individual development plan. The mentor shapes it; the mentee ticks tasks and adds evidence.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { isGoalOverdue } from '../../../domain/idp';
import { maxTextLength } from '../../../domain/record-types';
import { useApp, useSession } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { formatDay, todayIso } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { loadPlan, swapOrder } from '../../models/idp-model';
import { addTask } from '../../models/idp-writes-model';
import { useNewRecordDraft } from '../../state/draft';
import { TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { Form } from '../../ui/pending';
import { personName } from '../../ui/person-name';
import { reportFailure, saveMessage } from '../../ui/save-message';
import { GoalDelete } from './GoalDelete';
import { GoalForm } from './GoalForm';
import { TaskRow } from './TaskRow';

export function IdpScreen() {
  const { params } = useRoute();
  const pairId = params.pairId as string;
  const menteeId = params.menteeId as string;
  const { repo } = useApp();
  const queries = useQueries();
  const session = useSession();
  const today = todayIso();
  const page = useLiveQuery(() => loadPlan(queries, pairId, menteeId, today), [pairId, menteeId, today]);
  if (page === undefined) return <Page title={t('pair.idp')}>{null}</Page>;
  if (page === null) {
    return (
      <Page title={t('pair.idp')} back="/">
        <p>{t('pair.notFound')}</p>
      </Page>
    );
  }
  const isMentor = page.pair.fields.mentorId === session.personId || session.role === 'curator';
  const goals = page.goals.flatMap((g) => g.goal ?? []);
  const move = (
    items: Parameters<typeof swapOrder>[0],
    index: number,
    direction: -1 | 1,
    type: 'goal' | 'task',
  ) => {
    for (const { id, order } of swapOrder(items, index, direction))
      void repo.update(type, id, { order }).then(reportFailure);
  };

  return (
    <Page
      title={
        // A mentee reads their own plan in plain words, not the programme's «ИПР».
        menteeId === session.personId
          ? t('idp.mentee.title')
          : t('idp.title', { name: personName(page.mentee) })
      }
      back={`/pair/${pairId}`}
    >
      {/* A plan with no tasks yet says so, not «0 из 0 задач (0%)»; to a mentee, who cannot add goals, it
          says who will (it told them «добавьте цель», with nothing to add it with). */}
      {page.progress.total === 0 ? (
        <p data-testid="plan-progress">{t(isMentor ? 'idp.noTasksYet' : 'idp.mentee.noTasksYet')}</p>
      ) : (
        <>
          <p data-testid="plan-progress">{t('idp.overall', page.progress)}</p>
          <span class="meter" aria-hidden="true">
            <span class="meter__bar" style={{ width: `${page.progress.percent}%` }} />
          </span>
        </>
      )}
      {page.overdue > 0 && <p class="nudge nudge--urgent">{t('idp.overdue', { n: page.overdue })}</p>}
      {page.goals.map((view, goalIndex) => (
        <section
          class="goal"
          key={view.goal?.id ?? 'loose'}
          aria-labelledby={`goal-${view.goal?.id ?? 'loose'}`}
        >
          <div class="goal__head">
            <h2 id={`goal-${view.goal?.id ?? 'loose'}`}>
              {view.goal ? (view.goal.fields.title ?? '') : t('idp.noGoal')}
            </h2>
            <span class="muted">{t('idp.goalProgress', view.progress)}</span>
          </div>
          {view.goal && (
            <p class="muted">
              {[
                view.goal.fields.area,
                view.goal.fields.targetDate
                  ? t('idp.goalDue', { date: formatDay(view.goal.fields.targetDate) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
              {isGoalOverdue(view.goal.fields.targetDate, view.progress, todayIso()) ? (
                <strong class="nudge--urgent" data-testid="goal-overdue">
                  {' '}
                  · {t('idp.goalOverdue')}
                </strong>
              ) : null}
            </p>
          )}
          {view.goal?.fields.description ? <p>{view.goal.fields.description ?? ''}</p> : null}
          <ul class="tasks">
            {view.tasks.map((task, i) => (
              <TaskRow
                key={task.id}
                task={task}
                isMentor={isMentor}
                today={today}
                onMove={(d) => move(view.tasks, i, d, 'task')}
              />
            ))}
          </ul>
          {isMentor && (
            <NewTask pairId={pairId} menteeId={menteeId} goalId={view.goal?.id ?? null} onAdd={addTask} />
          )}
          {isMentor && view.goal && (
            <div class="actions">
              <button
                type="button"
                aria-label={t('idp.moveUp', { title: view.goal.fields.title ?? '' })}
                onClick={() => move(goals, goalIndex, -1, 'goal')}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('idp.moveDown', { title: view.goal.fields.title ?? '' })}
                onClick={() => move(goals, goalIndex, 1, 'goal')}
              >
                ↓
              </button>
            </div>
          )}
          {isMentor && view.goal && (
            <div class="actions goal__delete">
              <GoalDelete goal={view.goal} tasks={view.tasks} />
            </div>
          )}
        </section>
      ))}
      {isMentor && (
        <GoalForm
          pairId={pairId}
          menteeId={menteeId}
          menteeKind={page.mentee?.fields.kind}
          nextOrder={goals.length}
        />
      )}
    </Page>
  );
}

const NEW_TASK = { title: '', due: '' };

function NewTask(props: { pairId: string; menteeId: string; goalId: string | null; onAdd: typeof addTask }) {
  const { repo, drafts } = useApp();
  const queries = useQueries();
  // What is typed is a draft on the device (a reload or a closed tab keeps it), gone once added.
  const draft = useNewRecordDraft(
    drafts,
    `task:new:${props.pairId}:${props.menteeId}:${props.goalId ?? ''}`,
    () => NEW_TASK,
  );
  const { title, due } = draft.value ?? NEW_TASK;
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    if (!title.trim()) return;
    const result = await props.onAdd(
      repo,
      queries,
      { pairId: props.pairId, menteeId: props.menteeId, goalId: props.goalId },
      { title: title.trim(), due: due || null },
      draft.ending({ title, due }),
    );
    // A refused save keeps what was typed, and says why.
    setError(result.ok ? null : saveMessage(result).text);
    if (result.ok) await draft.saved({ title, due });
  };
  return (
    <Form class="inline new-task" onSubmit={add}>
      <TextField
        label={t('idp.addTask')}
        value={title}
        maxLength={maxTextLength('task', 'title')}
        error={error}
        onValue={(v) => draft.change((c) => ({ ...c, title: v }))}
      />
      <TextField
        label={t('idp.taskDue')}
        type="date"
        value={due}
        onValue={(v) => draft.change((c) => ({ ...c, due: v }))}
      />
      <button type="submit">{t('idp.addTaskButton')}</button>
    </Form>
  );
}
