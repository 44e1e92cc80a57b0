// The strings a phone needs for the first screen it shows, in parts: the shell's (every screen), the
// homes' and the enrolment screen's. Keys, or key prefixes ending in a dot. Each part comes with its
// code (a Vite plugin picks it out of ru.ts: scripts/vite/first-strings.ts, into strings-<part>.ts);
// the rest loads behind the first screen and before any other screen. first-strings.test.ts checks
// that the first screens use no other key. A key belongs to the part that names it most closely: a
// mentee's words ('home.mentee.…') are their own part, which the home loads only when it reads a pair
// from a mentee's side (HomeScreen.tsx), not the home's ('home.').
export const FIRST_STRINGS = {
  shell: [
    'app.',
    'nav.',
    'db.',
    'storage.',
    // The sync status and the other banners come after the first screen, with all the strings (App.tsx).
  ],
  home: [
    'role.',
    'home.',
    'nudge.',
    'questionnaires.sent',
    'questionnaires.overdue',
    'questionnaires.draft',
    'questionnaires.due',
    'questionnaires.aboutMentor',
    'questionnaires.aboutMentees',
    'questionnaires.toFill',
    'questionnaires.toFillEmpty',
    'questionnaires.stats',
    'questionnaires.statsLine',
    'questionnaires.unsent',
  ],
  mentee: ['home.mentee.', 'nudge.mentee.'],
  enrol: ['enrol.', 'save.'],
} as const satisfies Record<string, readonly string[]>;

export type StringsPart = keyof typeof FIRST_STRINGS;

/** How closely the part names the key: the length of its entry that does, 0 if none does. */
const closeness = (part: StringsPart, key: string): number =>
  Math.max(
    0,
    ...FIRST_STRINGS[part].map((k: string) =>
      (k.endsWith('.') ? key.startsWith(k) : key === k) ? k.length : 0,
    ),
  );

export const isInPart = (part: StringsPart, key: string): boolean => {
  const own = closeness(part, key);
  return (
    own > 0 && (Object.keys(FIRST_STRINGS) as StringsPart[]).every((other) => closeness(other, key) <= own)
  );
};
