// What a person sees on a 360 px phone, checked on the rendered page: nothing wider than the screen,
// no text squeezed into a column a few letters wide, no word broken in the middle where it would fit.
import { expect, type Page } from '@playwright/test';

type LayoutProblem = {
  kind: 'overflow' | 'squeezed' | 'broken-word' | 'narrow-column';
  where: string;
  text: string;
};

/** The least width a text column can always be given on a phone, as a share of the screen's width. */
const MIN_COLUMN_SHARE = 0.6;

/**
 * Runs in the page. For every visible text of the header, navigation and main area:
 * - overflow: an element reaches past the screen's right or left edge (the phone's row of sections
 *   scrolls sideways on purpose and is left out);
 * - squeezed: the box the text flows in is narrower than the text's longest word, up to four em (about seven letters)
 *   (so «Всё отправлено» in an 11 px column fails, a «№» column does not);
 * - broken-word: a word runs over two lines although it would fit the line its box offers (what
 *   `overflow-wrap: anywhere` or `word-break: break-all` do); a word longer than the whole line may
 *   break, since nothing else can keep it on the screen, and so may a link, which the browser does not
 *   wrap after its slashes;
 * - narrow-column: a word runs over two lines in a column narrower than `minShare` of the screen
 *   although it would fit a column that wide (nested paddings and controls beside the text left it too
 *   little room: «Прочита/ть» in a 159 px column at 200 % text). Only a word too long for such a column
 *   may break.
 */
function findProblems(minShare: number): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const width = document.documentElement.clientWidth;
  const minColumn = minShare * width;
  const nameOf = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  const roots = [...document.querySelectorAll('header, nav, main, .toast')];
  const isSkipped = (el: Element) =>
    el.closest('nav.nav, .visually-hidden, .skip, select, option, script, style, textarea, svg') !== null;

  if (document.documentElement.scrollWidth > width + 1)
    problems.push({
      kind: 'overflow',
      where: 'page',
      text: `scrollWidth ${document.documentElement.scrollWidth} > ${width}`,
    });
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (isSkipped(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > width + 1 || r.left < -1)
        problems.push({
          kind: 'overflow',
          where: nameOf(el),
          text: (el.textContent ?? '').trim().slice(0, 40),
        });
    }
  }

  const canvas = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
  const blockOf = (node: Node): HTMLElement | null => {
    let el = node.parentElement;
    while (el && getComputedStyle(el).display.startsWith('inline') && el.tagName !== 'BUTTON')
      el = el.parentElement;
    return el;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!text.trim() || !node.parentElement || isSkipped(node.parentElement)) continue;
    if (!roots.some((root) => root.contains(node))) continue;
    const box = blockOf(node);
    if (!box) continue;
    const style = getComputedStyle(box);
    const lineWidth =
      box.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    canvas.font = getComputedStyle(node.parentElement).font;
    const fontSize = Number.parseFloat(getComputedStyle(node.parentElement).fontSize);
    // A word may wrap after its hyphen, dash or slash («учитель–/ученик»), as typesetting allows.
    const words = [...text.matchAll(/[^\s\-–—/]+[-–—/]?/g)];
    const widest = Math.max(...words.map((w) => canvas.measureText(w[0]).width));
    if (box.getClientRects().length === 0) continue;
    if (lineWidth + 1 < Math.min(widest, 4 * fontSize)) {
      problems.push({
        kind: 'squeezed',
        where: `${nameOf(box)} ${Math.round(lineWidth)}px`,
        text: text.trim().slice(0, 40),
      });
      continue;
    }
    // A link is one long unit to the browser (no break after its slashes): wider than the line, it
    // breaks where the line ends, as it must.
    const links = [...text.matchAll(/\S*:\/\/\S*/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
    for (const word of words) {
      if (word[0].length < 2) continue;
      if (
        links.some(
          ([from, to]) => (word.index ?? 0) >= (from as number) && (word.index ?? 0) < (to as number),
        )
      )
        continue;
      const range = document.createRange();
      range.setStart(node, word.index ?? 0);
      range.setEnd(node, (word.index ?? 0) + word[0].length);
      const tops = new Set(
        [...range.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)),
      );
      if (tops.size < 2) continue;
      const wordWidth = canvas.measureText(word[0]).width;
      if (wordWidth <= lineWidth) problems.push({ kind: 'broken-word', where: nameOf(box), text: word[0] });
      else if (lineWidth < minColumn && wordWidth <= minColumn)
        problems.push({
          kind: 'narrow-column',
          where: `${nameOf(box)} ${Math.round(lineWidth)}px`,
          text: word[0],
        });
    }
  }
  return problems;
}

/** Every <details> opened, so that what a tap would show is checked too. */
async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
}

/** The screen at its current size and at 200 % text: no problem of any kind. */
export async function expectFitsPhone(page: Page, name: string): Promise<void> {
  await openAllDetails(page);
  expect.soft(await page.evaluate(findProblems, MIN_COLUMN_SHARE), `${name} at 100 % text`).toEqual([]);
  // 200 % text, as a user's own setting would make it: set through the CSSOM, which the page's Content
  // Security Policy leaves alone (it refuses an injected <style> element, as it should).
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  expect.soft(await page.evaluate(findProblems, MIN_COLUMN_SHARE), `${name} at 200 % text`).toEqual([]);
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
}
