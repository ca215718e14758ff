/** The panel's CSS, scoped by its shadow root so neither the page nor we leak styles. */
export const PANEL_CSS = `
:host { all: initial; }
.watchium { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; font: 14px/1.4 system-ui, sans-serif; color: #1c1c28; }
.launcher { padding: 8px 14px; border-radius: 20px; border: 0; background: #5b3df5; color: #fff; font-weight: 600; cursor: pointer; box-shadow: 0 2px 8px #0004; }
.panel { margin-top: 8px; width: 320px; max-height: 70vh; overflow: auto; padding: 12px; border-radius: 10px; background: #fff; box-shadow: 0 4px 20px #0005; }
label { display: block; margin: 6px 0; }
label input:not([type=checkbox]) { display: block; width: 100%; box-sizing: border-box; padding: 5px; margin-top: 2px; }
.check { display: flex; gap: 6px; align-items: center; }
fieldset { border: 1px solid #ddd; border-radius: 8px; margin: 8px 0; }
button { margin: 4px 0; padding: 5px 10px; cursor: pointer; }
.error { color: #b00020; }
.avatar { border-radius: 50%; vertical-align: middle; margin-right: 4px; object-fit: cover; }
.banner { background: #fff3cd; color: #5c4400; padding: 4px 8px; border-radius: 6px; }
h2 { font-size: 16px; margin: 0 0 6px; }
@media (prefers-color-scheme: dark) {
  .panel { background: #1f1f2b; color: #eee; }
  fieldset { border-color: #444; }
}
`;

export const COMMENTS_CSS = `
.comments h3 { font-size: 14px; margin: 12px 0 4px; }
.comments ul { list-style: none; padding: 0; margin: 0; }
.comments ul ul { padding-left: 14px; border-left: 2px solid #ddd; }
.thread { margin: 6px 0; }
.anchor { background: #f4f1ff; border-radius: 6px; padding: 2px 4px; }
.comment header { font-size: 12px; color: #555; }
.comment .message { margin: 2px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.stamp, .reply { font-size: 12px; margin: 0 0 0 6px; padding: 0 4px; }
.composer textarea { display: block; width: 100%; box-sizing: border-box; }
.reaction { font-size: 12px; margin: 0 2px 0 0; padding: 0 3px; border: 1px solid transparent; background: none; opacity: .55; }
.reaction.used, .reaction[aria-pressed=true] { opacity: 1; border-color: #ccc; border-radius: 10px; }
.counter { font-size: 11px; color: #666; margin-right: 8px; }
@media (prefers-color-scheme: dark) {
  .anchor { background: #2c2748; }
  .comment header, .counter { color: #aaa; }
}
`;
