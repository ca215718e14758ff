/**
 * Calls the edge functions with the signed-in user's token, using the shared contract
 * for answers. Failures come back as ApiFailure (code, message, retry_after), never as
 * exceptions, so the UI can always say something a person understands.
 */
import type { SupabaseClient } from "@supabase/supabase-js";
import type { ApiFailure } from "../core/messages.ts";
import { t } from "../ui/i18n.ts";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

export async function callFunction<T>(client: SupabaseClient, name: string, body: unknown): Promise<ApiResult<T>> {
  try {
    const { data, error } = await client.functions.invoke(name, { body: body as Record<string, unknown> });
    if (!error) return { ok: true, data: (data as { data: T }).data };
    const response = (error as { context?: Response }).context;
    if (response && typeof response.json === "function") {
      const parsed = (await response.json().catch(() => null)) as { error?: ApiFailure } | null;
      if (parsed?.error) return { ok: false, error: parsed.error };
    }
    return { ok: false, error: { code: "network", message: t("serverUnreachable") } };
  } catch {
    return { ok: false, error: { code: "network", message: t("serverUnreachable") } };
  }
}
