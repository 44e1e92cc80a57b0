// A new curator's first steps, on their home screen until all are done: what is done is ticked.
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { loadSetup } from '../../models/setup-model';

export function SetupGuide(props: { curatorId: string }) {
  const queries = useQueries();
  const steps = useLiveQuery(() => loadSetup(queries, props.curatorId), [props.curatorId]);
  if (!steps) return null;
  const done = steps.filter((s) => s.isDone).length;
  return (
    <details class="panel setup" open={done < steps.length} data-testid="setup-guide">
      <summary>{t('setup.title', { done, total: steps.length })}</summary>
      <ol class="setup__steps">
        {steps.map((step) => (
          <li key={step.key} class={step.isDone ? 'setup__step setup__step--done' : 'setup__step'}>
            <span class="setup__mark" aria-hidden="true">
              {step.isDone ? '✓' : '○'}
            </span>
            <span>
              <a href={step.href}>{t(`setup.${step.key}` as MessageKey)}</a>
              {step.progress && step.progress.of > 0 && !step.isDone && (
                <> ({t('setup.progress', step.progress)})</>
              )}
              <span class="visually-hidden">
                {' '}
                — {step.isDone ? t('setup.stepDone') : t('setup.stepToDo')}
              </span>
              <span class="setup__hint muted">{t(`setup.${step.key}.hint` as MessageKey)}</span>
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
