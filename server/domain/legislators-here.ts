import { districtLabel, SEAT_CHAMBERS } from "../../shared/model/district";
import type { LegislatorOffice } from "../../shared/model/legislator";
import { pickPublic } from "../../shared/model/public-fields";
import type { PublicLegislatorHere, PublicLegislatorsHere } from "../../shared/model/public-output";
import { describeWhatToSay, stepLabel } from "../../shared/rules/ladder";
import type { Db } from "../db/connect";
import { findLegislatorDetail } from "../db/repositories/legislator-repository";
import { listBills } from "./bills";
import { findMyHub } from "./hubs";
import { listLegislators } from "./ladder";
import { findPublicCampaign } from "./public-view";

const parseJsonList = (text: string | null | undefined): unknown[] => {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value : [];
};

/**
 * "Contact your legislator": from a town name or a point (as Find my hub looks places up), the
 * sitting legislators of the current districts there (and the state's US Senators), with the
 * contacts Open States publishes (`PUBLIC_FIELDS.legislator`), their step on each of the
 * campaign's bills and what to say to them. State Rep first, then Senator, Congress, US Senate.
 */
export async function findPublicLegislatorsHere(
  db: Db,
  input: { campaign: number | string; point?: [number, number] | undefined; query?: string | undefined },
): Promise<PublicLegislatorsHere> {
  const campaign = await findPublicCampaign(db, input.campaign);
  const finding = await findMyHub(db, { point: input.point, query: input.query });
  const districtIds = new Set(finding.districts.map((district) => district.id));
  const states = new Set([...finding.places, ...finding.districts].flatMap((entry) => (entry.state ? [entry.state] : [])));
  const seats = (await listLegislators(db, { campaignId: campaign.id })).filter(
    (seat) => (seat.districtId !== null && districtIds.has(seat.districtId)) || (seat.chamber === "us_senate" && states.has(seat.state)),
  );
  const bills = new Map((await listBills(db, campaign.id)).map((bill) => [bill.id, bill.name]));
  const legislators: PublicLegislatorHere[] = [];
  for (const seat of seats) {
    const detail = await findLegislatorDetail(db, seat.legislatorId);
    if (!detail) continue;
    const contact = pickPublic("legislator", detail);
    legislators.push({
      legislatorId: seat.legislatorId,
      name: contact.name,
      party: contact.party,
      chamber: seat.chamber,
      seat: districtLabel({ chamber: seat.chamber, state: seat.state, name: seat.districtName }),
      email: contact.email,
      offices: parseJsonList(contact.offices) as LegislatorOffice[],
      links: parseJsonList(contact.links).filter((link): link is string => typeof link === "string" && /^https?:\/\//i.test(link)),
      steps: seat.steps.map((entry) => {
        const bill = bills.get(entry.billId) ?? campaign.bill ?? "the bill";
        return {
          billId: entry.billId,
          bill,
          step: entry.step,
          label: stepLabel(campaign.ladder, entry.step),
          whatToSay: describeWhatToSay(campaign.ladder, { name: contact.name, step: entry.step, bill }),
        };
      }),
    });
  }
  legislators.sort((a, b) => SEAT_CHAMBERS.indexOf(a.chamber) - SEAT_CHAMBERS.indexOf(b.chamber) || a.seat.localeCompare(b.seat) || a.name.localeCompare(b.name));
  return { places: finding.places, legislators };
}
