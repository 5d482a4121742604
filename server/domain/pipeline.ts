import type { BodyKind } from "../../shared/model/body";
import type { PipelineBoard, PipelineFacets, PipelineFilter, PipelineList, PipelineRow, PipelineSort } from "../../shared/model/pipeline";
import type { Db } from "../db/connect";
import { findHubReferences } from "../db/repositories/spreadsheet-repository";
import {
  countPipelineByStage,
  countPipelineRows,
  findBodyKindCounts,
  findPipelineCounties,
  findPipelineRows,
  type PipelineDbRow,
  type PipelineQuery,
} from "../db/repositories/pipeline-repository";
import { advancementOrder } from "../../shared/rules/stage-transitions";
import { InputError } from "../errors";
import { getCampaign } from "./campaigns";

async function toQuery(db: Db, filter: PipelineFilter): Promise<PipelineQuery> {
  const campaign = await getCampaign(db, filter.campaignId);
  const stageOrder = campaign.stageScheme.stages.map((stage) => stage.id);
  const unknown = filter.stages?.find((stage) => !stageOrder.includes(stage));
  if (unknown) throw new InputError(`"${unknown}" is not a stage of campaign "${campaign.name}"`);
  if (filter.voteFrom && filter.voteTo && filter.voteFrom > filter.voteTo) throw new InputError("the vote date range ends before it starts");
  return { ...filter, stageOrder, advancement: advancementOrder(campaign.stageScheme), scope: campaign.scope };
}

function toRow(row: PipelineDbRow): PipelineRow {
  return {
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    kind: row.kind as BodyKind,
    state: row.state,
    countyGeoid: row.countyGeoid,
    countyName: row.countyName,
    hubId: row.hubId,
    hubName: row.hubName,
    stage: row.stage,
    version: row.version ?? 0,
    voteDate: row.voteDate,
    voteTime: row.voteTime,
    voteCancelled: row.voteCancelled === 1,
    tally: { yes: row.tallyYes, no: row.tallyNo, abstain: row.tallyAbstain, absent: row.tallyAbsent },
    updatedAt: row.updatedAt,
  };
}

/** One page of the pipeline table, filtered and sorted in SQL. */
export async function listPipeline(db: Db, input: PipelineFilter & { sort: PipelineSort; direction: "asc" | "desc"; page: number; pageSize: number }): Promise<PipelineList> {
  const query = await toQuery(db, input);
  const [rows, total] = await Promise.all([
    findPipelineRows(db, query, { sort: input.sort, direction: input.direction, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }),
    countPipelineRows(db, query),
  ]);
  return { rows: rows.map(toRow), total, page: input.page, pageSize: input.pageSize };
}

/**
 * The board: every stage column in scheme order with its count and first cards (most recently
 * changed first). Columns of stages outside the stage filter are empty, so the board keeps its shape.
 */
export async function pipelineBoard(db: Db, input: PipelineFilter & { perStage: number }): Promise<PipelineBoard> {
  const query = await toQuery(db, input);
  const counts = await countPipelineByStage(db, query);
  const columns: PipelineBoard["columns"] = [];
  for (const stageId of query.stageOrder) {
    const shown = !input.stages?.length || input.stages.includes(stageId);
    const count = shown ? (counts.get(stageId) ?? 0) : 0;
    const rows = count ? await findPipelineRows(db, { ...query, stages: [stageId] }, { sort: "updated", direction: "desc", limit: input.perStage, offset: 0 }) : [];
    columns.push({ stageId, count, rows: rows.map(toRow) });
  }
  return { columns, total: columns.reduce((sum, column) => sum + column.count, 0) };
}

/** What the filter menus offer: counties (with body counts), hubs and body kinds. */
export async function pipelineFacets(db: Db): Promise<PipelineFacets> {
  const [counties, hubs, kinds] = await Promise.all([findPipelineCounties(db), findHubReferences(db), findBodyKindCounts(db)]);
  return {
    counties: counties.sort((a, b) => a.name.localeCompare(b.name)),
    hubs: hubs.map((hub) => ({ id: hub.id, name: hub.name })).sort((a, b) => a.name.localeCompare(b.name)),
    kinds: kinds.map((row) => ({ kind: row.kind as BodyKind, count: row.count })),
  };
}
