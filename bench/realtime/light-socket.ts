/**
 * A minimal WebSocket client on a bare TCP socket: the HTTP upgrade, masked client frames,
 * and unmasked server frames parsed in place. It does what a subscriber in this benchmark
 * needs at a fraction of `ws`'s per-frame cost, so the client processes stay light and
 * the stack is what the measurement measures. No compression, no fragmented messages.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface LightSocket {
  /** Sends a text (string) or binary (Uint8Array) message. */
  send(data: string | Uint8Array): void;
  close(): void;
  readonly open: boolean;
}

export interface LightHandlers {
  /** A whole message; `binary` tells opcode 2 from 1. The buffer is only valid during the call. */
  onMessage(data: Buffer, binary: boolean): void;
  onClose(): void;
}

export function openLightSocket(url: string, handlers: LightHandlers): Promise<LightSocket> {
  const { hostname, port, pathname, search } = new URL(url);
  const key = randomBytes(16).toString("base64");
  const socket: Socket = connect({ host: hostname, port: Number(port), noDelay: true });
  let buffered: Buffer = Buffer.alloc(0);
  let upgraded = false;
  let open = false;

  const api: LightSocket = {
    send: (data) => open && socket.write(frame(typeof data === "string" ? Buffer.from(data) : data, typeof data === "string" ? 1 : 2)),
    close: () => socket.destroy(),
    get open() {
      return open;
    },
  };

  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.on("error", () => {});
    socket.on("close", () => {
      open = false;
      handlers.onClose();
    });
    socket.once("connect", () => {
      socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      if (!upgraded) {
        const end = buffered.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffered.toString("latin1", 0, end);
        if (!/^HTTP\/1\.1 101/.test(head)) return reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
        upgraded = open = true;
        buffered = buffered.subarray(end + 4);
        resolve(api);
      }
      buffered = parseFrames(buffered, handlers, socket);
    });
  });
}

/** Handles every complete frame in `buf`; returns the incomplete rest. */
function parseFrames(buf: Buffer, handlers: LightHandlers, socket: Socket): Buffer {
  let offset = 0;
  while (buf.length - offset >= 2) {
    const opcode = buf[offset] & 0x0f;
    let length = buf[offset + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buf.length - offset < 4) break;
      length = buf.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (buf.length - offset < 10) break;
      length = Number(buf.readBigUInt64BE(offset + 2));
      header = 10;
    }
    if (buf.length - offset < header + length) break;
    const payload = buf.subarray(offset + header, offset + header + length);
    offset += header + length;
    if (opcode === 1 || opcode === 2) handlers.onMessage(payload, opcode === 2);
    else if (opcode === 9) socket.write(frame(payload, 10)); // ping → pong
    else if (opcode === 8) socket.end();
  }
  return offset === buf.length ? Buffer.alloc(0) : buf.subarray(offset);
}

/** A masked client frame (FIN set). */
function frame(payload: Uint8Array, opcode: number): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(header + 4 + length);
  out[0] = 0x80 | opcode;
  if (header === 2) out[1] = 0x80 | length;
  else if (header === 4) (out[1] = 0x80 | 126), out.writeUInt16BE(length, 2);
  else (out[1] = 0x80 | 127), out.writeBigUInt64BE(BigInt(length), 2);
  const mask = randomBytes(4);
  mask.copy(out, header);
  for (let i = 0; i < length; i++) out[header + 4 + i] = payload[i] ^ mask[i & 3];
  return out;
}
