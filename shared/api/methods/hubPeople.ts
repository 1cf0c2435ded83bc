import { z } from 'zod';
import { CreateUserRequest, HubUserRecord, Password, PersonName, UserId } from '../../sync/auth.ts';
import { Role } from '../../workflow/roles.ts';
import { Empty } from '../schemas.ts';

/**
 * People on the newsroom hub, managed from the workstation (issue 5: "admins
 * manage people, roles, supervisors … from the workstation"). The backend
 * passes each call on to the hub's admin API (`/v1/admin/users…`) as the
 * signed-in account; the hub is the one that decides, with the shared
 * policy's 'manage_people' and its own rules about people (an intern has a
 * supervisor, the newsroom keeps one admin, passwords by `passwordProblem`).
 *
 * Fields reuse the hub's wire schemas (shared/sync/auth.ts), so a value the
 * form sends is one the hub accepts by shape; the hub's refusals come back
 * in its own words: FORBIDDEN (403), VALIDATION (400), CONFLICT (409),
 * NOT_FOUND (404). OFFLINE when the hub cannot be reached, UNAUTHORIZED when
 * it ended the session, FORBIDDEN "Connect to the newsroom first." when this
 * workstation is not signed in to a hub.
 */

/** What the People table shows of each account (the hub's record minus its update time). */
export const HubPerson = HubUserRecord.pick({ id: true, username: true, name: true, role: true, supervisorId: true, disabled: true, createdAt: true });
export type HubPerson = z.infer<typeof HubPerson>;

const PersonReply = z.object({ person: HubPerson });

export const hubPeopleMethods = {
  /** Everyone with an account on the hub, by name. */
  'hubPeople.list': { input: Empty, output: z.object({ people: z.array(HubPerson) }) },
  /** Adds an account. An intern needs `supervisorId` (a reporter, editor or admin); the password must pass the hub's rules. */
  'hubPeople.create': { input: CreateUserRequest.strict(), output: PersonReply },
  /**
   * Changes what is given: name, role, supervisor (null removes it), disabled
   * (a disabled person is signed out everywhere and cannot sign in), or a new
   * password (which also signs them out everywhere).
   */
  'hubPeople.update': {
    input: z
      .object({
        id: UserId,
        name: PersonName.optional(),
        role: Role.optional(),
        supervisorId: UserId.nullable().optional(),
        disabled: z.boolean().optional(),
        password: Password.optional(),
      })
      .strict()
      .refine((value) => Object.keys(value).some((key) => key !== 'id' && value[key as keyof typeof value] !== undefined), {
        message: 'Nothing to change: give at least one of name, role, supervisor, disabled or password.',
      }),
    output: PersonReply,
  },
  /** "Sign out everywhere": ends every session the person has; `revoked` counts them. */
  'hubPeople.revokeSessions': { input: z.object({ id: UserId }).strict(), output: z.object({ revoked: z.number().int().nonnegative() }) },
} as const;
