/** Errors that become `{ error: { code, message } }` answers with a 4xx status. */

export type ErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "wrong_access_key"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "method_not_allowed"
  | "internal";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Seconds until a rate-limited caller may try again. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "validation_failed",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
};

/**
 * Turns a database error into an ApiError when it is the caller's fault.
 * Our SQL functions raise SQLSTATE "WT" + HTTP status with a message meant for people
 * (and, for WT429, the retry delay in HINT). Anything else is rethrown as a real failure.
 */
export function fromDatabaseError(err: unknown): ApiError {
  const e = err as { code?: string; message?: string; hint?: string };
  const match = /^WT(\d{3})$/.exec(e?.code ?? "");
  if (match) {
    const status = Number(match[1]);
    const retry = e.hint !== undefined && e.hint !== "" ? Number(e.hint) : undefined;
    return new ApiError(status, STATUS_CODES[status] ?? "validation_failed", e.message ?? "Request refused.", retry);
  }
  switch (e?.code) {
    case "23505":
      return new ApiError(409, "conflict", "That already exists.");
    case "23503":
      return new ApiError(404, "not_found", "Something this request refers to no longer exists.");
    case "23514":
    case "22P02":
    case "22003":
      return new ApiError(400, "validation_failed", "A value in the request is out of range or malformed.");
  }
  throw err;
}
