// Add a goal to the IDP: by hand, or from a ready template with its tasks.
import { useState } from 'preact/hooks';
import { GOAL_TEMPLATES, templatesFor } from '../../../domain/goal-templates';
import { maxTextLength } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { builtinText, t } from '../../i18n/i18n';
import { ensurePlan } from '../../models/idp-writes-model';
import { type DraftEnd, useNewRecordDraft } from '../../state/draft';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { Notice } from '../../ui/Page';
import { ActionButton, Form } from '../../ui/pending';
import { saveMessage } from '../../ui/save-message';

const EMPTY = { title: '', description: '', area: '', targetDate: '' };

export function GoalForm(props: {
  pairId: string;
  menteeId: string;
  menteeKind?: string;
  nextOrder: number;
}) {
  const templates = templatesFor(props.menteeKind);
  const { repo, drafts } = useApp();
  const queries = useQueries();
  // What is typed is a draft on the device (a reload or a closed tab keeps it), gone once saved.
  const draft = useNewRecordDraft<typeof EMPTY>(
    drafts,
    `goal:new:${props.pairId}:${props.menteeId}`,
    () => EMPTY,
  );
  const form = draft.value ?? EMPTY;
  const update = (patch: Partial<typeof EMPTY>) => draft.change((current) => ({ ...current, ...patch }));
  const [template, setTemplate] = useState(templates[0]?.key ?? '');
  // Said once: under the title when it is missing, else under the form (a refused save).
  const [error, setError] = useState<{ isTitle: boolean; text: string } | null>(null);
  const [isTemplateOpen, setTemplateOpen] = useState(false);

  const createGoal = async (
    fields: { title: string; description: string; area: string; targetDate: string },
    tasks: readonly string[] = [],
    endsDraft?: DraftEnd,
  ): Promise<boolean> => {
    const plan = await ensurePlan(repo, queries, props.pairId, props.menteeId);
    if (!plan.ok) {
      setError({ isTitle: false, text: saveMessage(plan).text });
      return false;
    }
    const goal = await repo.create(
      'goal',
      {
        planId: plan.id,
        title: fields.title,
        description: fields.description || null,
        area: fields.area || null,
        targetDate: fields.targetDate || null,
        order: props.nextOrder,
      },
      undefined,
      { endsDraft },
    );
    if (!goal.ok) {
      setError({ isTitle: false, text: saveMessage(goal).text });
      return false;
    }
    // A template's tasks in one write, all or none; refused, the goal stands and the form says why.
    const made =
      tasks.length === 0
        ? ({ ok: true } as const)
        : await repo.createMany(
            'task',
            tasks.map((title, i) => ({
              planId: plan.id,
              goalId: goal.id,
              title,
              status: 'todo',
              due: null,
              order: i,
            })),
          );
    setError(made.ok ? null : { isTitle: false, text: saveMessage(made).text });
    return true;
  };

  const submit = async () => {
    if (!form.title.trim()) return setError({ isTitle: true, text: t('idp.goalNeedTitle') });
    // What was typed stays until it is saved: a refused save leaves it there to be corrected.
    if (await createGoal({ ...form, title: form.title.trim() }, [], draft.ending(form)))
      await draft.saved(form);
  };

  const fromTemplate = async () => {
    const chosen = GOAL_TEMPLATES.find((g) => g.key === template);
    if (!chosen) return;
    // In the UI's language: the mentor adapts it from there.
    const isAdded = await createGoal(
      {
        title: builtinText(chosen.title),
        description: builtinText(chosen.description),
        area: builtinText(chosen.area),
        targetDate: '',
      },
      chosen.tasks.map(builtinText),
    );
    // Added: the choice closes, so that a second tap a moment later (a double tap) adds nothing again.
    if (isAdded) setTemplateOpen(false);
  };

  return (
    <div class="goal-forms">
      <details class="panel" open={isTemplateOpen} onToggle={(e) => setTemplateOpen(e.currentTarget.open)}>
        <summary>{t('idp.fromTemplate')}</summary>
        <SelectField
          label={t('idp.template')}
          value={template}
          options={templates.map((g) => ({ value: g.key, label: builtinText(g.title) }))}
          onValue={setTemplate}
        />
        <ActionButton onAction={fromTemplate}>{t('idp.useTemplate')}</ActionButton>
      </details>
      <details class="panel">
        <summary>{t('idp.addGoal')}</summary>
        <Form class="form" onSubmit={submit}>
          <TextField
            label={t('idp.goalTitle')}
            value={form.title}
            maxLength={maxTextLength('goal', 'title')}
            error={error?.isTitle ? error.text : null}
            onValue={(v) => update({ title: v })}
          />
          <TextArea
            label={t('idp.goalDescription')}
            rows={2}
            maxLength={maxTextLength('goal', 'description')}
            value={form.description}
            onValue={(v) => update({ description: v })}
          />
          <TextField
            label={t('idp.goalArea')}
            value={form.area}
            maxLength={maxTextLength('goal', 'area')}
            onValue={(v) => update({ area: v })}
          />
          <TextField
            label={t('idp.goalTarget')}
            type="date"
            value={form.targetDate}
            onValue={(v) => update({ targetDate: v })}
          />
          <button type="submit" class="button--primary">
            {t('idp.goalSave')}
          </button>
        </Form>
      </details>
      {error && !error.isTitle && <Notice kind="error">{error.text}</Notice>}
    </div>
  );
}
