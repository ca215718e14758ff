/** HTTP plumbing shared by every function: JSON answers, CORS and request bodies. */
import type { z } from "zod";
import { LIMITS } from "./contract.ts";
import { ApiError } from "./errors.ts";

/** The extension calls from its background worker; any origin may call, credentials never ride in cookies. */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type, x-region",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-max-age": "86400",
};

export function jsonResponse(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...CORS_HEADERS, ...extraHeaders },
  });
}

export function dataResponse(data: unknown): Response {
  return jsonResponse(200, { data });
}

export function errorResponse(err: ApiError): Response {
  const body: { code: string; message: string; retry_after?: number } = { code: err.code, message: err.message };
  const headers: Record<string, string> = {};
  if (err.retryAfter !== undefined) {
    body.retry_after = err.retryAfter;
    headers["retry-after"] = String(err.retryAfter);
  }
  return jsonResponse(err.status, { error: body }, headers);
}

/** Reads at most LIMITS.bodyBytes of the body and parses it as JSON. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > LIMITS.bodyBytes) throw tooLarge();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > LIMITS.bodyBytes) throw tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** Query-string fields that are numbers in the contract; everything else stays a string. */
const NUMERIC_QUERY_FIELDS = new Set(["limit", "offset", "episode_number"]);

/** GET requests carry their fields in the query string (the keyset cursor needs POST). */
export function queryToObject(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    out[key] = NUMERIC_QUERY_FIELDS.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return out;
}

function tooLarge(): ApiError {
  return new ApiError(413, "too_large", `The request body is larger than ${LIMITS.bodyBytes / 1024} KB.`);
}

/**
 * Validates input against a schema. A value over its length limit answers 413
 * ("too large"), any other problem 400, each naming the field to fix.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join(".") : "body";
  if (issue.code === "too_big" && issue.origin === "string") {
    return raise(new ApiError(413, "too_large", `${field} is too long (at most ${issue.maximum} characters).`));
  }
  if (issue.code === "unrecognized_keys") {
    return raise(new ApiError(400, "validation_failed", `Unknown field(s): ${issue.keys.join(", ")}.`));
  }
  return raise(new ApiError(400, "validation_failed", `${field}: ${issue.message}.`));
}

function raise(err: ApiError): never {
  throw err;
}
