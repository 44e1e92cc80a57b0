// One IDP task: tick it off in one tap; details hold status, due date, evidence and, for the mentor,
// wording, order and deletion. Each change is a write of its own field, so concurrent edits merge.
import { isOverdue } from '../../../domain/idp';
import type { SyncedRecord } from '../../../domain/record';
import { TASK_STATUSES } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { formatDay } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n/i18n';
import { UNSEEN } from '../../models/edit-model';
import { withUndo } from '../../state/undo-toast';
import { SelectField } from '../../ui/fields';
import { LiveTextField } from '../../ui/LiveTextField';
import { liveLimit } from '../../ui/live-limit';

export function TaskRow(props: {
  task: SyncedRecord<'task'>;
  isMentor: boolean;
  today: string;
  onMove?: (direction: -1 | 1) => void;
}) {
  const { repo } = useApp();
  const { task, isMentor } = props;
  const title = task.fields.title ?? '';
  const status = task.fields.status ?? 'todo';
  const due = task.fields.due ?? null;
  const overdue = isOverdue({ status, due }, props.today);
  // A save made over a value the user did not see goes as made from no view: what it replaces is kept.
  const update = (fields: Record<string, unknown>, isBehind = false) =>
    repo.update('task', task.id, fields, isBehind ? UNSEEN : undefined);
  return (
    <li class={`task${status === 'done' ? ' task--done' : ''}`} data-testid="task">
      <label class="task__tick">
        <input
          type="checkbox"
          checked={status === 'done'}
          onChange={(e) => update({ status: e.currentTarget.checked ? 'done' : 'todo' })}
        />
        <span class="task__title">{title}</span>
      </label>
      <span class="task__meta muted">
        {t(`idp.status.${status}` as MessageKey)}
        {due ? ` · ${t('idp.goalDue', { date: formatDay(due) })}` : ''}
        {overdue ? <strong class="nudge--urgent"> · {t('idp.taskOverdue')}</strong> : null}
      </span>
      <details class="task__details">
        <summary>{t('idp.taskDetails')}</summary>
        <SelectField
          label={t('idp.taskStatus')}
          value={status}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`idp.status.${s}` as MessageKey) }))}
          onValue={(v) => update({ status: v })}
        />
        <LiveTextField
          label={t('idp.taskEvidence')}
          multiline
          value={task.fields.evidence ?? ''}
          {...liveLimit('task', task.id, 'evidence')}
          onSave={(v, behind) => update({ evidence: v || null }, behind)}
        />
        {isMentor && (
          <>
            <LiveTextField
              label={t('idp.taskTitle')}
              value={title}
              {...liveLimit('task', task.id, 'title')}
              onSave={(v, behind) => v.trim() && update({ title: v }, behind)}
            />
            <LiveTextField
              label={t('idp.taskDue')}
              type="date"
              value={due ?? ''}
              onSave={(v, behind) => update({ due: v || null }, behind)}
            />
            <div class="actions">
              {props.onMove && (
                <>
                  <button
                    type="button"
                    aria-label={t('idp.moveUp', { title })}
                    onClick={() => props.onMove?.(-1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('idp.moveDown', { title })}
                    onClick={() => props.onMove?.(1)}
                  >
                    ↓
                  </button>
                </>
              )}
              <button
                type="button"
                class="button--danger"
                onClick={() =>
                  void withUndo(repo, [{ op: 'delete', record: task }], t('idp.taskDeleted', { title }))
                }
              >
                {t('idp.taskDelete')}
              </button>
            </div>
          </>
        )}
      </details>
    </li>
  );
}
