"use client";

import { useTranslations } from "next-intl";
import { inputClasses } from "@/components/ui";

export interface StreamsToolbarProps {
  search: string;
  onSearchChange: (value: string) => void;
  domain: string;
  app: string;
  domains: string[];
  apps: string[];
  onDomainChange: (value: string) => void;
  onAppChange: (value: string) => void;
}

/** Search and filters. The search box is controlled by the caller, which debounces what it sends. */
export function StreamsToolbar(p: StreamsToolbarProps) {
  const t = useTranslations("streams.toolbar");
  // A filter value from a pasted link may name a domain no longer online: keep it selectable so the
  // control shows what is applied.
  const domains = p.domain && !p.domains.includes(p.domain) ? [p.domain, ...p.domains] : p.domains;
  const apps = p.app && !p.apps.includes(p.app) ? [p.app, ...p.apps] : p.apps;
  return (
    <div role="search" className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <div>
        <label htmlFor="stream-search" className="mb-1 block text-sm font-medium">
          {t("search")}
        </label>
        <input
          id="stream-search"
          type="search"
          value={p.search}
          onChange={(e) => p.onSearchChange(e.target.value)}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          className={inputClasses}
        />
      </div>
      <div>
        <label htmlFor="stream-domain" className="mb-1 block text-sm font-medium">
          {t("domain")}
        </label>
        <select
          id="stream-domain"
          value={p.domain}
          onChange={(e) => p.onDomainChange(e.target.value)}
          className={inputClasses}
        >
          <option value="">{t("allDomains")}</option>
          {domains.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="stream-app" className="mb-1 block text-sm font-medium">
          {t("app")}
        </label>
        <select id="stream-app" value={p.app} onChange={(e) => p.onAppChange(e.target.value)} className={inputClasses}>
          <option value="">{t("allApps")}</option>
          {apps.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
