// Whether this page's sync engine is writing a pull: while it does, screens' costly live queries wait
// for the pull to end (at most a few seconds at a time) rather than re-run after every page (live.ts).
// One page (one JavaScript realm) has one such fact, like its visibility; tests see it idle.

let pulls = 0;
let quiet: { promise: Promise<void>; resolve: () => void } | null = null;

export const pullActivity = {
  begin(): void {
    pulls += 1;
  },
  end(): void {
    pulls = Math.max(0, pulls - 1);
    if (pulls === 0 && quiet) {
      quiet.resolve();
      quiet = null;
    }
  },
  isActive: (): boolean => pulls > 0,
  /** Resolves when no pull is being written. */
  whenQuiet(): Promise<void> {
    if (pulls === 0) return Promise.resolve();
    if (!quiet) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      quiet = { promise, resolve };
    }
    return quiet.promise;
  },
};
