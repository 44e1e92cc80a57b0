// At most a few requests of one device are worked on at once; the others wait their turn with their
// bodies unread. Without a bound, one device's token — a pupil's phone — could send dozens of 4 MB syncs
// at once, each read and parsed in the memory of the one process every school uses, until it ended.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Requests of one device worked on at once. The app sends one sync at a time (asking for the next page
 * once the answer before is in); a retry after its own time-out may overlap the request it retries, and
 * an export may run beside a sync. More wait rather than being refused: a client that sends several at
 * once is served in turn, and a waiting request holds a connection, not a body (Node stops reading a
 * body nobody reads). One that waits longer than the server's idle time-out (30 s, app.ts) is cut off,
 * and its device sends it again.
 */
const AT_ONCE_PER_DEVICE = 4;

type Gate = { running: number; waiting: (() => void)[] };

export function createDeviceGate(atOnce = AT_ONCE_PER_DEVICE) {
  const gates = new Map<string, Gate>();
  /**
   * Resolves once the request may go on. Its turn ends when its answer closes (sent, failed or cut off)
   * or its connection does, whichever comes first: a request pipelined behind another on a connection
   * that drops has no socket of its own yet, and its answer never closes.
   */
  return function admit(deviceId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Cut off before it came here (a phone losing its network while its token was checked): its 'close'
    // has been and gone, so a turn taken now would never be given back — four such and the device would
    // wait for ever. It takes no turn; its answer goes nowhere.
    const socket = request.socket;
    if (response.closed || request.destroyed || socket?.destroyed) return Promise.resolve();
    const gate = gates.get(deviceId) ?? { running: 0, waiting: [] };
    gates.set(deviceId, gate);
    return new Promise<void>((resolve) => {
      let isIn = false;
      let isOver = false;
      const enter = () => {
        isIn = true;
        gate.running += 1;
        resolve();
      };
      const end = () => {
        if (isOver) return;
        isOver = true;
        response.off('close', end);
        socket?.off('close', end);
        if (!isIn) {
          // Gone while waiting: its place is given up, and its request goes no further.
          gate.waiting.splice(gate.waiting.indexOf(enter), 1);
          return;
        }
        gate.running -= 1;
        const next = gate.waiting.shift();
        if (next) next();
        else if (gate.running === 0) gates.delete(deviceId);
      };
      response.once('close', end);
      socket?.once('close', end);
      if (gate.running < atOnce) enter();
      else gate.waiting.push(enter);
    });
  };
}
