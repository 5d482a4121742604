import type { Insertable, Updateable } from "kysely";
import type { Db } from "../connect";
import type { BillTable, LegislatorStepEventTable } from "../schema";

const billColumns = ["id", "campaignId", "name", "jurisdiction", "chamber", "position"] as const;

/** A campaign's bills in order (the first is the default). */
export function findBills(db: Db, campaignId: number) {
  return db.selectFrom("bill").select(billColumns).where("campaignId", "=", campaignId).orderBy("position").orderBy("id").execute();
}

export function findBillById(db: Db, id: number) {
  return db.selectFrom("bill").select(billColumns).where("id", "=", id).executeTakeFirst();
}

export async function insertBill(db: Db, row: Insertable<BillTable>): Promise<number> {
  return (await db.insertInto("bill").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

export async function updateBillRow(db: Db, id: number, changes: Updateable<BillTable>): Promise<void> {
  await db.updateTable("bill").set(changes).where("id", "=", id).execute();
}

export async function deleteBillRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom("bill").where("id", "=", id).execute();
}

/** What is recorded on a bill: ladder changes and meetings that moved someone on it. */
export async function countBillRecords(db: Db, billId: number): Promise<{ steps: number; meetings: number }> {
  const count = async (table: "legislatorStepEvent" | "meeting") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("billId", "=", billId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { steps: await count("legislatorStepEvent"), meetings: await count("meeting") };
}

/** Current steps on every bill of a campaign. */
export function findSteps(db: Db, campaignId: number) {
  return db
    .selectFrom("legislatorStep")
    .innerJoin("bill", "bill.id", "legislatorStep.billId")
    .select(["legislatorStep.billId", "legislatorStep.legislatorId", "legislatorStep.step", "legislatorStep.updatedAt"])
    .where("bill.campaignId", "=", campaignId)
    .execute();
}

export function findStep(db: Db, billId: number, legislatorId: number) {
  return db.selectFrom("legislatorStep").select(["step", "updatedAt"]).where("billId", "=", billId).where("legislatorId", "=", legislatorId).executeTakeFirst();
}

/** How many legislators stand at each step, over the campaign's bills (a used step cannot be removed). */
export function countStepsInUse(db: Db, campaignId: number) {
  return db
    .selectFrom("legislatorStep")
    .innerJoin("bill", "bill.id", "legislatorStep.billId")
    .select((eb) => ["legislatorStep.step", eb.fn.countAll<number>().as("count")])
    .where("bill.campaignId", "=", campaignId)
    .groupBy("legislatorStep.step")
    .execute();
}

/** Set the current step (insert or replace) and append the event, in the caller's transaction. */
export async function writeStep(db: Db, event: Insertable<LegislatorStepEventTable>, exists: boolean): Promise<number> {
  if (exists) {
    await db
      .updateTable("legislatorStep")
      .set({ step: event.toStep, updatedAt: event.occurredAt })
      .where("billId", "=", event.billId)
      .where("legislatorId", "=", event.legislatorId)
      .execute();
  } else {
    await db.insertInto("legislatorStep").values({ billId: event.billId, legislatorId: event.legislatorId, step: event.toStep, updatedAt: event.occurredAt }).execute();
  }
  return (await db.insertInto("legislatorStepEvent").values(event).returning("id").executeTakeFirstOrThrow()).id;
}

/** The ladder history of one legislator on a campaign's bills, oldest first (actor and notes: member-only). */
export function findStepEvents(db: Db, campaignId: number, legislatorId: number) {
  return db
    .selectFrom("legislatorStepEvent")
    .innerJoin("bill", "bill.id", "legislatorStepEvent.billId")
    .select([
      "legislatorStepEvent.id",
      "legislatorStepEvent.billId",
      "legislatorStepEvent.fromStep",
      "legislatorStepEvent.toStep",
      "legislatorStepEvent.source",
      "legislatorStepEvent.link",
      "legislatorStepEvent.actor",
      "legislatorStepEvent.note",
      "legislatorStepEvent.occurredAt",
    ])
    .where("bill.campaignId", "=", campaignId)
    .where("legislatorStepEvent.legislatorId", "=", legislatorId)
    .orderBy("legislatorStepEvent.id")
    .execute();
}

export function findLastStepEvent(db: Db, billId: number, legislatorId: number) {
  return db
    .selectFrom("legislatorStepEvent")
    .select(["id", "fromStep", "toStep"])
    .where("billId", "=", billId)
    .where("legislatorId", "=", legislatorId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function findLegislatorById(db: Db, id: number) {
  return db.selectFrom("legislator").select(["id", "name", "party", "email", "ocdPersonId"]).where("id", "=", id).executeTakeFirst();
}
