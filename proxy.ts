import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

// A convenience, not a gate: anonymous visitors of console pages go straight to the sign-in page. The real
// checks are currentActor() in the console layout and requirePermission() in every action and route handler.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = "";
  // A request for `//evil.example/x` has that as its path: only a safe same-site path is carried over.
  const target = safeCallbackUrl(request.nextUrl.pathname + request.nextUrl.search);
  if (target !== "/") url.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401/403 themselves, and the sign-in page and assets must stay reachable.
  matcher: ["/((?!api/|_next/|sign-in|favicon\\.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
