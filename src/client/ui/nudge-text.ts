import type { Nudge } from '../../domain/nudges';
import { type MessageKey, t } from '../i18n/i18n';

/**
 * A pair's next step in the words of who reads it: a mentor is told what to do; a mentee (often 13) what
 * is coming and what is theirs to do, with no jargon («план развития», not «ИПР»).
 */
export function nudgeText(nudge: Nudge, isMentee = false): string {
  switch (nudge.key) {
    case 'meeting':
      return isMentee
        ? t(`nudge.mentee.meeting.${nudge.kind}` as MessageKey)
        : t(`nudge.meeting.${nudge.kind}` as MessageKey);
    case 'overdue':
      return t(isMentee ? 'nudge.mentee.overdue' : 'nudge.overdue', { n: nudge.count });
    case 'gap':
      return t(isMentee ? 'nudge.mentee.gap' : 'nudge.gap', { n: nudge.days });
    case 'plan':
      return t(isMentee ? 'nudge.mentee.plan' : 'nudge.plan');
    case 'closed':
      return isMentee
        ? t(`nudge.mentee.closed.${nudge.status}` as MessageKey)
        : t(`nudge.closed.${nudge.status}` as MessageKey);
    default:
      return t(isMentee ? 'nudge.mentee.none' : 'nudge.none');
  }
}
