// Deterministic mentoring-meeting notes, the same as the bench-peer harness generates (~300 B of JSON
// each), so that PouchDB, the Dexie floor and Nastavnik are measured on byte-identical records.
// Isomorphic: the runner seeds servers with them and the page writes them in the floor.

export type BenchRecord = {
  id: string;
  pairId: string;
  date: string;
  kind: string;
  durationMin: number;
  notes: string;
  topics: string[];
};

// mulberry32: tiny, fast, good enough for fixtures.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['organizational', 'regular', 'regular', 'regular', 'intermediate', 'final'];
const TOPICS = [
  'учёба',
  'профориентация',
  'олимпиада',
  'проект',
  'адаптация',
  'чтение',
  'математика',
  'волонтёрство',
  'тайм-менеджмент',
  'экзамены',
  'спорт',
  'общение',
];
const WORDS = (
  'обсудили план на неделю наставляемый рассказал о трудностях с домашними заданиями ' +
  'договорились разобрать задачи по геометрии подготовить доклад к конференции ' +
  'отметили прогресс в чтении выбрали тему проекта составили список вопросов ' +
  'следующая встреча в четверг после уроков мотивация выросла нужна помощь классного ' +
  'руководителя поговорили о профессиях инженер врач программист учитель ' +
  'повторили правила оформления работы цель на месяц улучшить оценку по физике'
).split(' ');

const hex = (r: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += ((r() * 16) | 0).toString(16);
  return s;
};

/** UUID-v4-shaped id, deterministic in (seed, i). */
function recordId(seed: number, i: number): string {
  const r = rng((seed * 1000003) ^ (i * 2654435761));
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${'89ab'[(r() * 4) | 0]}${hex(r, 3)}-${hex(r, 12)}`;
}

/** The i-th meeting note of a data set; `version` 1 is the same record edited. */
export function makeRecord(seed: number, i: number, version = 0): BenchRecord {
  const r = rng((seed * 7919) ^ (i * 40503) ^ (version * 97));
  const pair = (r() * 2000) | 0;
  const day = new Date(Date.UTC(2024, 8, 1) + ((r() * 270) | 0) * 86400000);
  const notes: string[] = [];
  let len = 0;
  while (len < 60) {
    const w = WORDS[(r() * WORDS.length) | 0] as string;
    notes.push(w);
    len += w.length + 1;
  }
  const t1 = TOPICS[(r() * TOPICS.length) | 0] as string;
  let t2 = TOPICS[(r() * TOPICS.length) | 0] as string;
  if (t2 === t1) t2 = TOPICS[(TOPICS.indexOf(t1) + 1) % TOPICS.length] as string;
  return {
    id: recordId(seed, i),
    pairId: `pair-${String(pair).padStart(4, '0')}`,
    date: day.toISOString().slice(0, 10),
    kind: KINDS[(r() * KINDS.length) | 0] as string,
    durationMin: 15 + ((r() * 10) | 0) * 5,
    notes: (version ? `[правка ${version}] ` : '') + notes.join(' '),
    topics: [t1, t2],
  };
}

/** `count` distinct indexes out of n, spread evenly, offset by the seed. */
export function changedIndexes(seed: number, n: number, count: number): number[] {
  const step = Math.max(1, Math.floor(n / count));
  const off = seed % step;
  const out: number[] = [];
  for (let k = 0; k < count && off + k * step < n; k++) out.push(off + k * step);
  return out;
}
