// One short message at the bottom of the screen, optionally with an action such as «Отменить».
import { store } from './store';

export type Toast = { text: string; action?: { label: string; run(): void | Promise<void> } };

export const toast = store<Toast | null>(null);
let timer: ReturnType<typeof setTimeout> | undefined;

export function showToast(next: Toast, ms = 8000): void {
  clearTimeout(timer);
  toast.value = next;
  timer = setTimeout(() => (toast.value = null), ms);
}

export function hideToast(): void {
  clearTimeout(timer);
  toast.value = null;
}
