// The district administrator's endpoints: schools and their first curators' codes, and invitations for
// the district's people. Everything else a district device does goes through the one sync.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { isStorableText, NOT_TEXT_MESSAGE } from '../domain/json-bounds';
import { DISTRICT_ROLES, type DistrictRole } from '../domain/sync-contract';
import { forCaller, madeBy } from './caller-standing';
import {
  createDistrictSchool,
  inviteDistrictMember,
  listDistrictSchools,
  newCuratorCode,
} from './district-service';
import type { ServerClock } from './server-clock';
import type { Storage } from './storage/storage';
import type { Caller } from './sync-session';

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const name = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(max, `${what} is at most ${max} characters`),
    v.check(isStorableText, `${what}: ${NOT_TEXT_MESSAGE}`),
  );

const SchoolSchema = v.object({ name: name('name', 300) }, 'the body must be { name }');
const MemberSchema = v.object(
  {
    fullName: name('fullName', 200),
    role: v.picklist(DISTRICT_ROLES as DistrictRole[], `role must be one of: ${DISTRICT_ROLES.join(', ')}`),
  },
  'the body must be { fullName, role }',
);

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  return issues[0]?.message ?? 'invalid body';
}

export function registerDistrictRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; clock: ServerClock },
  authenticate: Guard,
): void {
  const adminOnly: Guard = async (request, reply) => {
    if ((request.caller as Caller | undefined)?.role !== 'district-admin')
      return reply
        .code(403)
        .send({ error: 'forbidden', reason: "only the district's administrator may do this" });
  };
  // On request, before the body is read: a caller without the right costs no parsing.
  const guards = { onRequest: [authenticate, adminOnly] };

  // Each service runs as the caller: a request of a device revoked meanwhile does nothing.
  const storageOf = (request: FastifyRequest) => forCaller(deps.storage, request.caller as Caller);
  // The codes a device makes work only while it does (enrol-service.ts).
  const maker = (request: FastifyRequest) => madeBy(request.caller as Caller);

  app.get('/api/v1/district/schools', guards, async (request) => ({
    schools: await listDistrictSchools(storageOf(request)),
  }));

  app.post('/api/v1/district/schools', guards, async (request, reply) => {
    const body = v.safeParse(SchoolSchema, request.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', reason: firstIssue(body.issues) });
    return createDistrictSchool(storageOf(request), deps.clock, body.output.name, maker(request));
  });

  app.post('/api/v1/district/schools/:id/curator-code', guards, async (request, reply) => {
    const { id } = request.params as { id: string };
    // Not an id any school has (and not text PostgreSQL takes as a parameter).
    if (!isStorableText(id)) return reply.code(404).send({ error: 'not-found', reason: 'no such school' });
    const result = await newCuratorCode(storageOf(request), deps.clock, id, maker(request));
    if (!result) return reply.code(404).send({ error: 'not-found', reason: 'no such school' });
    if (result === 'has-curator')
      return reply.code(409).send({
        error: 'conflict',
        reason:
          "the school has a curator: its curator invites others; the server's administrator can make a code with npm run curator-code",
      });
    return result;
  });

  app.post('/api/v1/district/invites', guards, async (request, reply) => {
    const body = v.safeParse(MemberSchema, request.body);
    if (!body.success) return reply.code(400).send({ error: 'bad-request', reason: firstIssue(body.issues) });
    return inviteDistrictMember(
      storageOf(request),
      deps.clock,
      body.output.role,
      body.output.fullName,
      maker(request),
    );
  });
}
