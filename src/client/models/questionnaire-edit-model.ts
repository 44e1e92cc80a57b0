// The curator's questionnaire editor: a template as a draft, copies of built-in questionnaires, and
// saving — a new version once the questionnaire has been given to anyone.
import { changedKeys } from '../../domain/canonical-json';
import type { Question, Section } from '../../domain/questionnaires/questions';
import type { SyncedRecord } from '../../domain/record';
import type { DraftEnd } from '../db/drafts';
import type { Queries } from '../db/queries';
import type { Repository, WriteResult } from '../db/repository';
import { UNSEEN } from './edit-model';
import { questionsOf, sectionsOf } from './questionnaire-fill-model';

/** What the questionnaire editor holds while the curator edits (its draft: state/draft.ts). */
export type TemplateDraft = {
  title: string;
  description: string;
  visibleToMentor: boolean;
  sections: Section[];
  questions: Question[];
};

export function draftOf(template: SyncedRecord<'formTemplate'>): TemplateDraft {
  return {
    title: template.fields.title ?? '',
    description: template.fields.description ?? '',
    visibleToMentor: template.fields.visibleToMentor === true,
    sections: sectionsOf(template),
    questions: questionsOf(template),
  };
}

/** A copy the curator can change: built-in questionnaires are changed through copies. */
export function copyTemplate(
  repo: Repository,
  template: SyncedRecord<'formTemplate'>,
  title: string,
): Promise<WriteResult> {
  return repo.create('formTemplate', {
    ...template.fields,
    title,
    builtIn: null,
    previousId: template.id,
    version: 1,
    archived: false,
  });
}

/** The questionnaire's fields a draft stands for. */
function templateFields(draft: TemplateDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description.trim() || null,
    visibleToMentor: draft.visibleToMentor,
    sections: draft.sections,
    // A question of a removed section belongs to none.
    questions: draft.questions.map((q) => {
      if (!q.sectionId || draft.sections.some((x) => x.id === q.sectionId)) return q;
      const { sectionId: _gone, ...rest } = q;
      return rest;
    }),
  };
}

/**
 * Saves the editor's draft of `template` (as stored now). Once assigned, a template keeps what people
 * answered: the edit becomes a new version (a new record) and the old one is archived with its
 * responses, in one write (two, and a failure between them left both versions open to be given).
 * `base`: what the editor showed when it opened (useDraft's `base`); given, only what the curator changed
 * from it is written — another curator's changes made meanwhile stand, in the questionnaire and in a new
 * version of it alike. `endsDraft`: the editor's draft, ended in the same write (a reload after it finds
 * no draft to save as yet another version). Answers the id of the questionnaire as saved (the new
 * version's, if one).
 */
export async function saveTemplate(
  repo: Repository,
  queries: Queries,
  template: SyncedRecord<'formTemplate'>,
  draft: TemplateDraft,
  base: { value: TemplateDraft; cursor: string | null } | null = null,
  endsDraft?: DraftEnd,
): Promise<WriteResult> {
  const all = templateFields(draft);
  const seen = base && { values: templateFields(base.value), cursor: base.cursor };
  const fields = seen
    ? Object.fromEntries(changedKeys(all, seen.values).map((k) => [k, all[k as keyof typeof all]]))
    : all;
  const assigned = await queries.assignmentsOfTemplate(template.id);
  // An editor's draft an older version of the app left kept no view: it goes as made from none.
  if (assigned.length === 0)
    return repo.update('formTemplate', template.id, all, { ...(seen ? { seen } : UNSEEN), endsDraft });
  const next = await repo.createMany(
    'formTemplate',
    [
      {
        ...template.fields,
        ...fields,
        builtIn: null,
        previousId: template.id,
        version: (template.fields.version ?? 1) + 1,
        archived: false,
      },
    ],
    [{ id: template.id, fields: { archived: true } }],
    { endsDraft },
  );
  return next.ok ? { ok: true, id: next.ids[0] as string } : next;
}
