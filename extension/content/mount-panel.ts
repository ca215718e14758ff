/** Puts the panel in its own shadow root at the end of <body>, outside the page's layout and styles. */
import { h, render } from "preact";
import { Panel, type PanelProps } from "./panel/panel.tsx";
import { COMMENTS_CSS, PANEL_CSS } from "./panel/styles.ts";

export interface MountedPanel {
  update(props: PanelProps): void;
  remove(): void;
}

export function mountPanel(props: PanelProps): MountedPanel {
  const host = document.createElement("watchium-panel");
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = PANEL_CSS + COMMENTS_CSS;
  const root = document.createElement("div");
  shadow.append(style, root);
  document.body.append(host);
  // Keys typed in the panel stay in the panel: the page's player shortcuts must not see them.
  for (const type of ["keydown", "keyup", "keypress"]) root.addEventListener(type, (e) => e.stopPropagation());
  // Fullscreen shows only the fullscreen element's subtree: move the panel inside it while
  // a player container is fullscreen (a bare <video> cannot hold children; then it waits).
  const followFullscreen = () => {
    const fs = document.fullscreenElement;
    const target = fs && !(fs instanceof HTMLVideoElement) ? fs : document.body;
    if (host.parentElement !== target) target.append(host);
  };
  document.addEventListener("fullscreenchange", followFullscreen);
  const draw = (p: PanelProps) => render(h(Panel, p), root);
  draw(props);
  return {
    update: draw,
    remove() {
      document.removeEventListener("fullscreenchange", followFullscreen);
      render(null, root);
      host.remove();
    },
  };
}
