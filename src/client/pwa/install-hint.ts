// On iPhone and iPad a web app added to the Home Screen has storage of its own, apart from Safari: a
// person who enrols in Safari finds the installed app not enrolled and the one-time code spent. So the
// enrolment screen in an iOS browser tab asks to add the app to the Home Screen first.

type Environment = {
  userAgent: string;
  maxTouchPoints: number;
  /** Safari's own flag: true when opened from the Home Screen. */
  standalone?: boolean;
  /** Whether `(display-mode: standalone)` matches. */
  isDisplayStandalone: boolean;
};

/**
 * True in a browser tab on iOS or iPadOS (where iPadOS Safari says «Macintosh» but has a touch screen),
 * false in the app opened from the Home Screen and on every other system.
 */
export function isIosBrowserTab(env: Environment): boolean {
  const isIos =
    /iPhone|iPad|iPod/.test(env.userAgent) || (/Macintosh/.test(env.userAgent) && env.maxTouchPoints > 1);
  return isIos && env.standalone !== true && !env.isDisplayStandalone;
}

/** The same, for this page. */
export function isThisIosBrowserTab(): boolean {
  const nav = globalThis.navigator as (Navigator & { standalone?: boolean }) | undefined;
  if (!nav) return false;
  return isIosBrowserTab({
    userAgent: nav.userAgent,
    maxTouchPoints: nav.maxTouchPoints ?? 0,
    standalone: nav.standalone,
    isDisplayStandalone: globalThis.matchMedia?.('(display-mode: standalone)').matches ?? false,
  });
}
