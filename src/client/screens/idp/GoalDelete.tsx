// Deleting a goal asks first and says what becomes of its tasks: deleted with it, or kept without a goal.
// Either way «Отменить» brings the goal back with its tasks as they were.
import { useState } from 'preact/hooks';
import type { SyncedRecord } from '../../../domain/record';
import { useApp } from '../../app/context';
import { t } from '../../i18n/i18n';
import { goalDeletion } from '../../models/idp-model';
import { withUndo } from '../../state/undo-toast';
import { ConfirmStep } from '../../ui/ConfirmStep';

export function GoalDelete(props: { goal: SyncedRecord<'goal'>; tasks: readonly SyncedRecord<'task'>[] }) {
  const { repo } = useApp();
  const [isAsking, setAsking] = useState(false);
  const title = props.goal.fields.title ?? '';
  const n = props.tasks.length;
  const run = async (withTasks: boolean) => {
    setAsking(false);
    const text =
      n === 0
        ? t('idp.goalDeleted')
        : withTasks
          ? t('idp.goalDeletedWithTasks', { n })
          : t('idp.goalDeletedKeptTasks');
    await withUndo(repo, goalDeletion(props.goal, props.tasks, withTasks), text);
  };
  if (!isAsking)
    return (
      <button type="button" class="button--danger" onClick={() => setAsking(true)}>
        {t('idp.goalDelete')}
      </button>
    );
  return (
    <ConfirmStep
      question={n ? t('idp.goalDeleteAsk', { title, n }) : t('idp.goalDeleteAskEmpty', { title })}
      confirm={n ? t('idp.goalDeleteWithTasks') : t('idp.goalDeleteOnly')}
      onConfirm={() => void run(true)}
      onCancel={() => setAsking(false)}
    >
      {n > 0 && (
        <button type="button" class="button--danger" onClick={() => void run(false)}>
          {t('idp.goalDeleteKeepTasks')}
        </button>
      )}
    </ConfirmStep>
  );
}
