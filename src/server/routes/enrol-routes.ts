// Enrolment: a device spends an invite code for a token (slowed down after wrong codes), and a curator
// makes invite codes.
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { normaliseCode } from '../../domain/invite-code';
import { isStorableText, NOT_TEXT_MESSAGE } from '../../domain/json-bounds';
import { describeIssue, ROLES, type Role } from '../../domain/sync-contract';
import { forCaller, madeBy } from '../caller-standing';
import { createEnrolLimiter, ENROL_LIMITS, type EnrolLimits } from '../enrol-limiter';
import { createInvite, enrolWithin } from '../enrol-service';
import { isGuessProof } from '../secrets';
import type { ServerClock } from '../server-clock';
import type { Storage } from '../storage/storage';
import { callerOf, fail, type Guards } from './route-kit';

const EnrolSchema = v.object(
  {
    code: v.pipe(
      v.string('code must be a string'),
      v.minLength(1, 'code is empty'),
      v.maxLength(64, 'code is too long'),
    ),
    deviceName: v.optional(
      v.pipe(
        v.string('deviceName must be a string'),
        v.maxLength(100, 'deviceName is too long'),
        v.check(isStorableText, `deviceName: ${NOT_TEXT_MESSAGE}`),
      ),
      '',
    ),
  },
  // Said in words of our own: valibot's default repeats the body it was given (a text/plain one whole).
  'the body must be { code, deviceName }',
);

const InviteSchema = v.object(
  {
    personId: v.pipe(
      v.string('personId must be a string'),
      v.maxLength(64, 'personId is too long'),
      v.check(isStorableText, `personId: ${NOT_TEXT_MESSAGE}`),
    ),
    role: v.picklist(ROLES as Role[], `role must be one of: ${ROLES.join(', ')}`),
  },
  'the body must be { personId, role }',
);

export function registerEnrolRoutes(
  app: FastifyInstance,
  deps: {
    storage: Storage;
    clock: ServerClock;
    enrolLimits?: Partial<EnrolLimits>;
    chosenCodes?: readonly string[];
  },
  guards: Guards,
): void {
  const { storage, clock } = deps;
  // A code the server drew is too long to guess; one an administrator chose may not be, however long.
  const chosen = new Set((deps.chosenCodes ?? []).map(normaliseCode));
  const isDrawnLength = (code: string) => {
    const typed = normaliseCode(code);
    return isGuessProof(typed) && !chosen.has(typed);
  };
  const limiter = createEnrolLimiter(storage, clock, { ...ENROL_LIMITS, ...deps.enrolLimits });

  app.post('/api/v1/enrol', async (request, reply) => {
    const tooMany = (retryAfterMs: number) => {
      reply.header('retry-after', Math.ceil(retryAfterMs / 1000));
      return fail(reply, 429, 'rate-limited', 'too many wrong codes: wait a few minutes and try again');
    };
    const body = v.safeParse(EnrolSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', describeIssue(body.issues));
    const { code, deviceName } = body.output;
    const result = await limiter.attempt(request.ip, isDrawnLength(code), (tx) =>
      enrolWithin(tx, clock, code, deviceName),
    );
    if ('limited' in result) return tooMany(result.retryAfterMs);
    if (!result.ok) return fail(reply, 400, 'invalid-code', result.reason);
    return result.body;
  });

  const curators = { onRequest: [guards.authenticate, guards.curatorsOnly] };
  app.post('/api/v1/invites', curators, async (request, reply) => {
    const body = v.safeParse(InviteSchema, request.body);
    if (!body.success) return fail(reply, 400, 'bad-request', describeIssue(body.issues));
    const { personId, role } = body.output;
    const caller = callerOf(request);
    const result = await createInvite(
      forCaller(storage, caller),
      clock,
      caller.schoolId,
      personId,
      role,
      madeBy(caller),
    );
    if (!result.ok) return fail(reply, result.status, 'not-found', result.reason);
    return { code: result.code, expiresAt: result.expiresAt };
  });
}
