// Topics as quick chips to tap, plus free text for anything else.
import { useId } from 'preact/hooks';
import { QUICK_TOPICS } from '../../../domain/meeting-series';
import { type MessageKey, t } from '../../i18n/i18n';
import { TOPIC_MAX } from '../../models/meeting-model';
import { LengthNote } from '../../ui/fields';
import { isTooLong } from '../../ui/text-limit';

/** Each quick topic's words in the UI's language (the record keeps the Russian ones). */
const TOPIC_KEYS: Readonly<Record<(typeof QUICK_TOPICS)[number], MessageKey>> = {
  'Цели и ожидания': 'topic.goals',
  'Учебные трудности': 'topic.difficulties',
  'Подготовка к экзамену': 'topic.exam',
  Проект: 'topic.project',
  'Общение в классе': 'topic.classmates',
  Самоорганизация: 'topic.selfOrganisation',
  Профориентация: 'topic.career',
  'Методика урока': 'topic.lessonMethods',
  'Работа с документацией': 'topic.paperwork',
  'Классное руководство': 'topic.formTutor',
};

/** A topic as the UI shows it: a quick topic in the UI's language, anything typed as it was typed. */
export function topicLabel(topic: string): string {
  const key = (TOPIC_KEYS as Record<string, MessageKey | undefined>)[topic];
  return key ? t(key) : topic;
}

export function TopicsField(props: {
  value: string[];
  /** The topic being typed: the form's, so that its draft keeps it. */
  other: string;
  onValue(topics: string[], other: string): void;
  onOther(other: string): void;
}) {
  const { other } = props;
  const noteId = useId();
  const isOver = isTooLong(other, TOPIC_MAX);
  const toggle = (topic: string) =>
    props.onValue(
      props.value.includes(topic) ? props.value.filter((x) => x !== topic) : [...props.value, topic],
      other,
    );
  const custom = props.value.filter((x) => !(QUICK_TOPICS as readonly string[]).includes(x));
  const addOther = () => {
    const topic = other.trim();
    if (isOver) return; // said under the field; the text stays whole in it
    props.onValue(topic && !props.value.includes(topic) ? [...props.value, topic] : props.value, '');
  };
  return (
    <fieldset class="field">
      <legend>{t('meeting.topics')}</legend>
      <div class="chips">
        {QUICK_TOPICS.map((topic) => (
          <button
            key={topic}
            type="button"
            class="chip"
            aria-pressed={props.value.includes(topic)}
            onClick={() => toggle(topic)}
          >
            {topicLabel(topic)}
          </button>
        ))}
        {custom.map((topic) => (
          <button
            key={topic}
            type="button"
            class="chip"
            aria-pressed="true"
            aria-label={t('meeting.topicRemove', { topic })}
            onClick={() => toggle(topic)}
          >
            {topic} ✕
          </button>
        ))}
      </div>
      <div class="inline">
        <input
          type="text"
          aria-label={t('meeting.topicOther')}
          placeholder={t('meeting.topicOther')}
          value={other}
          aria-invalid={isOver || undefined}
          aria-describedby={noteId}
          onInput={(e) => props.onOther(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addOther();
            }
          }}
        />
        <button type="button" onClick={addOther}>
          {t('meeting.topicAdd')}
        </button>
      </div>
      <LengthNote id={noteId} value={other} max={TOPIC_MAX} />
    </fieldset>
  );
}
