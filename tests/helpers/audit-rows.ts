import { asc, inArray } from "drizzle-orm";
import { auditRecords, type AuditRecord } from "@/lib/db/schema/audit";
import type { Database } from "@/lib/db/types";

/** The stored rows themselves, by id: what a test inspects after the code under test has written them. */
export async function getAuditRecords(db: Database, ids: number[]): Promise<AuditRecord[]> {
  if (ids.length === 0) return [];
  return db.select().from(auditRecords).where(inArray(auditRecords.id, ids)).orderBy(asc(auditRecords.id));
}
