// Navigation that follows an awaited step (a save, an order issued, a record erased).
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';

const here = () => `${location.pathname}${location.search}`;

/**
 * Returns `go(to, { replace })`, which routes to `to` (a path with its query) only while the user is still on the
 * screen, and at the address, where it was first shown. A step that awaits storage can end after the
 * user has tapped elsewhere — a mentor saves a meeting on a slow phone and goes straight to
 * «Синхронизация» —; the app must not take them back to where the step would have led. Does nothing
 * otherwise; never throws. `replace`: the screen left behind leaves the history too (a form once saved:
 * «Назад» must not bring back an empty form that looks as if the save was lost).
 */
export function useNavigate(): (to: string, options?: { replace?: boolean }) => void {
  const { route } = useLocation();
  const shownAt = useRef(here());
  const isShown = useRef(true);
  useEffect(() => {
    isShown.current = true;
    return () => {
      isShown.current = false;
    };
  }, []);
  return useCallback(
    (to: string, options?: { replace?: boolean }) => {
      if (isShown.current && here() === shownAt.current) route(to, options?.replace);
    },
    [route],
  );
}
