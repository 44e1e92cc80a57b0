// Parts of the shell that no first screen needs to show its data (the sync status, the banners): their
// code loads once the first screen is shown, with the rest of the background (background.ts), so that a
// phone opening the app downloads and runs only what that screen needs first.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../state/store';
import { useApp } from './context';

/**
 * A component that renders nothing until the app's first screen is shown (AppModel.shellStarted), then
 * loads `load`'s code once and renders it with its props. Should the code fail to load (offline before
 * the service worker stored it), it stays empty and is tried again when the device comes back online:
 * these parts only add to a screen that works without them.
 */
export function afterFirstScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function AfterFirstScreen(props: P) {
    const app = useApp();
    const isStarted = useStore(app.shellStarted);
    // A load that failed (no network before the service worker stored the code) is tried again when
    // the network comes back.
    const isOnline = useStore(app.isOnline);
    const [Loaded, setLoaded] = useState(() => loaded);
    useEffect(() => {
      if (!isStarted || Loaded) return;
      let isGone = false;
      loading ??= load().then((component) => (loaded = component));
      loading.then(
        (component) => !isGone && setLoaded(() => component),
        (error: unknown) => {
          loading = undefined;
          console.error('code failed to load', error);
        },
      );
      return () => {
        isGone = true;
      };
    }, [isStarted, Loaded, isOnline]);
    return Loaded ? <Loaded {...props} /> : null;
  };
}
