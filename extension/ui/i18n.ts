/**
 * The extension's user-facing text, from extension/public/_locales/<lang>/messages.json
 * through browser.i18n (the panel, the popup, and the notices the background sends).
 */
import browser from "webextension-polyfill";

/** A key of the English messages.json (type only: the JSON is not bundled). */
export type MessageKey = keyof typeof import("../public/_locales/en/messages.json");

/**
 * The message for `key` in the browser's language, its $1… placeholders filled with
 * `substitutions`. Where there is no such message (or no extension to ask) the key
 * itself comes back, so a missing entry shows up instead of an empty label.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  let message = "";
  try {
    message = browser.i18n.getMessage(key, substitutions.map(String));
  } catch {
    // Outside an extension, or in a content script whose extension was reloaded.
  }
  return message || key;
}
