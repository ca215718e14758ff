/** Forks client processes (client-process.ts) and talks to them over IPC. */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ClientRequest } from "./protocol.ts";

const SCRIPT = fileURLToPath(new URL("./client-process.ts", import.meta.url));

export class ClientPool {
  private nextId = 1;
  private readonly waiting = new Map<number, (body: any) => void>();

  private constructor(readonly children: ChildProcess[]) {
    for (const child of children) {
      child.on("message", (msg: { id: number }) => {
        this.waiting.get(msg.id)?.(msg);
        this.waiting.delete(msg.id);
      });
    }
  }

  static async start(count: number): Promise<ClientPool> {
    const children = Array.from({ length: count }, () =>
      fork(SCRIPT, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] })
    );
    await Promise.all(children.map((c) => new Promise((resolve, reject) => c.once("spawn", resolve).once("error", reject))));
    return new ClientPool(children);
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Sends one request to one child and resolves with its answer; an `error` answer rejects. */
  call<T = any>(index: number, request: ClientRequest): Promise<T> {
    const child = this.children[index];
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`client process ${index} exited during ${request.type}`));
      child.once("exit", onExit);
      this.waiting.set(id, (body) => {
        child.off("exit", onExit);
        body.error ? reject(new Error(`client ${index}: ${body.error}`)) : resolve(body as T);
      });
      child.send({ id, ...request });
    });
  }

  /** The same request to every child (or one request per child from `make`). */
  all<T = any>(make: ClientRequest | ((index: number) => ClientRequest)): Promise<T[]> {
    return Promise.all(this.children.map((_, i) => this.call<T>(i, typeof make === "function" ? make(i) : make)));
  }

  /** Asks every child to close its sockets and exit; kills what is still running after 3 s. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map((child, i) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        this.call(i, { type: "close" }).catch(() => {});
        return Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }),
    );
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
