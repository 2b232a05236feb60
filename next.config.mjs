/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM through file URLs that Turbopack's bundling breaks (see docs/stack notes).
  serverExternalPackages: ["@electric-sql/pglite"],
  // Lets tests and parallel builds keep separate outputs; production uses the default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};
export default nextConfig;
