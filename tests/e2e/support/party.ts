/** A watch party for a spec: the local stack and a host's and a member's browsers. */
import type { LocalStack } from "../../../backend/local/server.ts";
import { launchPerson, type Person } from "./browsers.ts";
import { startE2eStack } from "./stack.ts";

export interface Party {
  stack: LocalStack;
  host: Person;
  member: Person;
  close(): Promise<void>;
}

/** `memberBackend` lets a spec put something (a cuttable proxy) between the member and the stack. */
export async function startParty(memberBackend?: (stack: LocalStack) => Promise<string>): Promise<Party> {
  const stack = await startE2eStack();
  const memberUrl = memberBackend ? await memberBackend(stack) : stack.url;
  const [host, member] = await Promise.all([launchPerson(stack.url, stack.anonKey), launchPerson(memberUrl, stack.anonKey)]);
  return {
    stack,
    host,
    member,
    async close() {
      await Promise.all([host.close(), member.close()]);
      await stack.close();
    },
  };
}
