// @vitest-environment happy-dom
// A field that saves as the user types, in a DOM: what the user types is never swapped for a text kept
// on the device that is read only after they began (a busy disk reads late).
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveTextField } from './LiveTextField';
import { type UnsavedTexts, UnsavedTextsContext } from './unsaved-text';

type Kept = { text: string; basis: string | null } | null;

/** Kept texts whose first read answers only when the test says. */
function slowKeptTexts(kept: Kept) {
  let answer: (value: Kept) => void = () => undefined;
  const read = new Promise<Kept>((resolve) => {
    answer = resolve;
  });
  const dropped: string[] = [];
  const texts: UnsavedTexts = {
    get: () => read,
    keep: async () => undefined,
    drop: async (key) => {
      dropped.push(key);
    },
  };
  return { texts, dropped, answerRead: () => act(async () => answer(kept)) };
}

function mount(texts: UnsavedTexts, saved: string[]) {
  const root = document.createElement('div');
  document.body.append(root);
  void act(() => {
    render(
      h(
        UnsavedTextsContext.Provider,
        { value: texts },
        h(LiveTextField, {
          label: 'Цель',
          value: 'как в записи',
          multiline: true,
          keepAs: 'unsaved:goal',
          onSave: (value: string) => {
            saved.push(value);
            return { ok: true };
          },
        }),
      ),
      root,
    );
  });
  const field = root.querySelector('textarea') as HTMLTextAreaElement;
  const type = (value: string) =>
    act(async () => {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const button = (label: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;
  return { root, field, type, button };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a text kept on the device and read late', () => {
  it('comes back into the field when read before the user types', async () => {
    const slow = slowKeptTexts({ text: 'не сохранилось', basis: 'как в записи' });
    const { field, root } = mount(slow.texts, []);
    await slow.answerRead();
    expect(field.value).toBe('не сохранилось');
    expect(root.querySelector('[data-testid="unsaved-restored"]')).not.toBeNull();
  });

  it('does not replace what the user typed meanwhile, and is offered under the field', async () => {
    const slow = slowKeptTexts({ text: 'не сохранилось', basis: 'как в записи' });
    const saved: string[] = [];
    const { field, root, type } = mount(slow.texts, saved);
    await type('новая цель');
    await slow.answerRead();
    expect(field.value).toBe('новая цель');
    expect(saved).toEqual(['новая цель']);
    const offered = root.querySelector('[data-testid="unsaved-earlier"]');
    expect(offered?.querySelector('blockquote')?.textContent).toBe('не сохранилось');
    // Kept until the user chooses: leaving the screen now still finds it next time.
    expect(slow.dropped).toEqual([]);
  });

  it('is put back and saved, and then no longer kept, when the user asks', async () => {
    const slow = slowKeptTexts({ text: 'не сохранилось', basis: 'как в записи' });
    const saved: string[] = [];
    const { field, root, type, button } = mount(slow.texts, saved);
    await type('новая цель');
    await slow.answerRead();
    await act(async () => button('Вернуть тот текст в поле').click());
    expect(field.value).toBe('не сохранилось');
    expect(saved).toEqual(['новая цель', 'не сохранилось']);
    expect(slow.dropped).toEqual(['unsaved:goal']);
    expect(root.querySelector('[data-testid="unsaved-earlier"]')).toBeNull();
  });

  it('is let go when the user says it is not needed', async () => {
    const slow = slowKeptTexts({ text: 'не сохранилось', basis: 'как в записи' });
    const saved: string[] = [];
    const { field, root, type, button } = mount(slow.texts, saved);
    await type('новая цель');
    await slow.answerRead();
    await act(async () => button('Он не нужен').click());
    expect(field.value).toBe('новая цель');
    expect(saved).toEqual(['новая цель']);
    expect(slow.dropped).toEqual(['unsaved:goal']);
    expect(root.querySelector('[data-testid="unsaved-earlier"]')).toBeNull();
  });
});

describe('the echoes of a field’s saves', () => {
  it('an echo overtaken by a later keystroke’s does not come back after the user left the field', async () => {
    const saved: string[] = [];
    const root = document.createElement('div');
    document.body.append(root);
    const show = (value: string) =>
      act(() => {
        render(
          h(LiveTextField, {
            label: 'Цель',
            value,
            onSave: (typed: string) => {
              saved.push(typed);
            },
          }),
          root,
        );
      });
    await show('');
    const field = root.querySelector('input') as HTMLInputElement;
    await act(async () => {
      field.dispatchEvent(new Event('focus'));
    });
    for (const typed of ['П', 'Пр', 'Про'])
      await act(async () => {
        field.value = typed;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    await act(async () => {
      field.dispatchEvent(new Event('blur'));
    });
    // The stored value's echoes come late and out of step: the second keystroke's after the user left.
    await show('Пр');
    expect(field.value).toBe('Про');
    await show('Про');
    expect(field.value).toBe('Про');
    expect(saved).toEqual(['П', 'Пр', 'Про']);
    // Someone else's value, once the user's own has come back, is shown as ever.
    await show('Прочитать книгу');
    expect(field.value).toBe('Прочитать книгу');
  });
});
