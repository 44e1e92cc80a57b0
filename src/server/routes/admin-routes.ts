// A school's administration by its curator: the whole school's export (a backup), restoring one, and the
// devices enrolled and their revocation.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactFor } from '../../domain/access';
import { isStorableText } from '../../domain/json-bounds';
import { CONTRACT_VERSION } from '../../domain/sync-contract';
import { forCaller } from '../caller-standing';
import { fillPage } from '../pull-plan';
import { MAX_BACKUP_BYTES, restoreBackup, restoreRefusal } from '../restore-service';
import type { ServerClock } from '../server-clock';
import type { PulledRow, Storage } from '../storage/storage';
import { callerOf, fail, type Guards } from './route-kit';

/** Records of the export read at a time (and at most PAGE_CHARS characters: pull-plan.ts). */
const EXPORT_PAGE_ROWS = 2_000;

export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; clock: ServerClock },
  guards: Guards,
): void {
  const { storage, clock } = deps;
  const curators = { onRequest: [guards.authenticate, guards.curatorsOnly] };

  app.get('/api/v1/export', curators, async (request, reply) => {
    const caller = callerOf(request);
    // Each page is read as the caller: an export under way stops once their device is revoked.
    const storage = forCaller(deps.storage, caller);
    const head = JSON.stringify({
      schemaVersion: CONTRACT_VERSION,
      schoolId: caller.schoolId,
      exportedAt: new Date(clock.now()).toISOString(),
    });
    // Sent page by page, each read in a short transaction of its own: a school's records may be more
    // than one JavaScript string, or the server's memory, can hold (large questionnaires). A record
    // changed meanwhile comes again at its new revision; it is sent once, as the export first met it.
    async function* document(): AsyncGenerator<string> {
      yield `${head.slice(0, -1)},"records":[`;
      const sent = new Set<string>();
      let after = 0;
      let readsToChars: boolean | undefined;
      for (let hasMore = true; hasMore; ) {
        const page: { rows: PulledRow[]; chars: number } = { rows: [], chars: 0 };
        const from = (rev: number) => (limit: number, maxChars: number) =>
          storage.read((tx) => tx.pullSince(caller.schoolId, rev, null, limit, undefined, maxChars));
        // The same engine serves every page: whether it stops at a number of characters is asked once.
        readsToChars ??= await storage.read(async (tx) => tx.readsToChars);
        hasMore = await fillPage(page, EXPORT_PAGE_ROWS, readsToChars, from(after), (last) => from(last.rev));
        let chunk = '';
        for (const row of page.rows) {
          if (sent.has(row.record.id)) continue;
          // Curators read every field; the one read rule says so, and is asked here as on every route.
          chunk += (sent.size > 0 ? ',' : '') + JSON.stringify(redactFor(row.record, caller, new Set()));
          sent.add(row.record.id);
        }
        if (chunk) yield chunk;
        after = page.rows.at(-1)?.rev ?? after;
      }
      yield ']}';
    }
    // Checked once before the answer starts: a caller revoked meanwhile gets the 401 itself, not a 200
    // cut short at the first page.
    await storage.read(async () => undefined);
    return reply.type('application/json; charset=utf-8').send(Readable.from(document()));
  });

  app.post(
    '/api/v1/restore',
    {
      ...curators,
      bodyLimit: MAX_BACKUP_BYTES,
      // A school that holds data already refuses any backup: said before the file is read.
      preParsing: async (request, reply) => {
        const caller = callerOf(request);
        const refusal = await restoreRefusal(forCaller(storage, caller), caller.schoolId);
        // The rest of the body is read and dropped unparsed: a browser still sending sees the 409.
        if (refusal) return fail(reply, 409, 'conflict', refusal);
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const result = await restoreBackup(forCaller(storage, caller), caller, request.body, clock.now());
      if (!result.ok)
        return fail(reply, result.status, result.status === 409 ? 'conflict' : 'bad-request', result.reason);
      return { restored: result.restored };
    },
  );

  // The devices of the caller's own namespace: a school's for its curators, the district's for its
  // administrators (whose lost phone would otherwise keep making schools and curator codes).
  const deviceKeepers = {
    onRequest: [
      guards.authenticate,
      async (request: FastifyRequest, reply: FastifyReply) => {
        const caller = request.caller;
        if (!caller?.isCurator && caller?.role !== 'district-admin')
          return fail(reply, 403, 'forbidden', "only a curator or the district's administrator may do this");
      },
    ],
  };

  app.get('/api/v1/devices', deviceKeepers, async (request) => {
    const caller = callerOf(request);
    const devices = await forCaller(storage, caller).transaction((tx) => tx.listDevices(caller.schoolId));
    return { devices };
  });

  app.post('/api/v1/devices/:id/revoke', deviceKeepers, async (request, reply) => {
    const { id } = request.params as { id: string };
    // Not an id any device has (and not text PostgreSQL takes as a parameter).
    if (!isStorableText(id))
      return fail(reply, 404, 'not-found', 'no such device, or it was revoked already');
    const caller = callerOf(request);
    // No one shuts themselves out (as with archiving oneself, docs "Archived people"): the device making
    // the request is its user's way in — a school's only curator, or the district's administrator, had
    // none left but the server machine. Another curator or administrator disconnects it.
    if (id === caller.deviceId)
      return fail(
        reply,
        403,
        'forbidden',
        'this is the device you are using: it does not disconnect itself; another curator (or the district administrator) does it',
      );
    const isRevoked = await forCaller(storage, caller).transaction((tx) =>
      tx.revokeDevice(caller.schoolId, id, new Date(clock.now()).toISOString()),
    );
    if (!isRevoked) return fail(reply, 404, 'not-found', 'no such device, or it was revoked already');
    return { revoked: id };
  });
}
