// The two filters of the curator's figures: form of mentoring and class («любой» shows all).
import { t } from '../i18n/i18n';
import { mentoringFormOptions } from './built-in-labels';
import { SelectField } from './fields';

export function MentoringFormAndClassFilters(props: {
  forms: readonly string[];
  classes: readonly string[];
  form: string;
  className: string;
  onMentoringForm(value: string): void;
  onClassName(value: string): void;
}) {
  return (
    <div class="filters">
      <SelectField
        label={t('pairs.form')}
        value={props.form}
        placeholder={t('people.any')}
        options={mentoringFormOptions(props.forms)}
        onValue={props.onMentoringForm}
      />
      <SelectField
        label={t('people.classOrSubject')}
        value={props.className}
        placeholder={t('people.any')}
        options={props.classes.map((c) => ({ value: c, label: c }))}
        onValue={props.onClassName}
      />
    </div>
  );
}
