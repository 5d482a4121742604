import { z } from "zod";
import { bodyIdSchema } from "../../../shared/model/body";
import { campaignIdSchema } from "../../../shared/model/campaign";
import { isoDateSchema } from "../../../shared/model/fields";
import { addTaskInputSchema, taskIdSchema, updateTaskInputSchema } from "../../../shared/model/task";
import type { Db } from "../../db/connect";
import { snapshotRow } from "../../db/repositories/audit-repository";
import { findBodyIdOfTask } from "../../db/repositories/body-repository";
import { addTask, isoDay, listTasks, removeTask, setTaskDone, taskAgenda, updateTask } from "../../domain/tasks";
import type { ChangeInput } from "../../domain/changes";
import { write, type AuditSpec } from "../../domain/write";
import { bodyEditorProcedure, inHubArea, memberProcedure, router } from "../trpc";

/** What a task write announces: its campaign and body (tasks are private: only members hear of them). */
const taskChanged = (task: { campaignId: number; bodyId: number }): ChangeInput => ({ campaignId: task.campaignId, kind: "task", ids: [task.bodyId] });

type TaskResult = { id: number; campaignId: number; bodyId: number; title?: string };

const taskAudit = (taskId: number | null, summary: string): AuditSpec<TaskResult> => ({
  subjectKind: "task",
  ...(taskId === null ? {} : { load: (trx) => snapshotRow(trx, "task", { id: taskId }) }),
  describe: (task) => ({ subjectId: task.id, campaignId: task.campaignId, summary: task.title ? `${summary}: ${task.title}` : summary }),
});

const taskBody = inHubArea((db: Db, input: { taskId: number }) => findBodyIdOfTask(db, input.taskId));

/** Next actions: private, so every procedure here is for signed-in members or higher. */
export const taskRouter = router({
  list: memberProcedure.input(z.object({ campaignId: campaignIdSchema, bodyId: bodyIdSchema })).query(({ ctx, input }) => listTasks(ctx.db, input)),

  /** Open next actions across the campaign: overdue, and due in the coming week. */
  overdue: memberProcedure
    .input(z.object({ campaignId: campaignIdSchema, today: isoDateSchema.optional() }))
    .query(({ ctx, input }) => taskAgenda(ctx.db, { campaignId: input.campaignId, today: input.today ?? isoDay(new Date()) })),

  add: bodyEditorProcedure
    .input(addTaskInputSchema)
    .use(inHubArea((_db: Db, input: { bodyId: number }) => input.bodyId))
    .mutation(({ ctx, input }) => write(ctx, (trx) => addTask(trx, input, ctx.actor), taskChanged, taskAudit(null, "Next action added"))),

  update: bodyEditorProcedure
    .input(updateTaskInputSchema)
    .use(taskBody)
    .mutation(({ ctx, input }) => write(ctx, (trx) => updateTask(trx, input), taskChanged, taskAudit(input.taskId, "Next action edited"))),

  complete: bodyEditorProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .use(taskBody)
    .mutation(({ ctx, input }) => write(ctx, (trx) => setTaskDone(trx, { taskId: input.taskId, done: true }), taskChanged, taskAudit(input.taskId, "Next action done"))),

  reopen: bodyEditorProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .use(taskBody)
    .mutation(({ ctx, input }) => write(ctx, (trx) => setTaskDone(trx, { taskId: input.taskId, done: false }), taskChanged, taskAudit(input.taskId, "Next action reopened"))),

  remove: bodyEditorProcedure
    .input(z.object({ taskId: taskIdSchema }))
    .use(taskBody)
    .mutation(({ ctx, input }) =>
      write(
        ctx,
        (trx) => removeTask(trx, input.taskId),
        () => ({ campaignId: null, kind: "task" }),
        {
          subjectKind: "task",
          load: (trx) => snapshotRow(trx, "task", { id: input.taskId }),
          describe: () => ({ subjectId: input.taskId, summary: "Next action removed", after: null }),
        },
      ),
    ),
});
