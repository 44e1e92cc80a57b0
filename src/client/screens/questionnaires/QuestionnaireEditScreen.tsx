// Editing a questionnaire. The draft is kept on every change; saving checks the whole form first.

import { useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import * as v from 'valibot';
import { type Question, QuestionListSchema } from '../../../domain/questionnaires/questions';
import { maxTextLength } from '../../../domain/record-types';
import { useApp } from '../../app/context';
import { useQueries } from '../../app/use-queries';
import { useLiveQuery } from '../../db/live';
import { type MessageKey, t } from '../../i18n/i18n';
import { draftOf, saveTemplate, type TemplateDraft } from '../../models/questionnaire-edit-model';
import { useDraft } from '../../state/draft';
import { useDraftUndo } from '../../state/undo-toast';
import { CheckboxField, TextArea, TextField } from '../../ui/fields';
import { useNavigate } from '../../ui/navigate';
import { Notice, Page } from '../../ui/Page';
import { saveMessage } from '../../ui/save-message';
import { refuseOverLimit } from '../../ui/text-limit';
import { QuestionEditor } from './QuestionEditor';
import { SectionsEditor } from './SectionsEditor';

/** `list` with `item` back at `index` (or at the end, if the list has shrunk since). */
function putBack<T>(list: T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

export function QuestionnaireEditScreen() {
  const { params } = useRoute();
  const route = useNavigate();
  const id = params.id as string;
  const { repo, drafts } = useApp();
  const queries = useQueries();
  const template = useLiveQuery(() => queries.template(id).then((x) => x ?? null), [id]);
  const key = `template:${id}`;
  const edit = useDraft<TemplateDraft>(drafts, key, template ? () => draftOf(template) : null);
  const offerUndo = useDraftUndo();
  const draft = edit.value;
  const [error, setError] = useState<string | null>(null);
  const editor = useRef<HTMLDivElement>(null);
  if (template === undefined || (template && !draft)) return <Page title={t('editor.title')}>{null}</Page>;
  if (template === null || !draft) {
    return (
      <Page title={t('editor.title')} back="/forms">
        <p>{t('fill.notFound')}</p>
      </Page>
    );
  }
  const update = (patch: Partial<TemplateDraft>) => {
    edit.change((now) => ({ ...now, ...patch }));
  };
  const setQuestion = (i: number, q: Question) =>
    update({ questions: draft.questions.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, d: -1 | 1) => {
    const qs = [...draft.questions];
    const [item] = qs.splice(i, 1);
    if (item) qs.splice(Math.max(0, Math.min(qs.length, i + d)), 0, item);
    update({ questions: qs });
  };
  const addQuestion = () =>
    update({
      questions: [
        ...draft.questions,
        {
          id: `q${Math.random().toString(36).slice(2, 8)}`,
          kind: 'shortText',
          text: t('editor.newQuestion'),
          required: false,
        },
      ],
    });
  const save = async () => {
    // A text over its limit is said under its own field, which gets the focus: nothing is saved.
    if (editor.current && refuseOverLimit(editor.current)) return setError(null);
    if (!draft.title.trim()) return setError(t('editor.needTitle'));
    if (draft.sections.some((x) => !x.title.trim())) return setError(t('editor.err.section'));
    const parsed = v.safeParse(QuestionListSchema, draft.questions);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const at =
        typeof issue?.path?.[0]?.key === 'number'
          ? t('editor.inQuestion', { n: (issue.path[0].key as number) + 1 })
          : '';
      const message = issue?.message ?? '';
      return setError(`${at}${message.startsWith('editor.err.') ? t(message as MessageKey) : message}`);
    }
    const result = await saveTemplate(repo, queries, template, draft, edit.base, edit.ending(draft));
    if (!result.ok) return setError(saveMessage(result).text);
    await edit.finish();
    route(`/forms/${result.id}`);
  };
  return (
    <Page title={t('editor.title')} back="/forms">
      <div ref={editor} inert={edit.isBusy} aria-busy={edit.isBusy}>
        <div class="form">
          <TextField
            label={t('editor.questionnaireTitle')}
            value={draft.title}
            maxLength={maxTextLength('formTemplate', 'title')}
            onValue={(title) => update({ title })}
          />
          <TextArea
            label={t('editor.description')}
            rows={2}
            value={draft.description}
            maxLength={maxTextLength('formTemplate', 'description')}
            onValue={(description) => update({ description })}
          />
          <CheckboxField
            label={t('editor.visibleToMentor')}
            checked={draft.visibleToMentor}
            onValue={(visibleToMentor) => update({ visibleToMentor })}
          />
        </div>
        <SectionsEditor
          templateId={id}
          sections={draft.sections}
          onChange={(sections) => update({ sections })}
          onRemove={(section) => {
            const at = draft.sections.findIndex((x) => x.id === section.id);
            update({ sections: draft.sections.filter((x) => x.id !== section.id) });
            // «Отменить» puts back what was removed, into the draft as it is by then: edits made
            // meanwhile stay.
            offerUndo(t('editor.sectionRemoved', { text: section.title }), () =>
              edit.change((now) => ({ ...now, sections: putBack(now.sections, at, section) })),
            );
          }}
        />
        {draft.questions.map((q, i) => (
          <QuestionEditor
            sections={draft.sections}
            key={q.id}
            question={q}
            index={i}
            earlier={draft.questions.slice(0, i)}
            onChange={(next) => setQuestion(i, next)}
            onMove={(d) => move(i, d)}
            onRemove={() => {
              update({ questions: draft.questions.filter((_, j) => j !== i) });
              offerUndo(t('editor.questionRemoved', { text: q.text }), () =>
                edit.change((now) => ({ ...now, questions: putBack(now.questions, i, q) })),
              );
            }}
          />
        ))}
        <div class="actions">
          <button type="button" onClick={addQuestion}>
            {t('editor.add')}
          </button>
          <button type="button" class="button--primary" onClick={() => void edit.storing(save)}>
            {t('editor.save')}
          </button>
        </div>
        {error && <Notice kind="error">{error}</Notice>}
      </div>
    </Page>
  );
}
