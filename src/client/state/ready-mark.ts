// Marks when a screen has shown its data (`screen-ready:<name>`), so that benchmarks and tests can
// measure how long a screen takes to render.
import { useEffect } from 'preact/hooks';

export function useReadyMark(screen: string, isReady: boolean): void {
  useEffect(() => {
    if (isReady) performance.mark(`screen-ready:${screen}`);
  }, [screen, isReady]);
}
