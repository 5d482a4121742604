import { z } from "zod";
import { rowIdSchema } from "../ids/row-id";
import { bodyIdSchema } from "./body";
import { campaignIdSchema } from "./campaign";
import { isoDateSchema, optionalLine } from "./fields";

/** A next action on a resolution (private: signed-in members only). */
export const taskIdSchema = rowIdSchema;

export const addTaskInputSchema = z.object({
  campaignId: campaignIdSchema,
  bodyId: bodyIdSchema,
  title: z.string().trim().min(1, "a next action needs a title").max(300),
  owner: optionalLine(120).optional(),
  dueOn: isoDateSchema.nullable().optional(),
});
export type AddTaskInput = z.input<typeof addTaskInputSchema>;

export const updateTaskInputSchema = z.object({
  taskId: taskIdSchema,
  changes: z
    .object({
      title: z.string().trim().min(1, "a next action needs a title").max(300),
      owner: optionalLine(120),
      dueOn: isoDateSchema.nullable(),
    })
    .partial()
    // An empty change would be an UPDATE with nothing to set: a SQL syntax error, not a 400.
    .refine((changes) => Object.values(changes).some((value) => value !== undefined), "say what to change: title, owner or dueOn"),
});

export interface Task {
  id: number;
  campaignId: number;
  bodyId: number;
  bodyName: string;
  title: string;
  owner: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** Open next actions past their due date, and those due in the coming week (today included). */
export interface TaskAgenda {
  today: string;
  overdue: Task[];
  dueThisWeek: Task[];
}
