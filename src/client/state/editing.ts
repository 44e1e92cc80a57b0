// Which forms hold input the user is still working on, so the app never reloads under their fingers.

const editing = { value: new Set<string>() as ReadonlySet<string> };
const pendingSaves = new Set<Promise<unknown>>();

export function setEditing(key: string, isEditing: boolean): void {
  const next = new Set(editing.value);
  if (isEditing) next.add(key);
  else next.delete(key);
  editing.value = next;
}

export function hasUnsavedInput(): boolean {
  return editing.value.size > 0;
}

/** Tracks a draft write so that a reload can wait for it to land. */
export function trackSave<T>(save: Promise<T>): Promise<T> {
  pendingSaves.add(save);
  void save.finally(() => pendingSaves.delete(save));
  return save;
}

export async function flushSaves(): Promise<void> {
  await Promise.allSettled([...pendingSaves]);
}
