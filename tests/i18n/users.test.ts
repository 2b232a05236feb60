import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { UsersTable } from "@/components/users/users-table";
import { AddUserForm } from "@/components/users/add-user-form";
import { ROLE_LABELS, ROLE_NAMES, type UserView } from "@/lib/auth/definitions";
import type { ActionResult } from "@/lib/action-result";
import { renderIn, textOf, translator } from "./ui-render";

const noop = async (): Promise<ActionResult> => ({ ok: true });
const users: UserView[] = [
  {
    id: "u1",
    email: "new.engineer@example.com",
    name: "New Engineer",
    role: "oncall",
    disabled: false,
    sso: false,
    hasPassword: true,
    createdAt: "2026-01-01T00:00:00Z",
  },
  {
    id: "u2",
    email: "waiting@example.com",
    name: "Waiting",
    role: null,
    disabled: false,
    sso: true,
    hasPassword: false,
    createdAt: "2026-01-01T00:00:00Z",
  },
];
const table = () =>
  createElement(UsersTable, {
    users,
    roles: [...ROLE_NAMES],
    currentUserId: "u2",
    minPasswordLength: 12,
    actions: { changeRole: noop, setDisabled: noop, resetPassword: noop },
  });

describe("the Users page in both languages", () => {
  it("keeps every English label and accessible name the journeys select by", async () => {
    const html = await renderIn("en", table());
    const text = textOf(html);
    for (const word of ["User", "Status", "Role", "Access", "Password", "Active", "Waiting for a role", "(you)"])
      expect(text).toContain(word);
    expect(text).toContain("Role for new.engineer@example.com");
    expect(text).toContain("New password for new.engineer@example.com");
    expect(html).toContain('aria-label="Save role for new.engineer@example.com"');
    expect(html).toContain('aria-label="Disable new.engineer@example.com"');
    expect(html).toContain('aria-label="Set new password for new.engineer@example.com"');
    expect(html).toContain('placeholder="New password (12+ characters)"');
    expect(html).toContain('<option value="oncall">oncall</option>');
  });

  it("shows roles by their Chinese names while the stored value stays English", async () => {
    const html = await renderIn("zh-CN", table());
    const text = textOf(html);
    expect(html).toContain('<option value="oncall">值班工程师</option>');
    expect(html).toContain('<option value="admin">管理员</option>');
    expect(text).toContain("无角色");
    expect(text).toContain("等待分配角色");
    expect(text).toContain("（您）");
    expect(html).toContain('aria-label="禁用 new.engineer@example.com"');
    expect(html).toContain('placeholder="新密码（至少 12 个字符）"');
    expect(text).not.toMatch(/Active|Disable|Reset password|Save/);
  });

  it("the add-user form and the role descriptions read as before in English, and in Chinese", async () => {
    const form = (locale: "en" | "zh-CN") =>
      renderIn(
        locale,
        createElement(AddUserForm, {
          action: noop,
          roles: ROLE_NAMES.map((r) => ({ value: r, label: r })),
          minPasswordLength: 12,
        }),
      );
    const en = textOf(await form("en"));
    for (const word of ["Email", "Name", "Role", "Initial password", "At least 12 characters", "Add user"])
      expect(en).toContain(word);
    const zh = textOf(await form("zh-CN"));
    for (const word of ["邮箱", "初始密码", "至少 12 个字符", "添加用户"]) expect(zh).toContain(word);

    const t = await translator("en", "users");
    for (const role of ROLE_NAMES) expect(t(`roleDescriptions.${role}`)).toBe(ROLE_LABELS[role]);
    expect(t("count", { count: 3 })).toBe("3 users");
    expect((await translator("zh-CN", "users"))("count", { count: 3 })).toBe("3 个用户");
  });
});
