import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { isoDateSchema } from "../../../shared/model/fields";
import { addTaskInputSchema, taskIdSchema, updateTaskInputSchema } from "../../../shared/model/task";
import { addTask, isoDay, listTasks, removeTask, setTaskDone, taskAgenda, updateTask } from "../../domain/tasks";
import type { ChangeInput } from "../../domain/changes";
import { commitAndPublish } from "../commit";
import { memberProcedure, organizerProcedure, router } from "../trpc";

/** What a task write announces: its campaign and body (tasks are private: only members hear of them). */
const taskChanged = (task: { campaignId: number; bodyId: number }): ChangeInput => ({ campaignId: task.campaignId, kind: "task", ids: [task.bodyId] });

/** Next actions: private, so every procedure here is for signed-in members or higher. */
export const taskRouter = router({
  list: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema }))
    .query(({ ctx, input }) => listTasks(ctx.db, input)),

  /** Open next actions across the campaign: overdue, and due in the coming week. */
  overdue: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, today: isoDateSchema.optional() }))
    .query(({ ctx, input }) => taskAgenda(ctx.db, { campaignId: input.campaignId, today: input.today ?? isoDay(new Date()) })),

  add: organizerProcedure
    .input(addTaskInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => addTask(trx, input, ctx.actor), taskChanged)),

  update: organizerProcedure
    .input(updateTaskInputSchema)
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => updateTask(trx, input), taskChanged)),

  complete: organizerProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => setTaskDone(trx, { taskId: input.taskId, done: true }), taskChanged)),

  reopen: organizerProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => setTaskDone(trx, { taskId: input.taskId, done: false }), taskChanged)),

  remove: organizerProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .mutation(({ ctx, input }) => commitAndPublish(ctx, (trx) => removeTask(trx, input.taskId), () => ({ campaignId: null, kind: "task" }))),
});
