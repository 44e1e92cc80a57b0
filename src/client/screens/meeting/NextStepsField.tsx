// Agreed next steps; one tap turns a step into a task of the mentee's IDP.
import { useId } from 'preact/hooks';
import { t } from '../../i18n/i18n';
import { type NextStep, newStep, STEP_MAX } from '../../models/meeting-model';
import { LengthNote } from '../../ui/fields';
import { isTooLong } from '../../ui/text-limit';

export function NextStepsField(props: {
  value: NextStep[];
  /** The step being typed: the form's, so that its draft keeps it. */
  text: string;
  canSendToIdp: boolean;
  onValue(steps: NextStep[], text: string): void;
  onText(text: string): void;
  onToIdp(step: NextStep): void;
}) {
  const { text } = props;
  const noteId = useId();
  const isOver = isTooLong(text, STEP_MAX);
  const add = () => {
    // Over its limit a step is not added: the field says so and keeps the text whole.
    if (!text.trim() || isOver) return;
    props.onValue([...props.value, newStep(text)], '');
  };
  return (
    <fieldset class="field">
      <legend>{t('meeting.nextSteps')}</legend>
      <ul class="steps" data-testid="next-steps">
        {props.value.map((step) => (
          <li key={step.id} class="steps__item">
            <span class="steps__text">{step.text}</span>
            {step.taskId ? (
              <span class="muted">{t('meeting.nextStepInIdp')}</span>
            ) : (
              props.canSendToIdp && (
                <button type="button" onClick={() => props.onToIdp(step)}>
                  {t('meeting.nextStepToIdp')}
                </button>
              )
            )}
            <button
              type="button"
              class="button--quiet"
              aria-label={t('meeting.nextStepRemove', { text: step.text })}
              onClick={() =>
                props.onValue(
                  props.value.filter((s) => s.id !== step.id),
                  text,
                )
              }
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div class="inline">
        <input
          type="text"
          aria-label={t('meeting.nextStepNew')}
          placeholder={t('meeting.nextStepNew')}
          value={text}
          aria-invalid={isOver || undefined}
          aria-describedby={noteId}
          onInput={(e) => props.onText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          {t('meeting.nextStepAdd')}
        </button>
      </div>
      <LengthNote id={noteId} value={text} max={STEP_MAX} />
    </fieldset>
  );
}
