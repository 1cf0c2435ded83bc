import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * Password hashing: argon2id with OWASP's first recommended setting
 * (19 MiB of memory, 2 passes, 1 lane): ~50 ms per hash on the 2-core
 * machines this runs on, which caps guessing far below the login rate limit's
 * reach while keeping sign-in instant for people. The parameters live in each
 * stored PHC string, so raising them later still verifies older hashes.
 */
export const ARGON2_OPTIONS: Options = {
  // Algorithm is a const enum (not importable with isolatedModules): 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash signs nobody in.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time a real verification would when the user name is unknown,
 * so a sign-in's duration does not tell whether an account exists. The
 * dummy hash is made once per process (of random bytes nobody knows).
 */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
