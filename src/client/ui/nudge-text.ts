import type { Nudge } from '../../domain/nudges';
import { type MessageKey, t } from '../i18n/i18n';

export function nudgeText(nudge: Nudge): string {
  switch (nudge.key) {
    case 'meeting':
      return t(`nudge.meeting.${nudge.kind}` as MessageKey);
    case 'overdue':
      return t('nudge.overdue', { n: nudge.count });
    case 'gap':
      return t('nudge.gap', { n: nudge.days });
    case 'plan':
      return t('nudge.plan');
    default:
      return t('nudge.none');
  }
}
