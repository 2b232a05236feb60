export function DemoBanner() {
  return (
    <div
      role="status"
      className="bg-warn-50 px-4 py-2 text-center text-sm font-medium text-warn-700 dark:bg-warn-700 dark:text-warn-50"
    >
      Demo mode — local Live API simulator, no real recordings are affected
    </div>
  );
}
