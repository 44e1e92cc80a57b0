import { t } from '../i18n/i18n';

/** Whom a form given within a pair is about, in a line: «Наставник: …» or «Наставляемые: …». */
export function pairSideText(about: { side: 'mentor' | 'mentees'; names: readonly string[] }): string {
  return about.side === 'mentor'
    ? t('questionnaires.aboutMentor', { name: about.names.join(', ') })
    : t('questionnaires.aboutMentees', { n: about.names.length, names: about.names.join(', ') });
}
