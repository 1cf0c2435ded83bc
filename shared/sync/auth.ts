import { z } from 'zod';
import { Role } from '../workflow/roles.ts';

/**
 * The hub's wire schemas for signing in and for managing people
 * (DESIGN.md §7–§8). The hub parses every request body with these; the
 * workstation will build its requests and read the replies with the same ones.
 */

// ---------------------------------------------------------------------------
// Errors

/**
 * Every error the hub returns, as `{ error: { code, message, details? } }`.
 * The message is meant for a person; `details` names the offending fields of
 * a VALIDATION error.
 */
export const HubErrorCode = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
} as const;
export type HubErrorCode = (typeof HubErrorCode)[keyof typeof HubErrorCode];

export const HUB_ERROR_STATUS: Record<HubErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const HubErrorBody = z.object({
  error: z.object({
    code: z.enum(Object.values(HubErrorCode) as [HubErrorCode, ...HubErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;

// ---------------------------------------------------------------------------
// People

/** Hub account ids are ULIDs (26 Crockford base-32 characters). */
export const UserId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a user id');

/** Sign-in names: letters, digits, dots, dashes and underscores; compared without regard to case. */
export const Username = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'may contain only letters, digits, dots, dashes and underscores');

export const PersonName = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

/** Passwords are checked by {@link passwordProblem}; the schema only bounds their size. */
export const Password = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');

export const MIN_PASSWORD_LENGTH = 10;

/** A few passwords that pass the length rule yet are the first ones guessed. */
const COMMON_PASSWORDS = new Set([
  'password12',
  'password123',
  'password1234',
  '1234567890',
  '0123456789',
  '12345678910',
  'qwertyuiop',
  'qwerty1234',
  'iloveyou12',
  'letmein123',
  'changeme123',
  'administrator',
  'copydesk123',
  'newsroom123',
]);

/**
 * Why a new password is not good enough, in words for the person choosing it;
 * null when it will do. Long enough to resist guessing at the hub's rate
 * limit and argon2 cost, without composition rules (NIST SP 800-63B).
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  if (new Set(password).size < 4) return 'The password repeats too few different characters. Choose a longer phrase.';
  const lower = password.toLowerCase();
  if (lower.includes(username.trim().toLowerCase())) return 'The password must not contain the user name.';
  if (COMMON_PASSWORDS.has(lower)) return 'This password is among the first ones anyone would try. Choose another.';
  return null;
}

/** A person as the hub describes them: Actor-shaped (id, role, supervisorId) so the shared policy runs on it. */
export const HubUser = z.object({
  id: UserId,
  username: z.string(),
  name: z.string(),
  role: Role,
  /** An intern's supervisor (a reporter, editor or admin); null for everyone else. */
  supervisorId: UserId.nullable(),
});
export type HubUser = z.infer<typeof HubUser>;

/** What an admin sees of each person. */
export const HubUserRecord = HubUser.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HubUserRecord = z.infer<typeof HubUserRecord>;

// ---------------------------------------------------------------------------
// Signing in: POST /v1/auth/login, POST /v1/auth/logout, GET /v1/me

export const LoginRequest = z.object({
  username: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  password: Password,
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  /** Opaque; sent back as `Authorization: Bearer <token>`. The hub keeps only its hash. */
  token: z.string(),
  /** ISO 8601; after it the hub answers 401 and the person signs in again. */
  expiresAt: z.string(),
  user: HubUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ user: HubUser, sessionExpiresAt: z.string() });
export type MeResponse = z.infer<typeof MeResponse>;

// ---------------------------------------------------------------------------
// Managing people (admins): /v1/admin/users…

export const CreateUserRequest = z.object({
  username: Username,
  name: PersonName,
  role: Role,
  supervisorId: UserId.nullable().optional(),
  password: Password,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Only the fields present change; `supervisorId: null` removes a supervisor. */
export const UpdateUserRequest = z
  .object({
    name: PersonName,
    role: Role,
    supervisorId: UserId.nullable(),
    disabled: z.boolean(),
    /** Sets a new password and signs the person out everywhere. */
    password: Password,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'Nothing to change: send at least one field.' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserResponse = z.object({ user: HubUserRecord });
export type UserResponse = z.infer<typeof UserResponse>;

export const UserListResponse = z.object({ users: z.array(HubUserRecord) });
export type UserListResponse = z.infer<typeof UserListResponse>;

export const RevokeSessionsResponse = z.object({ revoked: z.number().int().nonnegative() });
export type RevokeSessionsResponse = z.infer<typeof RevokeSessionsResponse>;
