import { parseBodyKind } from "../../shared/model/body";
import { EVERY_BODY, readCountyList, type CampaignScope } from "../../shared/model/campaign-scope";
import type { Config } from "../config";
import { createCampaign, parseScopeStates, resolveCampaign, updateCampaign } from "../domain/campaigns";
import { write } from "../domain/write";
import { InputError } from "../errors";
import type { CampaignScopeOptions } from "./campaign-scope-options";
import { withWriteContext } from "./write-context";

const list = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

/** The scope the flags describe; a bad value is one line. */
export function scopeFromOptions(options: CampaignScopeOptions): CampaignScope {
  const { counties, bad: badCounty } = readCountyList(options.county ?? "");
  if (badCounty !== null) throw new InputError(`--county "${badCounty}" is not a county GEOID (5 digits, e.g. 25025)`);
  const bodyIds = list(options.body).map((text) => {
    if (!/^\d+$/.test(text)) throw new InputError(`--body "${text}" is not a body id`);
    return Number(text);
  });
  const countedChildKinds = list(options.count).map((text) => {
    const kind = parseBodyKind(text);
    if (!kind) throw new InputError(`--count "${text}" is not a body kind (e.g. ward_committee)`);
    return kind;
  });
  return { ...EVERY_BODY, states: parseScopeStates(list(options.state)), counties, bodyIds, countedChildKinds };
}

const describe = (scope: CampaignScope) => (scope.states.length ? ` in ${scope.states.join(", ")}` : "");

/** `groundswell campaign add <name> [--bill "H.1234"] [--state MA[,NH]] [--count KINDS]`. */
export async function addCampaignCommand(config: Config, name: string, options: CampaignScopeOptions & { bill?: string }, out: (text: string) => void) {
  const scope = scopeFromOptions(options);
  const scoped = scope.states.length || scope.countedChildKinds.length;
  const campaign = await withWriteContext(config, (ctx) =>
    write(
      ctx,
      (trx) => createCampaign(trx, { name, bill: options.bill ?? null, ...(scoped ? { scope } : {}) }),
      (created) => ({ campaignId: null, kind: "campaign", ids: [created.id] }),
      {
        action: "campaign add",
        subjectKind: "campaign",
        describe: (created) => ({ subjectId: created.id, campaignId: created.id, summary: `Campaign created: ${created.name}`, after: created }),
      },
    ),
  );
  out(`Created campaign "${campaign.name}"${describe(campaign.scope)} (id ${campaign.id}, slug ${campaign.slug}).\n`);
}

/** `groundswell campaign scope <campaign> [--state] [--county] [--body] [--count]`. */
export async function setCampaignScopeCommand(config: Config, name: string, options: CampaignScopeOptions, out: (text: string) => void) {
  const scope = scopeFromOptions(options);
  const campaign = await withWriteContext(config, (ctx) =>
    write(
      ctx,
      async (trx) => updateCampaign(trx, { campaignId: (await resolveCampaign(trx, name)).id, scope }),
      (updated) => ({ campaignId: updated.id, kind: "campaign", ids: [updated.id] }),
      {
        action: "campaign scope",
        subjectKind: "campaign",
        describe: (updated) => ({ subjectId: updated.id, campaignId: updated.id, summary: `Campaign scope set: ${updated.name}`, after: updated.scope }),
      },
    ),
  );
  const kinds = campaign.scope.countedChildKinds.length ? `; counts ${campaign.scope.countedChildKinds.join(", ")} instead of their parent` : "";
  out(`Campaign "${campaign.name}" now covers ${campaign.scope.states.length ? campaign.scope.states.join(", ") : "every state"}${kinds}.\n`);
}
