// The strings a phone needs for the first screen it shows, in parts: the shell's (every screen), the
// homes' and the enrolment screen's. Keys, or key prefixes ending in a dot. Each part comes with its
// code (a Vite plugin picks it out of ru.ts: scripts/vite/first-strings.ts, into strings-<part>.ts);
// the rest loads behind the first screen and before any other screen. first-strings.test.ts checks
// that the first screens use no other key.
export const FIRST_STRINGS = {
  shell: [
    'app.',
    'nav.',
    'sync.online',
    'sync.offline',
    'sync.waiting',
    'sync.allSent',
    'sync.rejected',
    'sync.copies',
    'sync.last',
    'sync.never',
    'sync.blocked.',
    'sync.received',
    'sync.currentFirst',
    'db.',
    'update.',
    'storage.',
  ],
  home: [
    'role.',
    'home.',
    'nudge.',
    'questionnaires.sent',
    'questionnaires.overdue',
    'questionnaires.draft',
    'questionnaires.due',
    'questionnaires.toFill',
    'questionnaires.toFillEmpty',
    'questionnaires.stats',
    'questionnaires.statsLine',
    'questionnaires.unsent',
  ],
  enrol: ['enrol.', 'save.'],
} as const satisfies Record<string, readonly string[]>;

export type StringsPart = keyof typeof FIRST_STRINGS;

export const isInPart = (part: StringsPart, key: string): boolean =>
  FIRST_STRINGS[part].some((k: string) => (k.endsWith('.') ? key.startsWith(k) : key === k));
