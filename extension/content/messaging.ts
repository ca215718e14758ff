/**
 * The content script's side of the protocol: asks and tells to the background, and
 * parsed notices from it. An extension update or reload leaves old content scripts
 * running with a dead connection ("Extension context invalidated"): they stop quietly.
 */
import browser from "webextension-polyfill";
import * as z from "zod/mini";
import { type SessionResult, SessionView, type ToBackground, ToContent } from "../core/messages.ts";
import { t } from "../ui/i18n.ts";

export function tell(message: ToBackground): void {
  browser.runtime.sendMessage(message).catch(() => {});
}

export async function ask<T>(message: ToBackground): Promise<T | null> {
  try {
    return (await browser.runtime.sendMessage(message)) as T;
  } catch {
    return null;
  }
}

export async function currentSession(): Promise<SessionView | null> {
  const answer = await ask<{ session: unknown }>({ type: "content/get-session" });
  const parsed = z.safeParse(z.nullable(SessionView), answer?.session ?? null);
  return parsed.success ? parsed.data : null;
}

export function describeFailure(result: SessionResult | null): string | null {
  if (!result) return t("notResponding");
  return result.ok ? null : result.error.message;
}

/** Handles the background's notices; a handler that returns a value answers the background's ask. */
export function onNotice(handler: (message: ToContent) => unknown, signal: AbortSignal): void {
  const listener = (raw: unknown) => {
    const parsed = z.safeParse(ToContent, raw);
    if (!parsed.success) return undefined;
    const answer = handler(parsed.data);
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener("abort", () => browser.runtime.onMessage.removeListener(listener));
}
