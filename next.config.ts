import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), geolocation=()" },
];

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Pages only: the server code (database, auth, GraphQL) runs in server.ts, never in Next's bundle.
  turbopack: { root: import.meta.dirname },
  // `npm test` type-checks the whole project (tsc); `npm start` should not wait for it twice.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Nothing may frame Centrala's own screens; the chat widget is framed by the sites allowed to
      // (server.ts sends its frame-ancestors policy).
      { source: "/((?!widget/).*)", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ];
  },
};

export default withNextIntl(config);
