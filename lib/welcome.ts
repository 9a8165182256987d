import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/seed/demo-data.ts";
import type { AppServices } from "./services.ts";

/** What a person who just ran `npm start` needs: where to go and how to sign in. */
export async function printWelcome(app: AppServices, seconds: string) {
  const lines = [``, `  Centrala is ready (${seconds} s): ${app.config.publicUrl}`, `  Data: ${app.db.location}`];
  if (app.seeded) {
    lines.push(``, `  Created the organisation "${app.seeded.organization}". Sign in as:`);
    for (const c of app.seeded.credentials) lines.push(`    ${c.username.padEnd(12)} ${c.password.padEnd(20)} ${c.role}`);
    if (app.config.seed === "empty") lines.push(`  This password is shown once: change it after signing in.`);
  } else if (await demoPasswordStillWorks(app)) {
    lines.push(``, `  Demo users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.username).join(", ")}`);
  }
  console.log(`${lines.join("\n")}\n`);
}

async function demoPasswordStillWorks(app: AppServices): Promise<boolean> {
  const account = await app.db.prisma.account.findFirst({
    where: { providerId: "credential", user: { username: DEMO_USERS[0].username } },
    select: { password: true },
  });
  return !!account?.password && (await app.deps.passwords.verify({ hash: account.password, password: DEMO_PASSWORD }));
}
