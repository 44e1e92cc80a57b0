// Every table of the programme as rows for CSV and XLSX, with names instead of ids.
import { cellOf } from '../../../domain/forms/export-rows';
import type { SyncedRecord } from '../../../domain/record';
import type { Queries } from '../../db/queries';

type Cell = string | number;
export type TableName = 'people' | 'consents' | 'pairs' | 'meetings' | 'tasks';
export const TABLES: readonly TableName[] = ['people', 'consents', 'pairs', 'meetings', 'tasks'];

const yes = (v: unknown) => (v === true ? 'да' : 'нет');

export async function tableRows(queries: Queries, table: TableName): Promise<Cell[][]> {
  const [people, pairs] = await Promise.all([queries.people(), queries.pairs()]);
  const name = new Map(people.map((p) => [p.id, String(p.fields.fullName)]));
  const pairName = new Map(
    pairs.map((p) => [
      p.id,
      `${((p.fields.menteeIds as string[]) ?? []).map((id) => name.get(id) ?? '').join(', ')} — ${name.get(String(p.fields.mentorId)) ?? ''}`,
    ]),
  );
  const f = (r: SyncedRecord, k: string) => cellOf(r.fields[k]);
  switch (table) {
    case 'people': {
      const consents = await queries.allConsents();
      const consented = new Set(
        consents.filter((c) => c.fields.withdrawn === false).map((c) => String(c.fields.personId)),
      );
      return [
        [
          'ФИО',
          'Категория',
          'Класс или предмет',
          'Несовершеннолетний',
          'Согласие',
          'Обучен как наставник',
          'В архиве',
        ],
        ...people.map((p) => [
          f(p, 'fullName'),
          f(p, 'kind'),
          f(p, 'classOrSubject'),
          yes(p.fields.minor),
          yes(consented.has(p.id)),
          yes(p.fields.trained),
          yes(p.fields.archived),
        ]),
      ];
    }
    case 'consents':
      return [
        ['Участник', 'Подписал', 'Дата', 'Отозвано', 'Дата отзыва', 'Объём'],
        ...(await queries.allConsents()).map((c) => [
          name.get(String(c.fields.personId)) ?? '',
          f(c, 'signedBy'),
          f(c, 'date'),
          yes(c.fields.withdrawn),
          f(c, 'withdrawnDate'),
          f(c, 'scope'),
        ]),
      ];
    case 'pairs':
      return [
        ['Наставник', 'Наставляемые', 'Форма', 'Статус', 'Начало', 'Причина завершения'],
        ...pairs.map((p) => [
          name.get(String(p.fields.mentorId)) ?? '',
          ((p.fields.menteeIds as string[]) ?? []).map((id) => name.get(id) ?? '').join(', '),
          f(p, 'form'),
          f(p, 'status'),
          f(p, 'startDate'),
          f(p, 'endReason'),
        ]),
      ];
    case 'meetings': {
      // Private notes are the mentor's own: they are not exported.
      const meetings = await queries.allMeetings();
      return [
        ['Дата', 'Пара', 'Вид', 'Состоялась', 'Длительность, мин', 'Темы', 'Заметки'],
        ...meetings.map((m) => [
          f(m, 'date'),
          pairName.get(String(m.fields.pairId)) ?? '',
          f(m, 'kind'),
          f(m, 'status') || 'held',
          f(m, 'durationMin'),
          f(m, 'topics'),
          f(m, 'notes'),
        ]),
      ];
    }
    case 'tasks': {
      const plans = await queries.allPlans();
      const planOf = new Map(plans.map((p) => [p.id, p]));
      const tasks = await queries.tasksOfPlans(plans.map((p) => p.id));
      const goals = new Map(
        (await Promise.all(plans.map((p) => queries.goalsOfPlan(p.id))))
          .flat()
          .map((g) => [g.id, String(g.fields.title)]),
      );
      return [
        ['Наставляемый', 'Пара', 'Цель', 'Задача', 'Статус', 'Срок'],
        ...tasks.map((task) => {
          const plan = planOf.get(String(task.fields.planId));
          return [
            name.get(String(plan?.fields.menteeId)) ?? '',
            pairName.get(String(plan?.fields.pairId)) ?? '',
            goals.get(String(task.fields.goalId)) ?? '',
            f(task, 'title'),
            f(task, 'status'),
            f(task, 'due'),
          ];
        }),
      ];
    }
  }
}
