// The sections of a questionnaire: titles that group its questions (each question picks its section).
import { QUESTION_TEXT_MAX, type Section } from '../../../domain/questionnaires/questions';
import { t } from '../../i18n/i18n';
import { unsavedKey } from '../../state/unsaved-key';
import { LiveTextField } from '../../ui/LiveTextField';

export function SectionsEditor(props: {
  /** The questionnaire's id: a title over its limit is kept under it, not in the draft. */
  templateId: string;
  sections: Section[];
  onChange(sections: Section[]): void;
  onRemove(section: Section): void;
}) {
  const add = () =>
    props.onChange([
      ...props.sections,
      { id: `s${Math.random().toString(36).slice(2, 8)}`, title: t('editor.newSection') },
    ]);
  return (
    <fieldset class="panel">
      <legend>{t('editor.sections')}</legend>
      {props.sections.map((section, i) => (
        <div key={section.id} class="inline">
          <LiveTextField
            label={t('editor.sectionTitle', { n: i + 1 })}
            value={section.title}
            maxLength={QUESTION_TEXT_MAX.sectionTitle}
            keepAs={unsavedKey('formTemplate', props.templateId, `sections.${section.id}.title`)}
            onSave={(title) =>
              props.onChange(props.sections.map((x) => (x.id === section.id ? { ...x, title } : x)))
            }
          />
          <button type="button" class="button--danger" onClick={() => props.onRemove(section)}>
            {t('editor.removeSection')}
          </button>
        </div>
      ))}
      <button type="button" onClick={add}>
        {t('editor.addSection')}
      </button>
    </fieldset>
  );
}
