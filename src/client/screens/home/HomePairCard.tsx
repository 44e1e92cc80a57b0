import { formatDay } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import type { PairItem } from '../../models/home-model';
import { nudgeText } from '../../ui/nudge-text';

/**
 * A pair on the home screen: who, what to do next, how far along. One tap opens it. A pair that has ended
 * says so and offers no «+ Встреча»: a meeting held before its end is still recorded from its page.
 */
export function HomePairCard(props: { item: PairItem }) {
  const { item } = props;
  const isUrgent = item.nudge.key === 'overdue' || item.nudge.key === 'gap';
  // A mentee of the pair reads it in their own words (what is coming, what is theirs to do).
  const isMentee = !item.isMentor;
  return (
    <li class={`card card--pair${item.isRunning ? '' : ' card--closed'}`}>
      <a class="card__link" href={`/pair/${item.pair.id}`}>
        <span class="card__title">{item.withNames}</span>
        <span class={`card__nudge${isUrgent ? ' card__nudge--urgent' : ''}`}>
          {nudgeText(item.nudge, isMentee)}
        </span>
        <span class="card__meta">
          {t(isMentee ? 'home.mentee.series' : 'home.series', item.series)} ·{' '}
          {item.idp.total
            ? t(isMentee ? 'home.mentee.idp' : 'home.idp', { done: item.idp.done, total: item.idp.total })
            : t(isMentee ? 'home.mentee.idpEmpty' : 'home.idpEmpty')}
        </span>
        <span class="card__meta">
          {item.lastMeetingDate
            ? t('home.lastMeeting', { date: formatDay(item.lastMeetingDate) })
            : t('home.noMeetings')}
        </span>
        <span class="meter" aria-hidden="true">
          <span
            class="meter__bar"
            style={{ width: `${Math.round((item.series.held / item.series.total) * 100)}%` }}
          />
        </span>
      </a>
      {item.isMentor && item.isRunning && (
        <a
          class="button card__action"
          href={`/pair/${item.pair.id}/meeting/new`}
          aria-label={t('home.quickMeetingFor', { name: item.withNames })}
        >
          {t('home.quickMeeting')}
        </a>
      )}
    </li>
  );
}
