import path from "node:path";

// Resolved from the working directory, which is the project root for `next start`, tsx and vitest alike.
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
