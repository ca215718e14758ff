/**
 * Finds the page's main <video>: the largest visible one, preferring one that plays,
 * looking into open shadow roots too. Watches for players added, replaced or removed
 * (single-page sites swap them) and reports changes. Iframes run their own copy of
 * the content script (all_frames), so each frame looks after its own videos.
 */

const MIN_AREA = 200 * 120; // thumbnails and previews are not the main video

export function allVideos(root: Document | ShadowRoot = document): HTMLVideoElement[] {
  const found = [...root.querySelectorAll("video")];
  for (const el of root.querySelectorAll("*")) {
    if (el.shadowRoot) found.push(...allVideos(el.shadowRoot));
  }
  return found;
}

export function scoreVideo(video: HTMLVideoElement): number {
  const rect = video.getBoundingClientRect();
  const area = rect.width * rect.height;
  if (area < MIN_AREA || !video.isConnected) return 0;
  const playing = !video.paused && video.readyState >= 2 ? 2 : 1;
  const hasMedia = video.currentSrc || video.src ? 1 : 0.5;
  return area * playing * hasMedia;
}

export function findMainVideo(root: Document = document): HTMLVideoElement | null {
  let best: HTMLVideoElement | null = null;
  let bestScore = 0;
  for (const video of allVideos(root)) {
    const score = scoreVideo(video);
    if (score > bestScore) {
      best = video;
      bestScore = score;
    }
  }
  return best;
}

/** Calls onChange with the main video whenever it changes (null when it goes away). */
export function watchMainVideo(onChange: (video: HTMLVideoElement | null) => void, signal: AbortSignal): void {
  let current: HTMLVideoElement | null = null;
  let scheduled = false;
  const check = () => {
    scheduled = false;
    const next = findMainVideo();
    if (next !== current) {
      current = next;
      onChange(next);
    }
  };
  const soon = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    setTimeout(check, 200);
  };
  const observer = new MutationObserver(soon);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // Capture phase: media events do not bubble, but they do pass the document on capture.
  for (const type of ["loadedmetadata", "play", "emptied"]) document.addEventListener(type, soon, { capture: true, signal });
  window.addEventListener("resize", soon, { signal });
  signal.addEventListener("abort", () => observer.disconnect());
  check();
}
