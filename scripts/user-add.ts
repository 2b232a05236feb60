// npm run user:add -- --email E --role R [--name N]
// Creates a RecDesk user (outside demo mode there are no default accounts). The password is prompted for on a
// terminal (twice, not echoed), or read from the first line of stdin: `printf '%s\n' "$PW" | npm run user:add ...`.
// Uses the same database as the server: DATABASE_URL, else the embedded one under RECDESK_DATA_DIR (the server
// must be stopped first, since only one process may open an embedded database).
import os from "node:os";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { loadAuditKey, resolveAuditKey } from "@/lib/audit/key";
import { ensureKeyedChain } from "@/lib/audit/write";
import { createUser, EmailSchema, NameSchema, PasswordSchema, RoleSchema, UserExistsError } from "@/lib/auth/users";
import { parseDatabaseConfig } from "@/lib/config-schema";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";

const USAGE = "Usage: npm run user:add -- --email <email> --role <support|oncall|manager|admin> [--name <name>]";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Print the question, never the keystrokes.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden("Password: ");
    const second = await promptHidden("Repeat password: ");
    if (first !== second) fail("The two passwords differ; nothing was created.");
    return first;
  }
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  return input.split(/\r?\n/)[0] ?? "";
}

async function main() {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          email: { type: "string" },
          role: { type: "string" },
          name: { type: "string" },
          help: { type: "boolean" },
        },
      });
    } catch (err) {
      return fail(`${(err as Error).message}\n${USAGE}`);
    }
  })();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const args = z
    .object({ email: EmailSchema, role: RoleSchema, name: NameSchema.optional() })
    .safeParse({ email: values.email ?? "", role: values.role ?? "", name: values.name });
  if (!args.success) {
    const problems = args.error.issues.map((i) => `  --${String(i.path[0])}: ${i.message}`).join("\n");
    fail(`${problems}\n${USAGE}`);
  }
  const password = PasswordSchema.safeParse(await readPassword());
  if (!password.success) fail(`Password: ${password.error.issues[0]!.message}; nothing was created.`);

  // Only the database variables matter here; the rest of the server's configuration is not needed.
  const config = parseDatabaseConfig(process.env);
  // The server's audit key, or the demo key already in the data directory: the user.create record joins its
  // chain. Without either, ensureKeyedChain below refuses a keyed chain before the user exists.
  loadAuditKey(resolveAuditKey({ ...config, demoMode: true }, { create: false }));
  const open = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { max: 1, migrationUrl: config.databaseMigrationUrl })
    : await openPglite(config.dataDir);
  try {
    // Before the user exists: a missing or wrong key must not leave a user without its audit record.
    await ensureKeyedChain(open.db);
    const { email, role } = args.data;
    const user = await createUser(open.db, {
      email,
      role,
      name: args.data.name ?? email.split("@")[0]!,
      password: password.data,
    });
    await recordAudit(
      open.db,
      {
        actor: { email: `cli:${os.userInfo().username}` },
        action: "user.create",
        details: { operation: "create", via: "user:add", targetUserId: user.id, targetEmail: email, role },
      },
      { outcome: "ok" },
    );
    console.log(`Created ${email} with role ${role} in ${open.location}.`);
  } catch (err) {
    if (!(err instanceof UserExistsError)) throw err;
    console.error(`${err.message}; reset its password on the Users page instead.`);
    process.exitCode = 1;
  } finally {
    await open.close();
  }
}

main().catch((err: unknown) => fail(`user:add failed: ${(err as Error).message}`, 1));
