// Which forms hold input the user is still working on, so the app never reloads under their fingers.

const editing = new Set<string>();
const pendingSaves = new Set<Promise<unknown>>();

export function setEditing(key: string, isEditing: boolean): void {
  if (isEditing) editing.add(key);
  else editing.delete(key);
}

export function hasUnsavedInput(): boolean {
  return editing.size > 0;
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
