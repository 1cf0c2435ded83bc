import type { HubPerson } from '../../../shared/api/methods/hubPeople.ts';
import type { HubUserRecord, UpdateUserRequest } from '../../../shared/sync/auth.ts';
import { createHubAdmin, type HubAdminDeps } from '../../sync/hubAdmin.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/**
 * `hubPeople.*`: the newsroom's accounts, managed from Settings → People.
 * Two checks, both with reasons a person can read: the shared policy here
 * first ('manage_people', for the account signed in on this workstation —
 * a reporter is told at once, without a round trip), then the hub, which
 * decides with the same policy on its own copy of the account and applies
 * its rules about people. Nothing about people is kept locally: the hub's
 * list is the truth, read each time.
 */
export function createHubPeopleHandlers(ctx: BackendContext, deps: HubAdminDeps) {
  const hub = createHubAdmin(deps);
  const allowed = () => ctx.access.authorize('manage_people');

  return {
    'hubPeople.list': async () => {
      allowed();
      return { people: (await hub.list()).map(toPerson) };
    },

    'hubPeople.create': async (input) => {
      allowed();
      return { person: toPerson(await hub.create(input)) };
    },

    'hubPeople.update': async ({ id, ...fields }) => {
      allowed();
      // Only what was given goes to the hub: an absent field is "leave as it is", null a supervisor removed.
      const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as UpdateUserRequest;
      return { person: toPerson(await hub.update(id, changes)) };
    },

    'hubPeople.revokeSessions': async ({ id }) => {
      allowed();
      return { revoked: await hub.revokeSessions(id) };
    },
  } satisfies HandlersFor<'hubPeople.'>;
}

function toPerson(record: HubUserRecord): HubPerson {
  const { id, username, name, role, supervisorId, disabled, createdAt } = record;
  return { id, username, name, role, supervisorId, disabled, createdAt };
}
