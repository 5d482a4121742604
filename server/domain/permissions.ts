import { canEditAnyBody } from "../../shared/model/account";
import type { Db } from "../db/connect";
import { isBodyInHubArea } from "../db/repositories/hub-repository";
import type { Actor } from "./actor";

/** Organizers and admins edit any body; a hub member the bodies in their hub's area; nobody else. */
export async function canEditBody(db: Db, actor: Actor, bodyId: number): Promise<boolean> {
  if (canEditAnyBody(actor.role)) return true;
  if (actor.role !== "hub" || actor.hubId === null || actor.hubId === undefined) return false;
  return isBodyInHubArea(db, actor.hubId, bodyId);
}
