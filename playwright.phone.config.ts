import { defineConfig } from "@playwright/test";
import base from "./playwright.config.ts";

// Agents on telephone calls: Chromium, the server with its own Janus, and SIPp as the telephone
// network, all inside a private network namespace (npm run test:phone:e2e; E2E_PHONE=1).
export default defineConfig({ ...base, testDir: "tests/e2e-phone" });
