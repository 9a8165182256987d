import { defineConfig } from "@playwright/test";
import base from "./playwright.config.ts";
import { BALANCER_URL } from "./tests/cluster/cluster-nodes.ts";

// The cluster test (npm run test:cluster): two web nodes, a media node with Janus and a worker as
// separate processes on one PostgreSQL and Redis, SIPp as the telephone network, in a network
// namespace of its own (scripts/in-phone-netns.sh). The agents' browsers go through a failover
// proxy (the load balancer); the supervisor's straight to web node 1.
export default defineConfig({
  ...base,
  testDir: "tests/cluster",
  globalSetup: "./tests/cluster/cluster-setup.ts",
  timeout: 420_000,
  use: { ...base.use, baseURL: BALANCER_URL },
});
