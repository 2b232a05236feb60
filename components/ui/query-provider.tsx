"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/**
 * TanStack Query for the page that polls a bulk job's progress. Wrapped around that page only, not
 * the root layout, so every other page's first load does not carry the library.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per page visit; created in state so a re-render never drops the cache.
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
