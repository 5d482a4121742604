import { addTaskInputSchema, updateTaskInputSchema, type AddTaskInput, type Task, type TaskAgenda } from "../../shared/model/task";
import { initialStage } from "../../shared/model/stage";
import type { z } from "zod";
import type { Db } from "../db/connect";
import { findBodyById } from "../db/repositories/body-repository";
import { findResolution, findUpcomingResolutionDates, insertResolution } from "../db/repositories/resolution-repository";
import { deleteTask, findOpenTasksDueBy, findTaskById, findTasksOfResolution, insertTask, updateTask as updateTaskRow } from "../db/repositories/task-repository";
import { ConflictError, NotFoundError } from "../errors";
import type { Actor } from "./actor";
import { getCampaign } from "./campaigns";

/** Next actions: private to signed-in members. Dates are calendar dates, "YYYY-MM-DD". */

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

async function requireTask(db: Db, taskId: number): Promise<Task> {
  const task = await findTaskById(db, taskId);
  if (!task) throw new NotFoundError(`No next action with id ${taskId}`);
  return task;
}

/** A resolution's next actions: open first by due date, then done ones. */
export async function listTasks(db: Db, key: { campaignId: number; bodyId: number }): Promise<Task[]> {
  await getCampaign(db, key.campaignId);
  const resolution = await findResolution(db, key.campaignId, key.bodyId);
  return resolution ? findTasksOfResolution(db, resolution.id) : [];
}

/** Add a next action; a body with no resolution yet gets one at the first stage (no stage event). */
export async function addTask(db: Db, rawInput: AddTaskInput, actor: Actor, now = new Date()): Promise<Task> {
  const input = addTaskInputSchema.parse(rawInput);
  const campaign = await getCampaign(db, input.campaignId);
  const body = await findBodyById(db, input.bodyId);
  if (!body) throw new NotFoundError(`No body with id ${input.bodyId}`);
  const stamp = now.toISOString();
  let resolution = await findResolution(db, campaign.id, body.id);
  if (!resolution) {
    await insertResolution(db, { campaignId: campaign.id, bodyId: body.id, stage: initialStage(campaign.stageScheme).id, updatedAt: stamp });
    resolution = await findResolution(db, campaign.id, body.id);
    if (!resolution) throw new ConflictError(`${body.name} changed while adding the next action; try again`);
  }
  const id = await insertTask(db, {
    resolutionId: resolution.id,
    title: input.title,
    owner: input.owner ?? null,
    dueOn: input.dueOn ?? null,
    createdBy: actor.name,
    createdAt: stamp,
  });
  return requireTask(db, id);
}

export async function updateTask(db: Db, rawInput: z.input<typeof updateTaskInputSchema>): Promise<Task> {
  const input = updateTaskInputSchema.parse(rawInput);
  const task = await requireTask(db, input.taskId);
  await updateTaskRow(db, task.id, input.changes);
  return requireTask(db, task.id);
}

/** Mark done (stamped now) or open again. Completing a done task keeps its first completion time. */
export async function setTaskDone(db: Db, { taskId, done }: { taskId: number; done: boolean }, now = new Date()): Promise<Task> {
  const task = await requireTask(db, taskId);
  if (done && task.doneAt) return task;
  await updateTaskRow(db, task.id, { doneAt: done ? now.toISOString() : null });
  return requireTask(db, task.id);
}

export async function removeTask(db: Db, taskId: number): Promise<{ id: number }> {
  await requireTask(db, taskId);
  await deleteTask(db, taskId);
  return { id: taskId };
}

/** Open next actions of a campaign: overdue (due before `today`) and due in the next 7 days (today included). */
export async function taskAgenda(db: Db, { campaignId, today }: { campaignId: number; today: string }): Promise<TaskAgenda> {
  await getCampaign(db, campaignId);
  const open = await findOpenTasksDueBy(db, { campaignId, until: addDays(today, 6) });
  return {
    today,
    overdue: open.filter((task) => task.dueOn! < today),
    dueThisWeek: open.filter((task) => task.dueOn! >= today),
  };
}

export interface UpcomingDate {
  kind: "vote" | "hearing";
  bodyId: number;
  bodyName: string;
  state: string | null;
  stage: string;
  date: string;
  time: string | null;
  location: string | null;
  cancelled: boolean;
}

/** Scheduled votes and hearings from `today` through `days` days ahead, soonest first (public facts). */
export async function upcomingDates(db: Db, { campaignId, today, days }: { campaignId: number; today: string; days: number }): Promise<UpcomingDate[]> {
  await getCampaign(db, campaignId);
  const to = addDays(today, days);
  const rows = await findUpcomingResolutionDates(db, { campaignId, from: today, to });
  const dates: UpcomingDate[] = [];
  for (const row of rows) {
    const base = { bodyId: row.bodyId, bodyName: row.bodyName, state: row.state, stage: row.stage };
    if (row.voteDate && row.voteDate >= today && row.voteDate <= to) {
      dates.push({ ...base, kind: "vote", date: row.voteDate, time: row.voteTime, location: row.voteLocation, cancelled: row.voteCancelled === 1 });
    }
    if (row.hearingDate && row.hearingDate >= today && row.hearingDate <= to) {
      dates.push({ ...base, kind: "hearing", date: row.hearingDate, time: row.hearingTime, location: row.hearingLocation, cancelled: false });
    }
  }
  return dates.sort((a, b) => `${a.date} ${a.time ?? ""}`.localeCompare(`${b.date} ${b.time ?? ""}`) || a.bodyName.localeCompare(b.bodyName));
}
