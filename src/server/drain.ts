// Reading the rest of a refused request body before answering. A client still sending would otherwise
// meet a closed connection and never see the answer (a 413 with its reason) at all.
import type { IncomingMessage } from 'node:http';

/** Reads and drops what is left of the body, up to `maxBytes`; past that the connection is given up. */
export function drain(request: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (request.readableEnded || request.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (complete: boolean) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      resolve(complete);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        request.pause();
        done(false);
      }
    };
    const onEnd = () => done(true);
    const onError = () => done(false);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.resume();
  });
}
