import { canEditAnyBody } from "../../shared/model/account";
import type { Db } from "../db/connect";
import { isBodyInHubArea } from "../db/repositories/hub-repository";
import { findSittingRoles } from "../db/repositories/legislator-repository";
import { findHubDistrictShares } from "./hub-area";
import type { Actor } from "./actor";

/** Organizers and admins edit any body; a hub member the bodies in their hub's area; nobody else. */
export async function canEditBody(db: Db, actor: Actor, bodyId: number): Promise<boolean> {
  if (canEditAnyBody(actor.role)) return true;
  if (actor.role !== "hub" || actor.hubId === null || actor.hubId === undefined) return false;
  return isBodyInHubArea(db, actor.hubId, bodyId);
}

/**
 * Organizers and admins edit any legislator's ladder step, meetings and next actions; a hub
 * member those of legislators sitting for a district their hub covers by geography (any share,
 * shared/rules/hub-area.ts); nobody else. Legislators with no sitting seat are organizers' work.
 */
export async function canEditLegislator(db: Db, actor: Actor, legislatorId: number): Promise<boolean> {
  if (canEditAnyBody(actor.role)) return true;
  if (actor.role !== "hub" || actor.hubId === null || actor.hubId === undefined) return false;
  const covered = (await findHubDistrictShares(db, actor.hubId)).get(actor.hubId);
  if (!covered) return false;
  return (await findSittingRoles(db)).some((role) => role.legislatorId === legislatorId && role.districtId !== null && covered.has(role.districtId));
}

/** The current districts the actor's hub covers, with the share (empty for anyone else). */
export async function listHubDistrictShares(db: Db, actor: Actor): Promise<Array<{ districtId: number; share: number }>> {
  if (actor.role !== "hub" || actor.hubId === null || actor.hubId === undefined) return [];
  const covered = (await findHubDistrictShares(db, actor.hubId)).get(actor.hubId) ?? new Map<number, number>();
  return [...covered].map(([districtId, share]) => ({ districtId, share })).sort((a, b) => a.districtId - b.districtId);
}
