import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { currentActor } from "@/lib/auth/require";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/demo-accounts";
import { redirectSignInMessage } from "@/lib/auth/sign-in-errors";
import { DemoBanner } from "@/components/shell/demo-banner";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { setVisitorLocaleAction } from "../locale/actions";
import { signInAction, signInWithSsoAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

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
  const t = await getTranslations("signIn");
  const redirected = redirectSignInMessage(first(params.error), first(params.code));
  const initialError = redirected ? t(`errors.${redirected.key}`, redirected.values) : undefined;

  return (
    <>
      {config.demoMode ? <DemoBanner /> : null}
      <main className="flex min-h-[80vh] items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          {/* The visitor has no account yet: the choice is remembered in this browser's cookie only. */}
          <div className="mb-4 flex justify-end">
            <LocaleSwitch action={setVisitorLocaleAction} />
          </div>
          <p className="text-center text-2xl font-bold tracking-tight text-brand-700 dark:text-brand-100">RecDesk</p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <h1 className="text-lg font-semibold">{t("title")}</h1>
            <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-300">{t("subtitle")}</p>
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
                  {t("sso")}
                </button>
              </form>
            ) : null}
          </div>
        </div>
      </main>
    </>
  );
}
