/** Parses untrusted input (messages, realtime payloads) with a schema; null when it does not fit. */
import * as z from "zod/mini";

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> | null {
  const result = z.safeParse(schema, value);
  return result.success ? result.data : null;
}
