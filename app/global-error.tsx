"use client";

// Last resort: the user sees a plain message and a digest to quote, never a stack trace.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: 32 }}>
        <h1>Something went wrong</h1>
        <p>RecDesk hit an unexpected error. Nothing was sent to Tencent Cloud from this page.</p>
        {error.digest ? <p>Reference: {error.digest}</p> : null}
        <button onClick={reset}>Try again</button>
      </body>
    </html>
  );
}
