import { z } from "zod";
import { rowCountSchema, rowIdSchema } from "../ids/row-id";
import { campaignIdSchema } from "./campaign";

/**
 * What kind of record a committed write touched. The client maps each kind to the queries it
 * refetches (client/api/change-queries.ts), so a new kind is added here and there.
 */
export const CHANGE_KINDS = ["resolution", "member", "task", "body", "district", "legislator", "hub", "import", "campaign", "lobby", "endorser"] as const;
export const changeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof changeKindSchema>;

/** Kinds that only signed-in members may hear about (their records are private). */
export const PRIVATE_CHANGE_KINDS: ReadonlySet<ChangeKind> = new Set(["task", "lobby"]);

/** At most this many ids travel in one change; a bigger write sends `ids: []` ("many"). */
export const MAX_CHANGE_IDS = 200;

/**
 * A committed write, announced to every open map. It carries ids only, never values: each
 * subscriber re-fetches through its own permission-checked procedures. `campaignId: null` means
 * every campaign (bodies and districts are shared by all campaigns). `ids` are body ids for the
 * records that hang off a body (`resolution`, `member`, `task`), the record's own id otherwise
 * (`body`, `district`, `legislator`, `hub`, `endorser`); `ids: []` means "many or unknown".
 */
export const changeSchema = z.object({
  campaignId: campaignIdSchema.nullable(),
  kind: changeKindSchema,
  ids: z.array(rowIdSchema).max(MAX_CHANGE_IDS),
  version: rowCountSchema.optional(),
  /**
   * A resolution's stage after the change (kind `resolution`, one body id, with `version`): a
   * public fact the map patches into its stage list instead of refetching the whole list.
   */
  stage: z.string().max(64).optional(),
});
export type Change = z.infer<typeof changeSchema>;

/**
 * What `changes.onChange` sends. `ready` comes first on every connection; `resync: true` (on
 * ready, or alone after the server lost track of events) means "refetch everything": the events
 * since the client's lastEventId can no longer be replayed.
 */
export type ChangeMessage = { type: "ready"; resync: boolean } | { type: "resync" } | { type: "change"; change: Change };

/** Trim a change to the announced limits (too many ids become "many"). */
export function toChange(input: { campaignId: number | null; kind: ChangeKind; ids?: readonly number[]; version?: number; stage?: string }): Change {
  const ids = input.ids ?? [];
  return {
    campaignId: input.campaignId,
    kind: input.kind,
    ids: ids.length > MAX_CHANGE_IDS ? [] : [...ids],
    ...(input.version === undefined ? {} : { version: input.version }),
    ...(input.stage === undefined || ids.length !== 1 ? {} : { stage: input.stage }),
  };
}
