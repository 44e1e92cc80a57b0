// What every group of routes shares: the `{ error, reason }` answer for a client fault, and the guards
// that run on request, before the body is read. Authentication is here and only here.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../domain/sync-contract';
import { authenticateDevice } from '../authenticate';
import { STANDING_REFUSALS } from '../caller-standing';
import { createDeviceGate } from '../device-gate';
import type { ServerClock } from '../server-clock';
import type { Storage } from '../storage/storage';
import type { Caller } from '../sync-session';

declare module 'fastify' {
  // Declaration merging needs an interface here.
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** A client fault: 4xx with a kebab-case code the client can act on and a reason for people. */
export function fail(reply: FastifyReply, status: number, error: ErrorCode, reason: string) {
  return reply.code(status).send({ error, reason });
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export type Guards = {
  /** A device's bearer token → `request.caller`; 401 without a valid one, 403 for an archived person. */
  authenticate: Guard;
  /** After `authenticate`: 403 unless the caller is the school's curator. */
  curatorsOnly: Guard;
};

export function createGuards(storage: Storage, clock: ServerClock): Guards {
  const admit = createDeviceGate();
  const authenticate: Guard = async (request, reply) => {
    const header = request.headers.authorization ?? '';
    // As HTTP defines it: the scheme in any case (RFC 9110 §11.1), one or more spaces before the token
    // (RFC 6750 §2.1). Tokens are taken from this header only, never a query string or a cookie.
    const token = /^bearer +([A-Za-z0-9._~+/=-]{1,200})$/i.exec(header)?.[1];
    if (!token) return fail(reply, 401, 'unauthorized', 'send Authorization: Bearer <token>');
    const found = await authenticateDevice(storage, clock, token);
    if (found === 'archived' || !found) return refuseStanding(reply, found ?? 'gone');
    // Before the body is read: a request waiting its turn holds no body (device-gate.ts).
    await admit(found.deviceId, request.raw, reply.raw);
    request.caller = found;
  };
  const curatorsOnly: Guard = async (request, reply) => {
    if (!request.caller?.isCurator) return fail(reply, 403, 'forbidden', 'only a curator may do this');
  };
  return { authenticate, curatorsOnly };
}

/** The answer to a caller no longer enrolled (caller-standing.ts). */
export function refuseStanding(reply: FastifyReply, standing: keyof typeof STANDING_REFUSALS) {
  const { status, error, reason } = STANDING_REFUSALS[standing];
  return fail(reply, status, error, reason);
}

/** The caller a guarded route was let in with. */
export const callerOf = (request: FastifyRequest) => request.caller as Caller;
