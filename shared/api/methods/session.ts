import { z } from 'zod';
import { StoryId, Timestamp } from '../../model/story.ts';
import { ACTIONS } from '../../workflow/actions.ts';
import { Role } from '../../workflow/roles.ts';
import { Empty } from '../schemas.ts';
import { PersonName } from './people.ts';

export const ProfileId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Profile id must be a ULID');

/**
 * A person who writes on this workstation: name, role and, for interns, the
 * supervisor who signs off their work. Profiles are local until the newsroom
 * hub exists; hub accounts will replace them with the same shape, so the
 * permission policy and the UI stay as they are.
 */
export const Profile = z.object({
  id: ProfileId,
  name: z.string(),
  role: Role,
  supervisorId: ProfileId.nullable(),
  createdAt: Timestamp,
});
export type Profile = z.infer<typeof Profile>;

/** The policy's answer: allowed, or refused with a reason meant for a person. */
export const Decision = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.string() })]);

const ActionDecisions = z.object(Object.fromEntries(ACTIONS.map((action) => [action, Decision])) as Record<(typeof ACTIONS)[number], typeof Decision>);

/** Who is writing: the current profile and switching between profiles. */
export const sessionMethods = {
  /** The profile in use (null on first run, before anyone chose) and everyone who writes here. */
  'session.get': {
    input: Empty,
    output: z.object({ profile: Profile.nullable(), profiles: z.array(Profile) }),
  },
  /**
   * Adds a person and switches to them. Anyone may add a profile on the
   * workstation (profiles are local until the hub exists; then accounts and
   * roles come from the hub and an admin manages them). An intern needs a
   * supervisor who is a reporter, editor or admin.
   */
  'session.createProfile': {
    input: z
      .object({
        name: PersonName,
        role: Role,
        supervisorId: ProfileId.nullable().optional(),
      })
      .strict(),
    output: z.object({ profile: Profile, profiles: z.array(Profile) }),
  },
  /** Makes another profile the one in use. */
  'session.switch': {
    input: z.object({ profileId: ProfileId }).strict(),
    output: z.object({ profile: Profile }),
  },
  /**
   * What the current person may do, as the permission policy answers it:
   * `workstation` for workstation-wide actions (settings, people), and one
   * answer per action for each story asked about. The UI disables controls
   * with these reasons; the backend enforces the same answers.
   */
  'session.permissions': {
    input: z.object({ storyIds: z.array(StoryId).max(500).default([]) }).strict(),
    output: z.object({
      workstation: ActionDecisions,
      stories: z.record(StoryId, ActionDecisions),
    }),
  },
} as const;
