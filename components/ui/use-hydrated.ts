"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server HTML and while hydrating, true once React runs in the browser. Controls whose state lives
 * in React stay disabled until then: a click before hydration would be undone by it, silently.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
