import { CopydeskError, ErrorCode } from '../../shared/api/errors.ts';
import type { Action } from '../../shared/workflow/actions.ts';
import { can, NO_STORY, type Actor, type Decision, type StoryAccess } from '../../shared/workflow/policy.ts';
import type { StoryStatus } from '../../shared/model/story.ts';
import type { Profile, ProfilesStore } from '../store/profiles.ts';

/** Refusal before anyone has said who is writing (first run). */
export const NO_PROFILE_MESSAGE = 'Choose who is writing first.';

/**
 * Who is acting, and the permission policy applied to them. Handlers call
 * `authorize` before changing anything; a refusal is FORBIDDEN with the
 * policy's reason, which the UI shows as it is.
 */
export interface Access {
  /** The profile in use, or null on first run. */
  currentProfile(): Profile | null;
  /** The person acting; FORBIDDEN "Choose who is writing first." when nobody has been chosen. */
  actor(): Actor;
  /** The policy's answer for the current person (refused on first run). */
  decide(action: Action, storyId?: string): Decision;
  /** Throws FORBIDDEN with the reason unless the current person may do `action` (to the story, if given). */
  authorize(action: Action, storyId?: string): Actor;
}

export function createAccess(profiles: ProfilesStore): Access {
  const currentProfile = () => profiles.current() ?? null;

  const actor = (): Actor => {
    const profile = currentProfile();
    if (!profile) throw new CopydeskError(ErrorCode.FORBIDDEN, NO_PROFILE_MESSAGE, { reason: 'no-profile' });
    return { id: profile.id, role: profile.role, supervisorId: profile.supervisorId };
  };

  const storyAccess = (storyId: string | undefined): StoryAccess | undefined => {
    if (storyId === undefined) return NO_STORY;
    const row = profiles.storyAccess(storyId);
    return row && { ...row, status: row.status as StoryStatus };
  };

  const decide = (action: Action, storyId?: string): Decision => {
    const profile = currentProfile();
    if (!profile) return { ok: false, reason: NO_PROFILE_MESSAGE };
    const story = storyAccess(storyId);
    // A story that does not exist is the handler's NOT_FOUND to report, not a refusal.
    if (!story) return { ok: true };
    return can({ id: profile.id, role: profile.role, supervisorId: profile.supervisorId }, action, story);
  };

  return {
    currentProfile,
    actor,
    decide,
    authorize(action, storyId) {
      const who = actor();
      const decision = decide(action, storyId);
      if (!decision.ok) throw new CopydeskError(ErrorCode.FORBIDDEN, decision.reason, { action, reason: 'policy' });
      return who;
    },
  };
}
