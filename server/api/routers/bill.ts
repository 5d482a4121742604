import { z } from "zod";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { addBillInputSchema, billIdSchema, billSchema, moveBillInputSchema, updateBillInputSchema } from "../../../shared/model/ladder";
import { addBill, listBills, moveBill, removeBill, updateBill } from "../../domain/bills";
import { write } from "../../domain/write";
import { adminProcedure, publicProcedure, router } from "../trpc";

export const billRouter = router({
  /** The campaign's bills, the default (first) one first: public, like the campaign's bill. */
  list: publicProcedure
    .input(z.object({ campaignId: campaignIdSchema }))
    .output(z.array(billSchema))
    .query(({ ctx, input }) => listBills(ctx.db, input.campaignId)),

  /** Another bill of the campaign (the state bill in the other chamber, the federal bill…). */
  add: adminProcedure
    .input(addBillInputSchema)
    .output(billSchema)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => addBill(trx, input),
        (bill) => ({ campaignId: bill.campaignId, kind: "campaign", ids: [bill.campaignId] }),
        {
          subjectKind: "campaign",
          describe: (bill) => ({ subjectId: bill.campaignId, campaignId: bill.campaignId, summary: `Bill ${bill.name} added`, after: bill }),
        },
      ),
    ),

  /** Rename a bill or change its jurisdiction or chamber. */
  update: adminProcedure
    .input(updateBillInputSchema)
    .output(billSchema)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => updateBill(trx, input),
        (bill) => ({ campaignId: bill.campaignId, kind: "campaign", ids: [bill.campaignId] }),
        {
          subjectKind: "campaign",
          describe: (bill) => ({ subjectId: bill.campaignId, campaignId: bill.campaignId, summary: `Bill ${bill.name} saved`, after: bill }),
        },
      ),
    ),

  /** Move a bill up or down: the first is the default of cosponsor imports and the first column everywhere. */
  move: adminProcedure
    .input(moveBillInputSchema)
    .output(z.array(billSchema))
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => moveBill(trx, input),
        (bills) => ({ campaignId: bills[0]!.campaignId, kind: "campaign", ids: [bills[0]!.campaignId] }),
        {
          subjectKind: "campaign",
          describe: (bills) => ({
            subjectId: bills[0]!.campaignId,
            campaignId: bills[0]!.campaignId,
            summary: `Bills reordered: ${bills.map((bill) => bill.name).join(", ")}`,
            after: bills,
          }),
        },
      ),
    ),

  /** Remove a bill nothing is recorded on (no ladder change, meeting or lobby day). */
  remove: adminProcedure
    .input(z.object({ billId: billIdSchema }))
    .output(billSchema)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => removeBill(trx, input),
        (bill) => ({ campaignId: bill.campaignId, kind: "campaign", ids: [bill.campaignId] }),
        {
          subjectKind: "campaign",
          describe: (bill) => ({ subjectId: bill.campaignId, campaignId: bill.campaignId, summary: `Bill ${bill.name} removed`, before: bill }),
        },
      ),
    ),
});
