// Records as large as their schemas allow (a questionnaire of 200 long questions is some 2–4 MB): a page
// of a pull holds as many as fit in PAGE_CHARS characters, not a fixed count — 2,000 such on one page
// made a text longer than a JavaScript string can be, and every first pull of the school, and its
// export, answered 500. (Found by an attack round.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAGE_CHARS } from '../../src/server/pull-plan';
import {
  type Actor,
  BOOTSTRAP_CODE,
  change,
  enrolWith,
  push,
  startTestServer,
  type TestServer,
} from '../support/test-server';

let server: TestServer;
let curator: Actor;
const titles: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
  curator = await enrolWith(server, BOOTSTRAP_CODE, 'cur');
  const long = 'Опишите подробно, что изменилось за четверть. '.repeat(220); // ~10,000 characters
  for (let i = 0; i < 5; i++) {
    const questions = Array.from({ length: 200 }, (_, q) => ({ id: `q${q}`, kind: 'text', text: long }));
    const form = change(curator.stamper, 'formTemplate', { title: `Большая анкета ${i}`, questions });
    titles.push(`Большая анкета ${i}`);
    expect((await push(server, { ...curator, cursor: null }, [form])).rejected).toEqual([]);
  }
});
afterAll(async () => server.close());

/** Every page of a first pull through `path`, as the texts of the answers. */
async function pages(path: string, headers: Record<string, string>): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${curator.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ cursor, changes: [] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    texts.push(text);
    const body = JSON.parse(text) as { cursor: string; hasMore: boolean };
    cursor = body.cursor;
    if (!body.hasMore) return texts;
  }
  throw new Error('the pull did not end');
}

it.each([
  ['v1', '/api/v1/sync', {}],
  ['v2', '/api/v2/sync', { 'x-nastavnik-contract': '2' }],
])(
  'a %s first pull splits large records over pages of at most PAGE_CHARS, and brings them all',
  async (_, path, headers) => {
    const texts = await pages(path, headers);
    expect(texts.length).toBeGreaterThan(2);
    // One record past the bound at most: a page always takes its first record.
    for (const text of texts) expect(text.length).toBeLessThan(PAGE_CHARS + 2_500_000);
    const all = texts.join('\n');
    for (const title of titles) expect(all).toContain(title);
  },
);

it('the export sends every record, large ones included, as one JSON document', async () => {
  const response = await fetch(`${server.url}/api/v1/export`, {
    headers: { authorization: `Bearer ${curator.token}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { records: { fields: { title?: string } }[]; schoolId: string };
  expect(body.schoolId).toEqual(expect.any(String));
  for (const title of titles) expect(body.records.some((r) => r.fields.title === title)).toBe(true);
});
