// A mentee of a group reads only her own name among the group's: no placeholder stands for a
// groupmate she may not see (a dash each would say how many there are).
import { expect, test } from '@playwright/test';
import { inviteCode, putRecords } from './api';
import { enrol, openPhone, syncNow } from './app-page';

test('a mentee of a group pair sees no placeholder for her groupmates, in her pair page’s heading', async () => {
  const tag = `${Date.now()}`;
  const [mentor, anna, boris, vera] = await putRecords([
    { type: 'person', fields: { fullName: `Группова Нина ${tag}`, kind: 'teacher' } },
    { type: 'person', fields: { fullName: `Ученикова Анна ${tag}`, kind: 'student', minor: false } },
    { type: 'person', fields: { fullName: `Соседов Борис ${tag}`, kind: 'student', minor: false } },
    { type: 'person', fields: { fullName: `Третьякова Вера ${tag}`, kind: 'student', minor: false } },
  ]);
  const [pair] = await putRecords([
    {
      type: 'pair',
      fields: { mentorId: mentor, menteeIds: [anna, boris, vera], form: 'учитель–ученик', status: 'active' },
    },
  ]);
  const phone = await openPhone();
  const { page } = phone;
  await enrol(page, await inviteCode(anna as string, 'mentee'));
  await syncNow(page);
  await page.goto(`/pair/${pair}`);
  const heading = page.getByRole('heading', { level: 1 });
  // Her pair is headed by her mentor (7d6738e), and nowhere does a dash stand for a groupmate.
  await expect(heading).toHaveText(`Группова Нина ${tag}`);
  await expect(page.locator('main')).not.toContainText('—,');
  await expect(page.locator('main')).not.toContainText(', —');
  await phone.context.close();
});
