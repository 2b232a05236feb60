/**
 * The reason a person gives for a Stop, a correction or a bulk job: one rule for the forms (checked as they type)
 * and the server (checked again, since the form can be bypassed). It goes into every audit record.
 */
export const REASON_MIN = 3;
export const REASON_MAX = 500;
