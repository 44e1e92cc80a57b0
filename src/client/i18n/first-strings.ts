// The strings a phone needs for the first screen it shows (the enrolment screen or a home): keys, or
// key prefixes ending in a dot. Only these come with the first chunk (a Vite plugin picks them out of
// ru.ts, scripts/vite/first-strings.ts); the rest loads behind the first screen and before any other
// screen. first-strings.test.ts checks that the first screens use no other key.
export const FIRST_STRINGS: readonly string[] = [
  'app.',
  'nav.',
  'sync.online',
  'sync.offline',
  'sync.waiting',
  'sync.allSent',
  'sync.rejected',
  'sync.last',
  'sync.never',
  'sync.received',
  'sync.currentFirst',
  'db.',
  'update.',
  'role.',
  'enrol.',
  'home.',
  'nudge.',
  'pairs.status.',
  'forms.sent',
  'forms.overdue',
  'forms.draft',
  'forms.due',
  'forms.toFill',
  'forms.toFillEmpty',
  'forms.stats',
  'forms.statsLine',
];

export const isFirstString = (key: string): boolean =>
  FIRST_STRINGS.some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k));
