export { Button, buttonClasses, type ButtonProps, type ButtonVariant } from "./button";
export { Dialog, type DialogProps } from "./dialog";
export { FieldShell, TextField, TextAreaField, SelectField, inputClasses } from "./field";
export { StatusBadge, type BadgeTone } from "./status-badge";
export { CopyButton, RequestIdLine } from "./copy-button";
export { Pager } from "./pager";
export { LiveErrorPanel, type LiveErrorPanelProps } from "./live-error-panel";
export { AccessDenied } from "./access-denied";
