export { Button, buttonClasses } from "./button";
export { TextField, SelectField, inputClasses } from "./field";
export { StatusBadge, type BadgeTone } from "./status-badge";
export { RequestIdLine } from "./copy-button";
export { LiveErrorPanel } from "./live-error-panel";
