/** The two subscriber socket implementations: the minimal one (default) and `ws`, for comparison. */
import { WebSocket } from "ws";
import { type LightHandlers, type LightSocket, openLightSocket } from "./light-socket.ts";

export type SocketKind = "light" | "ws";

export function openSocket(kind: SocketKind, url: string, handlers: LightHandlers): Promise<LightSocket> {
  return kind === "light" ? openLightSocket(url, handlers) : openWs(url, handlers);
}

async function openWs(url: string, handlers: LightHandlers): Promise<LightSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  ws.binaryType = "nodebuffer";
  ws.on("message", (data, isBinary) => handlers.onMessage(data as Buffer, isBinary));
  ws.on("error", () => {});
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  ws.on("close", () => handlers.onClose());
  return {
    send: (data) => ws.send(data),
    close: () => ws.terminate(),
    get open() {
      return ws.readyState === WebSocket.OPEN;
    },
  };
}
