// Chat test data on top of the e2e Factory: a queue with agents and a widget for it.
import type { Factory, Person } from "./fixtures.ts";

export async function chatQueue(factory: Factory, agents: Person[], opts: { chatCapacity?: number; name?: string; widget?: Record<string, unknown> } = {}) {
  const db = factory.db.prisma;
  if (opts.chatCapacity !== undefined) for (const a of agents) await db.user.update({ where: { id: a.id }, data: { capacity: { CHAT: opts.chatCapacity } } });
  const queue = await db.queue.create({
    data: {
      organizationId: factory.org.org.id,
      name: opts.name ?? `Chat ${Math.random().toString(36).slice(2, 7)}`,
      channels: ["CHAT"],
      members: { create: agents.map((a) => ({ userId: a.id, skillLevel: 5 })) },
    },
  });
  const widget = await db.entryPoint.create({
    data: {
      organizationId: factory.org.org.id,
      kind: "CHAT_WIDGET",
      name: `Widget ${queue.name}`,
      key: `e2e_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
      queueId: queue.id,
      config: { languages: ["en"], allowedOrigins: [], ...opts.widget },
    },
  });
  return { queue, widget };
}
