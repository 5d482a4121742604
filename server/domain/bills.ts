import {
  addBillInputSchema,
  moveBillInputSchema,
  updateBillInputSchema,
  type AddBillInput,
  type Bill,
  type BillJurisdiction,
  type MoveBillInput,
  type UpdateBillInput,
} from "../../shared/model/ladder";
import type { Db } from "../db/connect";
import { countBillRecords, deleteBillRow, findBillById, findBills, insertBill, updateBillRow } from "../db/repositories/ladder-repository";
import { findLobbyDays } from "../db/repositories/lobby-day-repository";
import { FieldError, InputError, NotFoundError } from "../errors";
import { getCampaign } from "./campaigns";

type BillRow = Awaited<ReturnType<typeof findBills>>[number];

const toBill = (row: BillRow): Bill => ({
  id: row.id,
  campaignId: row.campaignId,
  name: row.name,
  jurisdiction: row.jurisdiction as BillJurisdiction,
  chamber: row.chamber as Bill["chamber"],
  position: row.position,
});

/** A campaign's bills, the default (first) one first. */
export async function listBills(db: Db, campaignId: number): Promise<Bill[]> {
  await getCampaign(db, campaignId);
  return (await findBills(db, campaignId)).map(toBill);
}

/** A bill of the campaign by id; without one, the campaign's first (default) bill. */
export async function getBill(db: Db, campaignId: number, billId?: number): Promise<Bill> {
  const bills = await listBills(db, campaignId);
  const bill = billId === undefined ? bills[0] : bills.find((candidate) => candidate.id === billId);
  if (!bill) throw new NotFoundError(billId === undefined ? `Campaign ${campaignId} has no bill: add one in the campaign settings` : `No bill with id ${billId} in this campaign`);
  return bill;
}

/** For `--bill "H.1239"`: by name (spaces and case ignored); without a name, the default bill. */
export async function resolveBill(db: Db, campaignId: number, name: string | undefined): Promise<Bill> {
  if (name === undefined) return getBill(db, campaignId);
  const bills = await listBills(db, campaignId);
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, "");
  const bill = bills.find((candidate) => key(candidate.name) === key(name));
  if (!bill)
    throw new FieldError(
      "bill",
      `{field} "${name}" is not a bill of this campaign (${bills.map((candidate) => `"${candidate.name}"`).join(", ")}): add it in the campaign settings`,
    );
  return bill;
}

export async function addBill(db: Db, rawInput: AddBillInput, now = new Date()): Promise<Bill> {
  const input = addBillInputSchema.parse(rawInput);
  const bills = await listBills(db, input.campaignId);
  if (bills.some((bill) => bill.name.toLowerCase() === input.name.toLowerCase())) throw new InputError(`The campaign already has a bill named "${input.name}"`);
  const id = await insertBill(db, {
    campaignId: input.campaignId,
    name: input.name,
    jurisdiction: input.jurisdiction,
    chamber: input.chamber ?? null,
    position: Math.max(-1, ...bills.map((bill) => bill.position)) + 1,
    createdAt: now.toISOString(),
  });
  return getBill(db, input.campaignId, id);
}

export async function updateBill(db: Db, rawInput: UpdateBillInput): Promise<Bill> {
  const input = updateBillInputSchema.parse(rawInput);
  const row = await findBillById(db, input.billId);
  if (!row) throw new NotFoundError(`No bill with id ${input.billId}`);
  if (input.name !== undefined && input.name.toLowerCase() !== row.name.toLowerCase()) {
    const bills = await listBills(db, row.campaignId);
    if (bills.some((bill) => bill.name.toLowerCase() === input.name!.toLowerCase())) throw new InputError(`The campaign already has a bill named "${input.name}"`);
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.jurisdiction !== undefined ? { jurisdiction: input.jurisdiction } : {}),
    ...(input.chamber !== undefined ? { chamber: input.chamber } : {}),
  };
  if (Object.keys(changes).length) await updateBillRow(db, row.id, changes);
  return getBill(db, row.campaignId, row.id);
}

async function requireBill(db: Db, billId: number) {
  const row = await findBillById(db, billId);
  if (!row) throw new NotFoundError(`No bill with id ${billId}`);
  return row;
}

/** Move a bill one place up or down among its campaign's bills (the first is the default); returns them in their new order. */
export async function moveBill(db: Db, rawInput: MoveBillInput): Promise<Bill[]> {
  const { billId, by } = moveBillInputSchema.parse(rawInput);
  const row = await requireBill(db, billId);
  const bills = await listBills(db, row.campaignId);
  const from = bills.findIndex((bill) => bill.id === billId);
  const to = from + by;
  if (to < 0 || to >= bills.length) throw new InputError(`${row.name} is already ${by < 0 ? "first" : "last"}`);
  const order = [...bills];
  [order[from], order[to]] = [order[to]!, order[from]!];
  for (const [position, bill] of order.entries()) if (bill.position !== position) await updateBillRow(db, bill.id, { position });
  return listBills(db, row.campaignId);
}

/**
 * Remove a bill added by mistake. Only one with nothing recorded on it: a ladder change, a
 * meeting or a lobby day on it keeps it (rename it instead), and a campaign keeps one bill.
 */
export async function removeBill(db: Db, { billId }: { billId: number }): Promise<Bill> {
  const row = await requireBill(db, billId);
  const bills = await listBills(db, row.campaignId);
  if (bills.length === 1) throw new InputError(`${row.name} is the campaign's only bill; add another before removing it`);
  const records = await countBillRecords(db, billId);
  const lobbyDays = (await findLobbyDays(db, row.campaignId)).filter((day) => (JSON.parse(day.billIds) as number[]).includes(billId)).length;
  const kept = [
    records.steps ? `${records.steps} ladder ${records.steps === 1 ? "change" : "changes"}` : null,
    records.meetings ? `${records.meetings} ${records.meetings === 1 ? "meeting" : "meetings"}` : null,
    lobbyDays ? `${lobbyDays} lobby ${lobbyDays === 1 ? "day" : "days"}` : null,
  ].filter(Boolean);
  if (kept.length) throw new InputError(`${row.name} has ${kept.join(", ")} recorded on it, so it stays; rename it instead`);
  const removed = bills.find((bill) => bill.id === billId)!;
  await deleteBillRow(db, billId);
  return removed;
}
