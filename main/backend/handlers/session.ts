import { monotonicFactory } from 'ulid';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { ACTIONS, type Action } from '../../../shared/workflow/actions.ts';
import type { Decision } from '../../../shared/workflow/policy.ts';
import { canSupervise } from '../../../shared/workflow/roles.ts';
import { cleanPersonName } from '../../store/people.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/**
 * Who is writing on this workstation. Profiles are local until the newsroom
 * hub exists: anyone at the machine may add one or switch to one (so one
 * machine can play every role in demos and tests). Hub accounts will replace
 * them — same ids, roles and supervisors — without changing the policy or the UI.
 */
export function createSessionHandlers(ctx: BackendContext) {
  const { db, stores, now, access } = ctx;
  const profiles = stores.profiles;
  const newId = monotonicFactory();

  const decisions = (storyId?: string) =>
    Object.fromEntries(ACTIONS.map((action) => [action, access.decide(action, storyId)])) as Record<Action, Decision>;

  return {
    'session.get': () => ({ profile: access.currentProfile(), profiles: profiles.list() }),

    'session.createProfile': ({ name, role, supervisorId }) =>
      db.transaction(() => {
        const supervisor = supervisorId ? profiles.get(supervisorId) : undefined;
        if (role === 'intern') {
          if (!supervisorId) {
            throw new CopydeskError(
              ErrorCode.VALIDATION,
              profiles.count() === 0
                ? 'An intern works under a supervisor. Add the supervising reporter or editor first, then the intern.'
                : 'Choose the supervisor who signs off this intern’s work.',
              [{ path: 'supervisorId', message: 'An intern needs a supervisor' }],
            );
          }
          if (!supervisor) {
            throw new CopydeskError(ErrorCode.VALIDATION, 'That supervisor is not on this workstation.', [
              { path: 'supervisorId', message: 'Unknown supervisor' },
            ]);
          }
          if (!canSupervise(supervisor.role)) {
            throw new CopydeskError(
              ErrorCode.VALIDATION,
              `${supervisor.name} is an intern and cannot supervise.`,
              [{ path: 'supervisorId', message: 'A supervisor must be a reporter, editor or admin' }],
            );
          }
        } else if (supervisorId) {
          throw new CopydeskError(ErrorCode.VALIDATION, 'Only interns have a supervisor.', [
            { path: 'supervisorId', message: 'Only interns have a supervisor' },
          ]);
        }
        const profile = profiles.create({
          id: newId(),
          name: cleanPersonName(name),
          role,
          supervisorId: role === 'intern' ? (supervisorId ?? null) : null,
          createdAt: now().toISOString(),
        });
        profiles.setCurrent(profile.id);
        return { profile, profiles: profiles.list() };
      }).immediate(),

    'session.switch': ({ profileId }) => {
      const profile = profiles.get(profileId);
      if (!profile) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That person is no longer on this workstation.', { profileId });
      profiles.setCurrent(profile.id);
      return { profile };
    },

    'session.permissions': ({ storyIds }) => ({
      workstation: decisions(),
      stories: Object.fromEntries(storyIds.map((id) => [id, decisions(id)])),
    }),
  } satisfies HandlersFor<'session.'>;
}
