import { monotonicFactory } from 'ulid';
import { passwordProblem, HubErrorCode, type CreateUserRequest, type UpdateUserRequest } from '../../shared/sync/auth.ts';
import { canSupervise, ROLE_LABELS, type Role } from '../../shared/workflow/roles.ts';
import type { Sql } from '../db/sql.ts';
import type { HubDeps } from '../deps.ts';
import { HubError } from '../errors.ts';
import { revokeUserSessions } from '../store/sessions.ts';
import {
  countOtherActiveAdmins,
  countSupervisedInterns,
  findUserById,
  findUserByUsername,
  insertUser,
  updateUser,
  type UserChanges,
  type UserRow,
} from '../store/users.ts';
import { hashPassword } from './password.ts';

/**
 * The rules about people, shared by the admin endpoints and the
 * `admin create` command: an intern has a supervisor who is a reporter,
 * editor or admin (and nobody else has one); user names are unique without
 * regard to case; the newsroom always keeps one enabled admin; someone who
 * supervises interns stays able to.
 */

const ulid = monotonicFactory();

const invalid = (path: string, message: string) => new HubError(HubErrorCode.VALIDATION, message, [{ path, message }]);

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid('password', problem);
}

/** The supervisor an intern may have: an existing, enabled reporter, editor or admin (locked until the transaction ends). */
async function checkSupervisor(tx: Sql, supervisorId: string, internId: string | null): Promise<void> {
  if (supervisorId === internId) throw invalid('supervisorId', 'An intern cannot supervise themselves.');
  const supervisor = await findUserById(tx, supervisorId, { lock: true });
  if (!supervisor) throw invalid('supervisorId', 'The chosen supervisor is not a person on this hub.');
  if (!canSupervise(supervisor.role)) {
    throw invalid('supervisorId', `${supervisor.name} is ${article(supervisor.role)} ${ROLE_LABELS[supervisor.role].toLowerCase()}; a supervisor must be a reporter, editor or admin.`);
  }
  if (supervisor.disabled) throw invalid('supervisorId', `${supervisor.name}'s account is disabled; choose another supervisor.`);
}

function article(role: Role): string {
  return role === 'intern' || role === 'editor' || role === 'admin' ? 'an' : 'a';
}

/** Who supervises whom, for a role and supervisor as they will be after a change. */
function supervisorFor(role: Role, supervisorId: string | null | undefined): string | null {
  if (role === 'intern') {
    if (!supervisorId) throw invalid('supervisorId', 'An intern needs a supervisor: choose a reporter, editor or admin.');
    return supervisorId;
  }
  if (supervisorId) throw invalid('supervisorId', `Only interns have a supervisor; a ${ROLE_LABELS[role].toLowerCase()} does not.`);
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '23505';
}

const usernameTaken = (username: string) => new HubError(HubErrorCode.CONFLICT, `The user name "${username}" is taken. Choose another.`, [{ path: 'username', message: 'is taken' }]);

export async function createUser(deps: HubDeps, input: CreateUserRequest): Promise<UserRow> {
  const supervisorId = supervisorFor(input.role, input.supervisorId);
  checkPassword(input.password, input.username);
  // Hashing takes a while: done before the transaction so it holds no locks meanwhile.
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.sql.transaction(async (tx) => {
      if (supervisorId) await checkSupervisor(tx, supervisorId, null);
      if (await findUserByUsername(tx, input.username)) throw usernameTaken(input.username);
      return insertUser(tx, { id: ulid(), username: input.username, name: input.name, role: input.role, supervisorId, passwordHash, now: deps.now() });
    });
  } catch (error) {
    // Two admins adding the same name at once: the unique index decides.
    if (isUniqueViolation(error)) throw usernameTaken(input.username);
    throw error;
  }
}

export const personNotFound = () => new HubError(HubErrorCode.NOT_FOUND, 'There is no such person on this hub.');

export async function changeUser(deps: HubDeps, id: string, input: UpdateUserRequest): Promise<UserRow> {
  const passwordHash = input.password === undefined ? undefined : await hashPasswordFor(deps.sql, id, input.password);
  return deps.sql.transaction(async (tx) => {
    const user = await findUserById(tx, id, { lock: true });
    if (!user) throw personNotFound();
    const now = deps.now();
    const role = input.role ?? user.role;
    // A new role without a word about the supervisor keeps an intern's supervisor and drops it for the others.
    const requested = input.supervisorId !== undefined ? input.supervisorId : role === 'intern' ? user.supervisor_id : null;
    const supervisorId = supervisorFor(role, requested);
    if (supervisorId && supervisorId !== user.supervisor_id) await checkSupervisor(tx, supervisorId, id);

    const disabled = input.disabled ?? user.disabled;
    if (user.role === 'admin' && !user.disabled && (role !== 'admin' || disabled)) {
      if ((await countOtherActiveAdmins(tx, id)) === 0) {
        throw new HubError(HubErrorCode.CONFLICT, `${user.name} is the only admin. Make someone else an admin first.`);
      }
    }
    if ((!canSupervise(role) || disabled) && (canSupervise(user.role) && !user.disabled)) {
      const interns = await countSupervisedInterns(tx, id);
      if (interns > 0) {
        throw new HubError(
          HubErrorCode.CONFLICT,
          `${user.name} supervises ${interns} ${interns === 1 ? 'intern' : 'interns'}. Give ${interns === 1 ? 'them' : 'each of them'} another supervisor first.`,
        );
      }
    }

    const changes: UserChanges = {};
    if (input.name !== undefined) changes.name = input.name;
    if (role !== user.role) changes.role = role;
    if (supervisorId !== user.supervisor_id) changes.supervisorId = supervisorId;
    if (disabled !== user.disabled) changes.disabled = disabled;
    if (passwordHash !== undefined) changes.passwordHash = passwordHash;
    const updated = await updateUser(tx, id, changes, now);
    // A new password or a disabled account ends every session the person had.
    if (passwordHash !== undefined || (disabled && !user.disabled)) await revokeUserSessions(tx, id, now);
    return updated;
  });
}

async function hashPasswordFor(sql: Sql, id: string, password: string): Promise<string> {
  const user = await findUserById(sql, id);
  if (!user) throw personNotFound();
  checkPassword(password, user.username);
  return hashPassword(password);
}
