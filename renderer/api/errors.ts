import { ErrorCode, isApiError, type ApiError } from '../../shared/api/errors.ts';

/** A failed backend call as the renderer sees it: the contract's error, thrown. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
  }
}

export const OFFLINE_MESSAGE = "Copydesk's backend is not reachable";

export function offlineError(cause?: unknown): ApiCallError {
  return new ApiCallError({
    code: ErrorCode.OFFLINE,
    message: OFFLINE_MESSAGE,
    details: cause instanceof Error ? { cause: cause.message } : undefined,
  });
}

/** Turns anything a transport produced into an ApiCallError with a readable message. */
export function toApiCallError(reason: unknown): ApiCallError {
  if (reason instanceof ApiCallError) return reason;
  if (isApiError(reason)) return new ApiCallError(reason);
  const message = reason instanceof Error ? reason.message : String(reason);
  return new ApiCallError({ code: ErrorCode.INTERNAL, message: `Something went wrong in Copydesk: ${message}` });
}

/** The message to show a person for any caught value. */
export function errorMessage(reason: unknown): string {
  return toApiCallError(reason).message;
}

export function isErrorCode(reason: unknown, code: ErrorCode): boolean {
  return reason instanceof ApiCallError && reason.code === code;
}
