// The one bridge to the service worker: registers it, checks for a new version hourly and whenever the
// app becomes visible, and offers the update. It never reloads the app while the user has input open.

import type { Workbox } from 'workbox-window';
import { flushSaves, hasUnsavedInput } from '../state/editing';
import { store } from '../state/store';

const HOUR_MS = 60 * 60 * 1000;

export function createPwaModel() {
  const updateWaiting = store(false);
  /** Another tab installed the update while this one had input open: reload when done. */
  const reloadNeeded = store(false);
  const offlineReady = store(false);
  let workbox: Workbox | null = null;
  let isApplying = false;

  const reload = async () => {
    await flushSaves();
    globalThis.location.reload();
  };

  async function start(): Promise<void> {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    // Loaded when the app starts its background work, after its first screen (app/background.ts).
    const { Workbox } = await import('workbox-window');
    workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => {
      updateWaiting.value = true;
    });
    workbox.addEventListener('installed', (event) => {
      if (!event.isUpdate) offlineReady.value = true;
    });
    workbox.addEventListener('controlling', (event) => {
      if (!event.isUpdate) return;
      if (isApplying || !hasUnsavedInput()) void reload();
      else reloadNeeded.value = true;
    });
    await workbox.register();
    const check = () => void workbox?.update().catch(() => undefined);
    setInterval(check, HOUR_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') check();
    });
  }

  async function applyUpdate(): Promise<void> {
    if (!workbox) return;
    await flushSaves();
    isApplying = true;
    updateWaiting.value = false;
    workbox.messageSkipWaiting();
  }

  return { updateWaiting, reloadNeeded, offlineReady, start, applyUpdate, reload };
}
