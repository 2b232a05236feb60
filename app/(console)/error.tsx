"use client";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-danger-300 bg-danger-50 p-4 text-danger-700 dark:bg-danger-700 dark:text-danger-50"
    >
      <h2 className="font-semibold">This page could not be loaded</h2>
      <p className="mt-1 text-sm">
        An unexpected error happened on the server.{error.digest ? ` Reference: ${error.digest}.` : ""}
      </p>
      <button onClick={reset} className="mt-3 rounded-md bg-danger-600 px-3 py-1.5 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}
