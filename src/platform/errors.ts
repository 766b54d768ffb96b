/**
 * The error catalogue: every error a client can receive, with a stable code, an HTTP status
 * and a title. The HTTP layer turns an AppError into `application/problem+json` (RFC 9457).
 * Codes are public: add new ones freely, never rename one. Documented in docs/errors.md.
 */
export const ERRORS = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  invalid_cursor: { status: 400, title: 'The cursor is not valid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  invalid_credentials: { status: 401, title: 'The email or password is wrong' },
  invalid_token: { status: 401, title: 'The API token is not valid' },
  session_expired: { status: 401, title: 'The session has expired' },
  csrf_failed: { status: 403, title: 'The CSRF token is missing or wrong' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  not_found: { status: 404, title: 'No such resource' },
  route_not_found: { status: 404, title: 'No such route' },
  conflict: { status: 409, title: 'The request conflicts with existing data' },
  already_exists: { status: 409, title: 'A resource with this identity already exists' },
  invalid_status_transition: { status: 409, title: 'The ticket cannot move to that status' },
  ticket_closed: { status: 409, title: 'A closed ticket cannot be changed' },
  guide_invalid: { status: 400, title: 'The guide is not a sound decision tree' },
  guide_not_published: { status: 409, title: 'The guide is not published' },
  guide_run_closed: { status: 409, title: 'The guide run has ended or moved on' },
  form_token_invalid: { status: 403, title: 'The form has expired or did not come from this site' },
  no_triage_model: { status: 409, title: 'No triage model has been trained yet' },
  insufficient_training_data: { status: 422, title: 'There is not enough labelled data to train on' },
  sla_calendar_in_use: { status: 409, title: 'SLA policies still use this calendar' },
  ticket_not_solved: { status: 409, title: 'The ticket is not solved yet' },
  survey_closed: { status: 409, title: 'The survey can no longer be answered' },
  macro_inactive: { status: 409, title: 'The macro is inactive' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  precondition_failed: { status: 412, title: 'The resource has changed since you read it' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The content type is not supported' },
  email_state_conflict: { status: 409, title: 'The inbound email is not in a state that allows this' },
  attachment_not_kept: { status: 410, title: 'The attachment was over the size limit and was not kept' },
  account_locked: { status: 429, title: 'Too many failed sign-ins; try again later' },
  rate_limited: { status: 429, title: 'Too many requests' },
  invalid_period: { status: 400, title: 'The period is not valid' },
  invalid_thresholds: { status: 400, title: 'The monitor thresholds are not possible' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error a client can act on. `detail` is safe to show; `fields` name the bad inputs. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { fields?: FieldError[]; headers?: Record<string, string> } & Record<string, unknown> = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.status = ERRORS[code].status;
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
