import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode, type FieldError } from '../errors.js';
import { constraintViolation } from '../db/dialect.js';

/** The RFC 9457 body we answer with; `code` is the stable catalogue code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const typeUri = (code: ErrorCode) => `https://frontline.dev/problems/${code.replace(/_/g, '-')}`;

/** Turns any thrown value into a problem document; unknown errors leak nothing. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const appError = toAppError(error);
  const { fields, headers: _headers, ...extensions } = appError.extra;
  return {
    type: typeUri(appError.code),
    title: ERRORS[appError.code].title,
    status: appError.status,
    detail: appError.detail ?? ERRORS[appError.code].title,
    code: appError.code,
    instance: request.url,
    ...(fields ? { errors: fields } : {}),
    ...extensions,
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    return new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
  }
  const violation = constraintViolation(error);
  if (violation === 'unique') return new AppError('already_exists');
  if (violation === 'foreign_key') return new AppError('validation_failed', 'A referenced resource does not exist');
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', fastifyError.message);
    case 'FST_ERR_VALIDATION':
      return new AppError('validation_failed', fastifyError.message);
  }
  if (fastifyError.statusCode === 429) return new AppError('rate_limited', fastifyError.message);
  if (fastifyError.statusCode === 400 && typeof fastifyError.message === 'string') {
    // Fastify's own parsing errors (bad JSON, bad content length) are the client's mistake.
    return new AppError('malformed_json', fastifyError.message);
  }
  return new AppError('internal_error');
}

/** Fastify error handler: logs server faults, answers every error as problem+json. */
export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  const headers = error instanceof AppError ? error.extra.headers : undefined;
  if (headers) reply.headers(headers);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
