import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "danger" | "secondary" | "ghost";
export type ButtonSize = "sm" | "md";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  danger: "bg-danger-600 text-white hover:bg-danger-700 disabled:bg-danger-600/60",
  secondary:
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700",
  ghost: "text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800",
};
const SIZES: Record<ButtonSize, string> = {
  sm: "px-2.5 py-1 text-sm",
  md: "px-4 py-2 text-sm",
};

/** The one button style. Class names are composed here so every page's focus ring and colours match. */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = ""): string {
  return `inline-flex items-center justify-center gap-1.5 rounded-md font-medium disabled:cursor-not-allowed ${VARIANTS[variant]} ${SIZES[size]} ${extra}`.trim();
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Shows a busy label and sets aria-busy; the button stays focusable (aria-disabled, not disabled) but does
   * nothing, so keyboard focus is not thrown to the page when a dialog hands it back to a busy button.
   */
  busy?: boolean;
  busyLabel?: string;
}

export function Button({
  variant = "primary",
  size = "md",
  busy,
  busyLabel,
  className = "",
  type = "button",
  children,
  disabled,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClasses(variant, size, `${busy ? "cursor-wait opacity-70" : ""} ${className}`)}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      onClick={(e) => {
        // Also stops a busy submit button from submitting its form (a click, or Enter in a field).
        if (busy) return e.preventDefault();
        onClick?.(e);
      }}
      {...rest}
    >
      {busy ? (
        <>
          <span
            aria-hidden
            className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent"
          />
          {busyLabel ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}
