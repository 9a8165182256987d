/** The e2e server's AUTH_SECRET: tests seal a provider's password with it as the product would. */
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-0000";
