import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// Calls server actions and route handlers of the real production server the way a hostile client would: any
// arguments, encoded by React's own reply encoder (what the browser uses), with any session or none.

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge.js") as {
  encodeReply(value: unknown): Promise<string | FormData>;
};

export interface ServerActionRef {
  id: string;
  /** A page that serves the action: the POST goes there, as the browser's would. */
  pagePath: string;
}

/** Every server action of the build, by exported name, from Next's server-reference manifest. */
export function serverActions(): Map<string, ServerActionRef> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  const out = new Map<string, ServerActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const page = Object.keys(entry.workers)
      .map(
        (w) =>
          w
            .replace(/^app/, "")
            .replace(/\/\([^)]*\)/g, "")
            .replace(/\/page$/, "") || "/",
      )
      .find((p) => !p.includes("["));
    if (entry.exportedName && page) out.set(entry.exportedName, { id, pagePath: page });
  }
  return out;
}

export type AnswerKind =
  "field-error" | "refusal" | "redirect" | "accepted" | "server-error" | "stack-trace" | "unrecognised";
export interface Answer {
  kind: AnswerKind;
  status: number;
  code?: string;
  excerpt: string;
  /** What was sent, abridged, to reproduce a failure. */
  sent?: string;
}

// What a leaked stack trace or internal path looks like in a response body.
const STACK = /\n\s+at [^\n]+:\d+:\d+|node_modules\/|webpack-internal:|\/work\/|\.tsx?:\d+:\d+/;

export interface Caller {
  baseUrl: string;
  cookie: string;
  /** A client address per request (the e2e server trusts one proxy hop), so fuzzing never throttles the real tests' 127.0.0.1. */
  clientIp: string;
}

export async function callAction(action: ServerActionRef, args: unknown[], as: Caller): Promise<Answer> {
  const body = await encodeReply(plain(args));
  const headers: Record<string, string> = {
    "Next-Action": action.id,
    Origin: as.baseUrl,
    Accept: "text/x-component",
    "X-Forwarded-For": as.clientIp,
  };
  if (as.cookie) headers.Cookie = as.cookie;
  if (typeof body === "string") headers["Content-Type"] = "text/plain;charset=UTF-8";
  const res = await fetch(`${as.baseUrl}${action.pagePath}`, { method: "POST", headers, body, redirect: "manual" });
  return { ...classifyAction(res, await res.text()), sent: describe(args) };
}

function describe(value: unknown): string {
  const seen = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "bigint"
      ? `${v}n`
      : v instanceof FormData
        ? Object.fromEntries([...v.entries()].map(([k, x]) => [k, typeof x === "string" ? x : "<file>"]))
        : v,
  );
  return (seen ?? String(value)).slice(0, 400);
}

/** Sent to the sign-in page (by the proxy, or by Auth.js with ?error=): the request was refused. */
function isSignInRefusal(location: string): boolean {
  const url = new URL(location, "http://localhost");
  return url.pathname === "/sign-in" && (location.startsWith("/sign-in") || url.searchParams.has("error"));
}

function classifyAction(res: Response, text: string): Answer {
  const excerpt = text.slice(0, 600);
  if (res.status >= 500) return { kind: "server-error", status: res.status, excerpt };
  if (STACK.test(text)) return { kind: "stack-trace", status: res.status, excerpt };
  // The proxy sends a request without a session cookie to the sign-in page before any action runs: a refusal.
  if (res.status >= 300 && res.status < 400 && isSignInRefusal(res.headers.get("location") ?? ""))
    return { kind: "refusal", status: res.status, code: "SignInFirst", excerpt: res.headers.get("location") ?? "" };
  if (res.headers.get("x-action-redirect") || (res.status >= 300 && res.status < 400))
    return {
      kind: "redirect",
      status: res.status,
      excerpt: res.headers.get("x-action-redirect") ?? res.headers.get("location") ?? "",
    };
  if (/"ok":false/.test(text)) {
    const code = /"code":"([^"]+)"/.exec(text)?.[1];
    const fieldError = code === "InvalidInput" || /"fieldErrors":\{"/.test(text);
    return { kind: fieldError ? "field-error" : "refusal", status: res.status, code, excerpt };
  }
  if (/"ok":true/.test(text)) return { kind: "accepted", status: res.status, excerpt };
  return { kind: "unrecognised", status: res.status, excerpt };
}

export type RouteInit = Omit<RequestInit, "headers"> & { headers?: Record<string, string> };

/** fast-check builds records without a prototype, which React's encoder refuses; the browser would send the same JSON. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== "object" || value instanceof FormData || value instanceof Blob) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

export async function callRoute(url: string, init: RouteInit, as: Caller): Promise<Answer> {
  const headers: Record<string, string> = { "X-Forwarded-For": as.clientIp, ...(init.headers ?? {}) };
  if (as.cookie) headers.Cookie = [as.cookie, headers.Cookie].filter(Boolean).join("; ");
  const res = await fetch(`${as.baseUrl}${url}`, { ...init, headers, redirect: "manual" });
  return {
    ...classifyRoute(res, await res.text()),
    sent: `${init.method ?? "GET"} ${url.slice(0, 300)} ${typeof init.body === "string" ? init.body.slice(0, 200) : ""}`,
  };
}

function classifyRoute(res: Response, text: string): Answer {
  const excerpt = text.slice(0, 600);
  if (res.status >= 500) return { kind: "server-error", status: res.status, excerpt };
  if (STACK.test(text)) return { kind: "stack-trace", status: res.status, excerpt };
  const location = res.headers.get("location") ?? "";
  if (res.status >= 300 && res.status < 400)
    return {
      kind: isSignInRefusal(location) ? "refusal" : "redirect",
      status: res.status,
      code: isSignInRefusal(location) ? "SignInFirst" : undefined,
      excerpt: location,
    };
  const code = /"code":"([^"]+)"/.exec(text)?.[1];
  if (res.status === 400) return { kind: "field-error", status: 400, code, excerpt };
  if (res.status >= 400) return { kind: "refusal", status: res.status, code, excerpt };
  return { kind: "accepted", status: res.status, code, excerpt };
}
