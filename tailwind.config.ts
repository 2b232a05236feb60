import type { Config } from "tailwindcss";

// Theme tokens live here (loaded from app/globals.css with @config) so every page speaks one palette.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef6ff", 100: "#d9eaff", 500: "#2563eb", 600: "#1d4ed8", 700: "#1e40af", 900: "#172554" },
        ok: { 50: "#ecfdf5", 600: "#047857", 700: "#065f46", 300: "#6ee7b7" },
        danger: { 50: "#fef2f2", 600: "#b91c1c", 700: "#991b1b", 300: "#fca5a5" },
        warn: { 50: "#fffbeb", 600: "#b45309", 700: "#92400e", 300: "#fcd34d" },
      },
      fontFamily: {
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
    },
  },
};
export default config;
