// One response per assignment, whichever device sends it: its id is derived from the assignment's, so
// a second submission from another phone meets the first one on the server (and is refused as `sent`).
export function responseIdFor(assignmentId: string): string | null {
  const uuid = /^([0-9a-f]{8}-[0-9a-f]{4}-)[0-9a-f]([0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
    assignmentId,
  );
  return uuid ? `${uuid[1]}8${uuid[2]}` : null;
}
