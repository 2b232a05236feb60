import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { currentActor } from "@/lib/auth/require";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/demo-accounts";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { DemoBanner } from "@/components/shell/demo-banner";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction, signInWithSsoAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await currentActor()) redirect(callbackUrl);
  const config = getConfig();
  const initialError = signInErrorMessage(first(params.error), first(params.code));

  return (
    <>
      {config.demoMode ? <DemoBanner /> : null}
      <main className="flex min-h-[80vh] items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <p className="text-center text-2xl font-bold tracking-tight text-brand-700 dark:text-brand-100">RecDesk</p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <h1 className="text-lg font-semibold">Sign in</h1>
            <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-300">Tencent Cloud Live recording console</p>
            <SignInForm
              action={signInAction}
              callbackUrl={callbackUrl}
              initialError={initialError}
              demoAccounts={
                config.demoMode ? DEMO_ACCOUNTS.map(({ email, name, role }) => ({ email, name, role })) : undefined
              }
              demoPassword={config.demoMode ? DEMO_PASSWORD : undefined}
            />
            {config.oidc ? (
              <form action={signInWithSsoAction} className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button
                  type="submit"
                  className="w-full rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
                >
                  Sign in with single sign-on
                </button>
              </form>
            ) : null}
          </div>
        </div>
      </main>
    </>
  );
}
