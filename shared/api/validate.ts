import type { z } from 'zod';
import { CopydeskError, ErrorCode } from './errors.ts';
import { contract, isMethodName, type MethodName, type ParsedInput } from './contract.ts';

/** Turns zod issues into a short human sentence plus the full list as details. */
export function describeIssues(error: z.ZodError): { message: string; details: { path: string; message: string }[] } {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = details[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
  return { message, details };
}

/**
 * Checks a call's name and input against the contract. Throws a VALIDATION
 * {@link CopydeskError} for an unknown method or malformed input.
 */
export function parseCall(name: unknown, input: unknown): { name: MethodName; input: ParsedInput<MethodName> } {
  if (!isMethodName(name)) {
    throw new CopydeskError(ErrorCode.VALIDATION, `Unknown method: ${String(name).slice(0, 80)}`);
  }
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const { message, details } = describeIssues(parsed.error);
    throw new CopydeskError(ErrorCode.VALIDATION, message, details);
  }
  return { name, input: parsed.data as ParsedInput<MethodName> };
}
