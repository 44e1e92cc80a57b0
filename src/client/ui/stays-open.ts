// A panel opened by what the screen holds (an empty list, a draft restored) stays open after a save
// changes that: closing it under the user hid the «Сохранено» inside it — the first participant added,
// or one added from a restored draft, looked as if nothing happened, and was typed again.
import { useRef } from 'preact/hooks';

/** True from the first render at which `isOpen` was true, for as long as the component lives. */
export function useStaysOpen(isOpen: boolean): boolean {
  const was = useRef(false);
  was.current ||= isOpen;
  return was.current;
}
