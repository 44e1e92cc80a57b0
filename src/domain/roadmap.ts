// The six stages of the school's roadmap («дорожная карта») and their progress, from what the data says.
import { percentOf } from './percent';
export type StageKey = '1' | '2' | '3' | '4' | '5' | '6';

/** Titles and measures are named by key: the screens word them in the user's language. */
export type StageDefinition = {
  key: StageKey;
  month: number;
  day: number;
  responsible: string;
};

/** As in the seed's roadmap; the deadline is a month and day of the school year, editable per school. */
export const ROADMAP_STAGES: readonly StageDefinition[] = [
  {
    key: '1',
    month: 9,
    day: 30,
    responsible: 'Заместители директора',
  },
  {
    key: '2',
    month: 9,
    day: 30,
    responsible: 'Кураторы целевой модели наставничества',
  },
  {
    key: '3',
    month: 9,
    day: 30,
    responsible: 'Заместители директора',
  },
  {
    key: '4',
    month: 10,
    day: 31,
    responsible: 'Заместители директора, кураторы целевой модели',
  },
  {
    key: '5',
    month: 5,
    day: 31,
    responsible: 'Наставники',
  },
  {
    key: '6',
    month: 3,
    day: 31,
    responsible: 'Куратор целевой модели, заместители директора',
  },
];

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

type MeasureKey =
  | 'menteesReady'
  | 'mentorsReady'
  | 'mentorsTrained'
  | 'menteesPaired'
  | 'pairedWithPlan'
  | 'heldOrganisational'
  | 'heldTrial'
  | 'heldPlanning'
  | 'heldRegular'
  | 'heldFinal'
  | 'finalSent';

export type StageProgress = {
  key: StageKey;
  percent: number | null;
  measures: { key: MeasureKey; done: number; of: number }[];
};

const share = percentOf;

function combined(measures: StageProgress['measures']): number | null {
  const shares = measures.map((m) => share(m.done, m.of)).filter((x): x is number => x !== null);
  if (!shares.length) return null;
  const mean = Math.round(shares.reduce((a, b) => a + b, 0) / shares.length);
  // As each share reads (percent.ts): a stage not done never reads 100 %, one begun never 0 %.
  if (mean === 100 && shares.some((x) => x < 100)) return 99;
  if (mean === 0 && shares.some((x) => x > 0)) return 1;
  return mean;
}

export function stageProgress(key: StageKey, f: RoadmapFacts): StageProgress {
  const measures: StageProgress['measures'] = (() => {
    switch (key) {
      case '1':
        return [{ key: 'menteesReady', done: f.menteesReady, of: f.menteeBase }];
      case '2':
        return [{ key: 'mentorsReady', done: f.mentorsReady, of: f.mentorBase }];
      case '3':
        return [{ key: 'mentorsTrained', done: f.mentorsTrained, of: f.mentorBase }];
      case '4':
        return [
          { key: 'menteesPaired', done: f.menteesPaired, of: f.menteeBase },
          { key: 'pairedWithPlan', done: f.pairedWithPlan, of: f.menteesPaired },
        ];
      case '5':
        return [
          { key: 'heldOrganisational', done: f.pairsHeld.organisational, of: f.workingPairs },
          { key: 'heldTrial', done: f.pairsHeld.trial, of: f.workingPairs },
          { key: 'heldPlanning', done: f.pairsHeld.planning, of: f.workingPairs },
          { key: 'heldRegular', done: f.pairsHeld.regular, of: f.workingPairs },
          { key: 'heldFinal', done: f.pairsHeld.final, of: f.workingPairs },
        ];
      case '6':
        return [{ key: 'finalSent', done: f.finalSent, of: f.finalAssigned }];
    }
  })();
  return { key, percent: combined(measures), measures };
}
