// Editing one question of a template: kind, wording, help, required, options or scale, condition.
import {
  QUESTION_KINDS,
  QUESTION_TEXT_MAX,
  type Question,
  type QuestionKind,
  type Section,
} from '../../../domain/questionnaires/questions';
import { type MessageKey, t } from '../../i18n/i18n';
import { CheckboxField, SelectField, TextArea, TextField } from '../../ui/fields';
import { longestLine } from '../../ui/text-limit';

export function QuestionEditor(props: {
  question: Question;
  index: number;
  earlier: Question[];
  sections: Section[];
  onChange(q: Question): void;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}) {
  const { question: q } = props;
  const set = (patch: Partial<Question>) => props.onChange({ ...q, ...patch } as Question);
  const setKind = (kind: QuestionKind) =>
    set({
      kind,
      options:
        kind === 'single' || kind === 'multiple'
          ? (q.options ?? [t('editor.option1'), t('editor.option2')])
          : undefined,
      min: kind === 'scale' ? (q.min ?? 1) : undefined,
      max: kind === 'scale' ? (q.max ?? 10) : undefined,
    });
  const source = props.earlier.find((e) => e.id === q.showIf?.questionId);
  const sourceAnswers: { value: string | boolean; label: string }[] = source
    ? source.kind === 'yesNo'
      ? [
          { value: true, label: t('fill.yes') },
          { value: false, label: t('fill.no') },
        ]
      : (source.options ?? []).map((o) => ({ value: o, label: o }))
    : [];
  return (
    <fieldset class="panel question-editor" data-testid="question-editor">
      <legend>{t('editor.question', { n: props.index + 1 })}</legend>
      <TextField
        label={t('editor.text')}
        value={q.text}
        maxLength={QUESTION_TEXT_MAX.text}
        onValue={(text) => set({ text })}
      />
      <SelectField
        label={t('editor.kind')}
        value={q.kind}
        options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`editor.kind.${k}` as MessageKey) }))}
        onValue={(v) => setKind(v as QuestionKind)}
      />
      <CheckboxField
        label={t('editor.required')}
        checked={q.required}
        onValue={(required) => set({ required })}
      />
      {props.sections.length > 0 && (
        <SelectField
          label={t('editor.section')}
          value={q.sectionId ?? ''}
          placeholder={t('editor.noSection')}
          options={props.sections.map((x) => ({ value: x.id, label: x.title }))}
          onValue={(sectionId) => set({ sectionId: sectionId || undefined })}
        />
      )}
      <TextField
        label={t('editor.help')}
        value={q.help ?? ''}
        maxLength={QUESTION_TEXT_MAX.help}
        onValue={(help) => set({ help: help || undefined })}
      />
      {(q.kind === 'single' || q.kind === 'multiple') && (
        <TextArea
          label={t('editor.options')}
          rows={4}
          value={(q.options ?? []).join('\n')}
          // One option a line, each with its own limit: the longest line is counted.
          maxLength={QUESTION_TEXT_MAX.option}
          measure={longestLine}
          onValue={(text) =>
            set({
              options: text
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            })
          }
        />
      )}
      {q.kind === 'scale' && (
        <div class="form__grid">
          <TextField
            label={t('editor.min')}
            type="number"
            value={String(q.min ?? 1)}
            onValue={(v) => set({ min: Number(v) })}
          />
          <TextField
            label={t('editor.max')}
            type="number"
            value={String(q.max ?? 10)}
            onValue={(v) => set({ max: Number(v) })}
          />
          <TextField
            label={t('editor.minLabel')}
            value={q.minLabel ?? ''}
            maxLength={QUESTION_TEXT_MAX.scaleLabel}
            onValue={(v) => set({ minLabel: v || undefined })}
          />
          <TextField
            label={t('editor.maxLabel')}
            value={q.maxLabel ?? ''}
            maxLength={QUESTION_TEXT_MAX.scaleLabel}
            onValue={(v) => set({ maxLabel: v || undefined })}
          />
        </div>
      )}
      {props.earlier.some((e) => e.kind === 'yesNo' || e.kind === 'single' || e.kind === 'multiple') && (
        <SelectField
          label={t('editor.showIf')}
          value={q.showIf?.questionId ?? ''}
          placeholder={t('editor.always')}
          options={props.earlier
            .filter((e) => e.kind === 'yesNo' || e.kind === 'single' || e.kind === 'multiple')
            .map((e) => ({ value: e.id, label: e.text }))}
          onValue={(questionId) => {
            const e = props.earlier.find((x) => x.id === questionId);
            set({
              showIf: e
                ? { questionId, anyOf: [e.kind === 'yesNo' ? true : (e.options?.[0] ?? '')] }
                : undefined,
            });
          }}
        />
      )}
      {source && (
        <fieldset class="field">
          <legend>{t('editor.showIfAnswers')}</legend>
          {sourceAnswers.map((a) => (
            <label key={String(a.value)} class="checklist__item">
              <input
                type="checkbox"
                checked={q.showIf?.anyOf.includes(a.value) ?? false}
                onChange={(ev) => {
                  const current = q.showIf?.anyOf ?? [];
                  const anyOf = ev.currentTarget.checked
                    ? [...current, a.value]
                    : current.filter((x) => x !== a.value);
                  set({ showIf: { questionId: source.id, anyOf } });
                }}
              />{' '}
              {a.label}
            </label>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button
          type="button"
          aria-label={t('idp.moveUp', { title: q.text })}
          onClick={() => props.onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          aria-label={t('idp.moveDown', { title: q.text })}
          onClick={() => props.onMove(1)}
        >
          ↓
        </button>
        <button type="button" class="button--danger" onClick={props.onRemove}>
          {t('editor.remove')}
        </button>
      </div>
    </fieldset>
  );
}
