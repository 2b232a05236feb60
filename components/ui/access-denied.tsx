/** What every console page shows a person its permission check refused: the page title, the code and why (the server actions refuse too). */
export function AccessDenied({ title, code, message }: { title: string; code: string; message: string }) {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div
        role="alert"
        data-testid="access-denied"
        className="max-w-2xl rounded-md border border-warn-300 bg-warn-50 p-3 text-sm dark:border-warn-700 dark:bg-warn-700/20"
      >
        <code className="font-mono font-semibold">{code}</code> — {message}
      </div>
    </div>
  );
}
