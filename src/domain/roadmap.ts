// The six stages of the school's roadmap («дорожная карта») and their progress, from what the data says.
export type StageKey = '1' | '2' | '3' | '4' | '5' | '6';

export type StageDefinition = {
  key: StageKey;
  title: string;
  month: number;
  day: number;
  responsible: string;
};

/** As in the seed's roadmap; the deadline is a month and day of the school year, editable per school. */
export const ROADMAP_STAGES: readonly StageDefinition[] = [
  {
    key: '1',
    title: 'Формирование базы наставляемых',
    month: 9,
    day: 30,
    responsible: 'Заместители директора',
  },
  {
    key: '2',
    title: 'Формирование базы наставников',
    month: 9,
    day: 30,
    responsible: 'Кураторы целевой модели наставничества',
  },
  {
    key: '3',
    title: 'Отбор и обучение наставников',
    month: 9,
    day: 30,
    responsible: 'Заместители директора',
  },
  {
    key: '4',
    title: 'Формирование наставнических пар/групп',
    month: 10,
    day: 31,
    responsible: 'Заместители директора, кураторы целевой модели',
  },
  {
    key: '5',
    title: 'Организация и осуществление работы наставнических пар/групп',
    month: 5,
    day: 31,
    responsible: 'Наставники',
  },
  {
    key: '6',
    title: 'Завершение наставничества',
    month: 3,
    day: 31,
    responsible: 'Куратор целевой модели, заместители директора',
  },
];

/** The school year a date falls in: September to August. */
export function schoolYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

export function defaultDeadline(stage: StageDefinition, schoolYear: string): string {
  const [first, second] = schoolYear.split('-').map(Number) as [number, number];
  const year = stage.month >= 9 ? first : second;
  return `${year}-${String(stage.month).padStart(2, '0')}-${String(stage.day).padStart(2, '0')}`;
}

/** Counts taken from the data; each stage's progress is a share of them. */
export type RoadmapFacts = {
  menteeBase: number;
  menteesReady: number;
  mentorBase: number;
  mentorsReady: number;
  mentorsTrained: number;
  menteesPaired: number;
  pairedWithPlan: number;
  workingPairs: number;
  pairsHeld: Record<'organisational' | 'trial' | 'planning' | 'regular' | 'final', number>;
  finalAssigned: number;
  finalSent: number;
};

export type StageProgress = {
  key: StageKey;
  percent: number | null;
  measures: { label: string; done: number; of: number }[];
};

const share = (done: number, of: number) => (of === 0 ? null : Math.round((done / of) * 100));

function combined(measures: StageProgress['measures']): number | null {
  const shares = measures.map((m) => share(m.done, m.of)).filter((x): x is number => x !== null);
  return shares.length ? Math.round(shares.reduce((a, b) => a + b, 0) / shares.length) : null;
}

export function stageProgress(key: StageKey, f: RoadmapFacts): StageProgress {
  const measures: StageProgress['measures'] = (() => {
    switch (key) {
      case '1':
        return [{ label: 'наставляемых с согласием и анкетой', done: f.menteesReady, of: f.menteeBase }];
      case '2':
        return [{ label: 'наставников с согласием и анкетой', done: f.mentorsReady, of: f.mentorBase }];
      case '3':
        return [{ label: 'наставников обучено', done: f.mentorsTrained, of: f.mentorBase }];
      case '4':
        return [
          { label: 'наставляемых в парах', done: f.menteesPaired, of: f.menteeBase },
          { label: 'с планом развития', done: f.pairedWithPlan, of: f.menteesPaired },
        ];
      case '5':
        return [
          {
            label: 'пар провели организационную встречу',
            done: f.pairsHeld.organisational,
            of: f.workingPairs,
          },
          { label: 'пробную', done: f.pairsHeld.trial, of: f.workingPairs },
          { label: 'встречу-планирование', done: f.pairsHeld.planning, of: f.workingPairs },
          { label: 'регулярные', done: f.pairsHeld.regular, of: f.workingPairs },
          { label: 'заключительную', done: f.pairsHeld.final, of: f.workingPairs },
        ];
      case '6':
        return [{ label: 'итоговых анкет получено', done: f.finalSent, of: f.finalAssigned }];
    }
  })();
  return { key, percent: combined(measures), measures };
}
