import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HUB_ERROR_STATUS, HubErrorCode, type HubErrorBody } from '../shared/sync/auth.ts';

/**
 * Every refusal the hub sends is a {@link HubError}: a code from
 * shared/sync (which fixes the HTTP status) and a message for a person.
 * Route code throws it; the error handler below turns it into
 * `{ error: { code, message, details? } }`.
 */
export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After on RATE_LIMITED. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HubError';
  }

  get status(): number {
    return HUB_ERROR_STATUS[this.code];
  }

  toBody(): HubErrorBody {
    return { error: this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details } };
  }
}

export interface FieldProblem {
  /** Dotted path of the field ("supervisorId", "mutations.3.id"); empty for the body itself. */
  path: string;
  message: string;
}

/** Parses a request part with a shared zod schema; anything else is a VALIDATION error naming the fields. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, what, value);
}

export function validationError(error: z.ZodError, what = 'request body', input?: unknown): HubError {
  const problems: FieldProblem[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describeIssue(issue, input),
  }));
  const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
  return new HubError(HubErrorCode.VALIDATION, `The ${what} is not valid: ${summary}.`, problems);
}

/** zod's own wording, minus its "Invalid input:" prefix; a missing field says so. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.path.length > 0 && valueAt(input, issue.path) === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is missing';
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.path.length === 0) return `must be a JSON object, not ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Fastify's own client errors (bad JSON, wrong content type, too large) → VALIDATION, with words for people. */
function describeFastifyClientError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    default:
      return error.message;
  }
}

export function sendError(reply: FastifyReply, error: HubError): FastifyReply {
  if (error.headers) void reply.headers(error.headers);
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.toBody());
}

/** The hub's error handler: known refusals as they are, client mistakes as 400/413, the rest as a logged 500. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HubError) return sendError(reply, error);
  if (error instanceof z.ZodError) return sendError(reply, validationError(error));
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const hubError = new HubError(HubErrorCode.VALIDATION, describeFastifyClientError(fastifyError as FastifyError));
    // Keep 413 for a body that is too large (clients may split it); every other client error is a 400.
    return reply
      .code(status === 413 ? 413 : 400)
      .type('application/json; charset=utf-8')
      .send(hubError.toBody());
  }
  request.log.error({ err: error }, 'request failed');
  if (!request.log.level || request.log.level === 'silent') {
    process.stderr.write(`Copydesk hub: ${request.method} ${request.url} failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return sendError(reply, new HubError(HubErrorCode.INTERNAL, 'The hub could not finish this request. The error is in its log.'));
}
