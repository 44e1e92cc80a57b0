// Topics as quick chips to tap, plus free text for anything else.
import { useState } from 'preact/hooks';
import { QUICK_TOPICS } from '../../../domain/meeting-series';
import { t } from '../../i18n/i18n';

export function TopicsField(props: { value: string[]; onValue(topics: string[]): void }) {
  const [other, setOther] = useState('');
  const toggle = (topic: string) =>
    props.onValue(
      props.value.includes(topic) ? props.value.filter((x) => x !== topic) : [...props.value, topic],
    );
  const custom = props.value.filter((x) => !(QUICK_TOPICS as readonly string[]).includes(x));
  const addOther = () => {
    const topic = other.trim();
    if (topic && !props.value.includes(topic)) props.onValue([...props.value, topic]);
    setOther('');
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
            {topic}
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
          maxLength={100}
          onInput={(e) => setOther(e.currentTarget.value)}
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
    </fieldset>
  );
}
