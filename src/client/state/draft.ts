// The life of a draft: what a user types into a form (a meeting, a questionnaire's answers, a
// questionnaire being edited) is written to the device's drafts on every change, comes back after a
// crash or a closed tab, and goes only once the input is stored for good.
import { useEffect, useRef, useState } from 'preact/hooks';
import { changedKeys } from '../../domain/canonical-json';
import type { DraftBase } from '../db/database';
import type { DraftEnd, Drafts } from '../db/drafts';

export type { DraftEnd };

import { setEditing, trackSave } from './editing';
import { usePending } from './pending';

export type Draft<T> = {
  /** True while `storing` runs: the form takes no input then, since what it would take could be lost. */
  isBusy: boolean;
  /**
   * Runs a step that stores the input (a save, a send, tasks for the IDP), one at a time: a second tap
   * while one runs does nothing (no second meeting from a double tap).
   */
  storing(step: () => Promise<unknown>): Promise<void>;
  /** What is on screen: null until the draft left earlier, or else the initial value, has been read. */
  value: T | null;
  /** The value came from a draft left on this device earlier (a crash, a closed tab, a locked phone). */
  isRestored: boolean;
  /**
   * What the form showed when it was opened (the stored values and the sync cursor then), kept with the
   * draft: a save writes only what the user changed from it, never puts back values others changed
   * meanwhile. Null for a draft an older version of the app left, which kept none.
   */
  base: { value: T; cursor: string | null } | null;
  /**
   * Shows the next value and writes it as the draft at once (the write is tracked, so a reload for an
   * update waits for it). Given a function, it gets the value as it is now — not as it was when an
   * awaited step began — so a change made after an await keeps what was typed meanwhile. A change made
   * before the draft has been read is applied over it once read (the field took the typing already).
   */
  change(next: T | ((current: T) => T)): void;
  /**
   * For the write that stores `value` (by default what is on screen) to end the draft in its own
   * transaction (`WriteOptions.endsDraft`): a reload just after the write finds no draft of what is
   * stored. `finish` or `saved` still follows the write: it drops what that left (another tab's changes,
   * typing while the write was on its way).
   */
  ending(value?: T): DraftEnd;
  /**
   * The input is stored for good (or deleted): once the draft's last save has landed, the draft goes and
   * the app may reload again. Changes after this are ignored: a late step (an undo, an awaited write)
   * must not bring back a draft of what is already stored.
   */
  finish(): Promise<void>;
  /**
   * `submitted` is stored for good, and the form stays for the next one (a participant, a task, a
   * consent…): it starts again from the initial value, but what the user typed while `submitted` was being
   * stored — a field changed from it since — stays in the form, and is the draft. (A form stays usable
   * while it saves: dropped with the draft, such typing was lost.) Resolves to whether such typing stays.
   */
  saved(submitted: T): Promise<boolean>;
  /**
   * Drops the draft and shows the initial value again. Resolves to a function that puts the dropped
   * draft back (for «Отменить»: what was typed is never lost by one tap).
   */
  discard(): Promise<() => void>;
};

/**
 * A form's draft under `key` in `drafts`. `initial` gives the value to start from when there is no
 * draft (the stored record, or defaults); pass null while the screen's data are still loading.
 * `restore` completes a draft saved by an older version of the form (fields added since).
 */
export function useDraft<T extends Record<string, unknown>>(
  drafts: Drafts,
  key: string,
  initial: (() => T | Promise<T>) | null,
  restore: (saved: T) => T = (saved) => saved,
  options: { isNewRecord?: boolean } = {},
): Draft<T> {
  const [state, setState] = useState<{
    key: string;
    value: T | null;
    isRestored: boolean;
    base: DraftBase | null;
  }>({ key, value: null, isRestored: false, base: null });
  const current = useRef<T | null>(null);
  // Changes made before the draft was read (a field shows, and takes typing, a moment before its draft
  // is read — longer on a busy disk): applied over what is read, never dropped.
  const early = useRef<{ key: string; change: (current: T) => T }[]>([]);
  const pending = usePending();
  // Whether changes are taken: not after finish(), nor while discard() is resetting the form.
  const isOpen = useRef(true);
  const isMounted = useRef(true);
  // The draft's last save: finish() and discard() drop the draft only after it, so that a save still
  // on its way cannot write the draft back after the drop.
  const lastSave = useRef<Promise<unknown>>(Promise.resolve());
  const start = useRef(initial);
  start.current = initial;
  const shown = state.key === key ? state : { key, value: null, isRestored: false, base: null };
  const base = useRef<DraftBase | null>(null);
  // This form on screen, among others of the same record (another tab): each keeps its own changes.
  const writer = useRef(Math.random().toString(36).slice(2));
  base.current = shown.base;
  current.current = shown.value;
  const isReady = initial !== null;

  useEffect(() => {
    if (!isReady || shown.value !== null) return;
    let isCurrent = true;
    void (async () => {
      const row = await drafts.get(key);
      const saved = row?.value as T | undefined;
      const [value, cursor] = saved
        ? [restore(saved), null]
        : await Promise.all([start.current?.(), drafts.cursor()]);
      if (!isCurrent || value === undefined) return;
      if (saved) {
        setEditing(key, true);
        // A write, which a full disk refuses: the draft is shown whatever comes of it (its saves, in
        // order after it, say what they could not do).
        void drafts.adopt(key, writer.current).catch(() => undefined);
      }
      current.current = value;
      const opened = saved ? (row?.base ?? null) : { value, cursor };
      base.current = opened;
      setState({ key, value, isRestored: Boolean(saved), base: opened });
      const typed = early.current.filter((c) => c.key === key);
      early.current = [];
      if (typed.length > 0 && isOpen.current) keep(typed.reduce((v, c) => c.change(v), value));
    })();
    return () => {
      isCurrent = false;
    };
  }, [key, isReady, shown.value === null]);
  useEffect(() => {
    isOpen.current = true;
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      setEditing(key, false);
    };
  }, [key]);

  /** Shows `value` and stores it as the draft. */
  const keep = (value: T, isRestored?: boolean) => {
    current.current = value;
    setState((s) => ({ ...s, key, value, isRestored: isRestored ?? s.isRestored }));
    // A change that lands after the screen closed (an awaited step) is kept as the draft, but does
    // not hold the app back from reloading: nothing is on screen any more.
    if (isMounted.current) setEditing(key, true);
    lastSave.current = trackSave(drafts.save(key, value, { base: base.current, writer: writer.current }));
  };
  /** Takes no more changes and drops the draft, once its last save has landed. */
  const drop = async () => {
    isOpen.current = false;
    await lastSave.current;
    // A form of a record not made yet drops the draft whoever else shows it: another tab that showed it
    // (and so took its fields as its own) would bring it back after a reload, to be made a second time.
    await drafts.drop(key, options.isNewRecord ? undefined : writer.current);
    setEditing(key, false);
  };

  return {
    isBusy: pending.isPending,
    storing: pending.run,
    value: shown.value,
    isRestored: shown.isRestored,
    base: shown.base as { value: T; cursor: string | null } | null,
    change(next) {
      if (!isOpen.current) return;
      const base = current.current;
      const step = typeof next === 'function' ? next : () => next;
      if (base === null) early.current.push({ key, change: step });
      else keep(step(base));
    },
    ending: (value) => drafts.ending(key, value ?? current.current ?? {}),
    finish: drop,
    async saved(submitted) {
      const [fresh, cursor] = await Promise.all([start.current?.(), drafts.cursor()]);
      // Looked at again after every wait: a keystroke may come while the draft is being dropped too.
      for (;;) {
        const now = current.current ?? submitted;
        const typed = changedKeys(now, submitted);
        if (fresh !== undefined && typed.length > 0) {
          // Typed meanwhile: the next record's beginning is written over the draft, never after dropping
          // it — a reload or a crash in between found no draft, and what was typed was gone. (Saves land
          // in the order they are made: no keystroke's save still on its way can write over this one,
          // and one made during a drop lands after it.)
          base.current = { value: fresh, cursor };
          const next: Record<string, unknown> = { ...fresh };
          for (const k of typed) next[k] = now[k];
          setState((s) => ({ ...s, base: base.current }));
          keep(next as T, false);
          return true;
        }
        // The draft goes once no save of a keystroke is still on its way, which would write it back.
        const saving = lastSave.current;
        await saving;
        if (lastSave.current !== saving) continue;
        await drafts.drop(key, options.isNewRecord ? undefined : writer.current);
        if (lastSave.current === saving) break;
      }
      if (fresh === undefined) return false;
      base.current = { value: fresh, cursor };
      current.current = fresh;
      setState({ key, value: fresh, isRestored: false, base: base.current });
      setEditing(key, false);
      return false;
    },
    async discard() {
      const dropped = current.current;
      const droppedBase = base.current;
      await drop();
      const [value, cursor] = await Promise.all([start.current?.(), drafts.cursor()]);
      current.current = value ?? null;
      base.current = value === undefined ? null : { value, cursor };
      setState({ key, value: value ?? null, isRestored: false, base: base.current });
      isOpen.current = true;
      return () => {
        if (dropped === null || !isOpen.current) return;
        base.current = droppedBase;
        setState((s) => ({ ...s, base: droppedBase }));
        keep(dropped, true);
      };
    },
  };
}

/**
 * `useDraft` for a form that makes a new record (a participant, a consent, an order…): once the record
 * is made, the draft goes from every tab that shows it.
 */
export function useNewRecordDraft<T extends Record<string, unknown>>(
  drafts: Drafts,
  key: string,
  initial: (() => T | Promise<T>) | null,
): Draft<T> {
  return useDraft(drafts, key, initial, undefined, { isNewRecord: true });
}
