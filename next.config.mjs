import createNextIntlPlugin from "next-intl/plugin";

// next-intl's per-request configuration: the language of each request (no locale in the URL) and its catalogs.
// Catalogs are compiled at build time (a catalog imported from messages/ goes through next-intl's loader; the ones
// lib/i18n/catalog.ts reads from disk are compiled as they are read), so the browser gets next-intl's small
// formatter instead of the ICU parser: about 8 kB less script on every page (README, Benchmarks).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

// Sent with every response — pages, route handlers, server actions, static assets, 404s and redirects
// (Next applies config headers before the proxy and the filesystem, so they survive both).
// The console must never be framed (clickjacking a Stop button); frame-ancestors is the modern form, X-Frame-Options
// the one older browsers know. "same-origin" keeps TaskIds and stream names in URLs out of other sites' logs, while
// still letting the browser send Origin on server-action POSTs ("no-referrer" would make it "null" and break them).
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

// HSTS only when the request reached the proxy in front of RecDesk over https: over plain http (a laptop,
// the demo) it would pin localhost to https for a year.
const hsts = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM through file URLs that Turbopack's bundling breaks (see docs/stack notes).
  serverExternalPackages: ["@electric-sql/pglite"],
  // Lets tests and parallel builds keep separate outputs; production uses the default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server (server.js plus only the node_modules it needs) for the container image; `next build`
  // writes it next to the usual output, so `next start` and the test suite keep working unchanged.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [hsts] },
    ];
  },
};
export default withNextIntl(nextConfig);
