import type { ReactNode } from "react";
import { QueryProvider } from "@/components/ui/query-provider";

// The job page polls its progress with TanStack Query; only this page carries it (see QueryProvider).
export default function JobLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
