/** One bare vsn 2.0.0 socket that joins a channel and broadcasts binary pushes on a schedule. */
import { WebSocket } from "ws";
import { binaryPush, joinFrame, wireTopic } from "./phoenix.ts";

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Sender {
  private ref = 1;

  private constructor(private readonly ws: WebSocket, private readonly topic: string) {}

  static async join(url: string, apikey: string, topic: string): Promise<Sender> {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/realtime/v1/websocket?apikey=${apikey}&vsn=2.0.0`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const joined = new Promise<void>((resolve, reject) => {
      ws.on("message", (data, isBinary) => {
        if (isBinary) return;
        const [, ref, , event, payload] = JSON.parse(String(data));
        if (event === "phx_reply" && ref === "1") payload.status === "ok" ? resolve() : reject(new Error(JSON.stringify(payload)));
      });
    });
    ws.send(joinFrame("1", topic, apikey));
    await joined;
    return new Sender(ws, topic);
  }

  /**
   * Sends `count` broadcasts at `rate` per second, on an absolute schedule (a late timer
   * does not shift later sends). Returns each message's send time (the payload's `t`).
   */
  async run(count: number, rate: number, event = "sync"): Promise<number[]> {
    const interval = 1000 / rate;
    const t0 = now() + 50;
    const sent: number[] = [];
    for (let seq = 0; seq < count; seq++) {
      const wait = t0 + seq * interval - now();
      if (wait > 0) await sleep(wait);
      const t = now();
      const payload = { type: "sync", seq, t, position: 1234.5 + seq / rate, playing: true, rate: 1, by: "5f0c8a5e-2b7d-4c1e-9a51-3c9a7d0e6b21" };
      this.ws.send(binaryPush("1", String(++this.ref), wireTopic(this.topic), event, payload));
      sent.push(t);
    }
    return sent;
  }

  close(): void {
    this.ws.terminate();
  }
}
