// The approval order («приказ об утверждении наставнических пар») as data: the same content is printed
// from the browser and written into a Word document.
import { signatureName } from './person-name';

export type OrderRow = { n: number; mentor: string; mentees: string; form: string };

/**
 * The appendix's row of a pair the order approved that is no longer in the base (deleted with a person
 * erased): the order was signed with it, so its row and the numbering stay; whose it was does not.
 */
export const removedPairRow = (n: number): OrderRow => ({
  n,
  mentor: '—',
  mentees: 'пара удалена из базы (данные участников стёрты)',
  form: '—',
});

/** The order's title, as the school's documents write it. */
export const ORDER_TITLE = 'Об утверждении наставнических пар';

/**
 * The note a pair's history keeps when an order approves it: the programme's record, in the language
 * of its documents whatever the language of the screen it was made on (it goes into the bases the
 * school reports in Russian, as the order's own title does).
 */
export const approvalNote = (orderNumber: string): string => `утверждена приказом № ${orderNumber}`;

/** The number of the order an approval note names (`approvalNote`), or null for any other note. */
export function approvalOrderNumber(note: string): string | null {
  const prefix = approvalNote('');
  return note.startsWith(prefix) && note.length > prefix.length ? note.slice(prefix.length) : null;
}

export type OrderDocument = {
  school: string;
  title: string;
  number: string;
  date: string;
  preamble: string;
  items: string[];
  rows: OrderRow[];
  signer: string;
};

export function orderDocument(input: {
  school: string | null;
  number: string;
  date: string;
  title: string;
  signer: string | null;
  rows: OrderRow[];
}): OrderDocument {
  return {
    school: input.school || 'Образовательная организация',
    title: input.title,
    number: input.number,
    date: input.date,
    preamble:
      'В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования» и на основании анализа анкет наставников и наставляемых',
    items: [
      'Утвердить наставнические пары (группы) согласно приложению к настоящему приказу.',
      'Наставникам организовать работу с наставляемыми в соответствии с индивидуальными планами развития.',
      'Куратору целевой модели наставничества обеспечить мониторинг работы наставнических пар (групп).',
      'Контроль за исполнением настоящего приказа оставляю за собой.',
    ],
    rows: input.rows,
    signer: input.signer?.trim() ? signatureName(input.signer) : '____________________',
  };
}

/** dd.MM.yyyy, as school orders write dates. */
export function orderDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
