import { describe, expect, it } from 'vitest';
import { freshSchool } from '../../../tests/support/fresh-school';
import { draftOf, saveTemplate } from './questionnaire-edit-model';

describe('the questionnaire editor', () => {
  it('saves only what the curator changed from the editor as it opened: another’s change meanwhile stands', async () => {
    const { db, repo, queries, id } = freshSchool('editor');
    const templateId = await id(
      repo.create('formTemplate', {
        title: 'Анкета',
        questions: [{ id: 'q', kind: 'text', text: 'Что получилось?', required: false }],
      }),
    );
    const opened = await queries.template(templateId);
    if (!opened) throw new Error('not stored');
    const base = { value: draftOf(opened), cursor: null };
    // Another curator renames it meanwhile; this one, whose editor still shows the old title, adds a
    // description and saves the whole editor.
    await repo.update('formTemplate', templateId, { title: 'Анкета после четверти' });
    const now = await queries.template(templateId);
    if (!now) throw new Error('not stored');
    const result = await saveTemplate(
      repo,
      queries,
      now,
      { ...base.value, description: 'Для 9-х классов' },
      base,
    );
    expect(result.ok).toBe(true);
    const saved = await queries.template(templateId);
    expect(saved?.fields.title).toBe('Анкета после четверти');
    expect(saved?.fields.description).toBe('Для 9-х классов');
    db.close();
  });

  it('once given to someone, saves as a new version and archives the old one in the same write', async () => {
    const { db, repo, queries, id } = freshSchool('version');
    const question = { id: 'q', kind: 'text', text: 'Что получилось?', required: false };
    const templateId = await id(repo.create('formTemplate', { title: 'Анкета', questions: [question] }));
    await id(
      repo.create('formAssignment', {
        templateId,
        personId: '0193a3f0-0000-7000-8000-000000000101',
        pairId: null,
        due: null,
      }),
    );
    const opened = await queries.template(templateId);
    if (!opened) throw new Error('not stored');
    const saved = await saveTemplate(repo, queries, opened, {
      ...draftOf(opened),
      title: 'Анкета, версия 2',
    });
    if (!saved.ok) throw new Error(saved.reason);
    const [next, old] = [await queries.template(saved.id), await queries.template(templateId)];
    expect(next?.fields).toMatchObject({ title: 'Анкета, версия 2', previousId: templateId, version: 2 });
    expect(old?.fields.archived).toBe(true);
    // A new version the schema refuses (a title over 300 characters) leaves the old one open.
    await repo.update('formTemplate', templateId, { archived: false });
    const again = await queries.template(templateId);
    if (!again) throw new Error('not stored');
    const refused = await saveTemplate(repo, queries, again, { ...draftOf(again), title: 'А'.repeat(301) });
    expect(refused.ok).toBe(false);
    expect((await queries.template(templateId))?.fields.archived).toBe(false);
    db.close();
  });
});
