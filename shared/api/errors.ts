/**
 * Error codes that cross the contract boundary. Every failure a caller can see
 * is one of these, with a message meant for a person and optional details.
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  STORAGE: 'STORAGE',
  OFFLINE: 'OFFLINE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error shape on the wire, in both transports. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** What every call returns: a value or an error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside the backend; turned into an {@link ApiError} at the boundary. */
export class CopydeskError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CopydeskError';
    this.code = code;
    this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && v.code in ErrorCode && typeof v.message === 'string';
}
