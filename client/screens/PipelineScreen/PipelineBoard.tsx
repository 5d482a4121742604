import { useMutation } from "@tanstack/react-query";
import { useState, type DragEvent } from "react";
import type { PipelineBoard as Board, PipelineRow } from "../../../shared/model/pipeline";
import { formatTally } from "../../../shared/model/pipeline";
import { findStage, type StageScheme } from "../../../shared/model/stage";
import { allowedMoves } from "../../../shared/rules/stage-transitions";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatCount } from "../../lib/format";

/** The card being dragged: what the drop needs to ask for the move. */
interface Dragged {
  bodyId: number;
  bodyName: string;
  stage: string;
  version: number;
}

/**
 * A column per stage, in scheme order, with its count and the most recently changed bodies.
 * Members who may change stages drag a card to another column, or use its "Move to" menu (the
 * keyboard's way): the same rule as the body panel (only allowed moves; a column that cannot take
 * the card does not light up) and the same version check (a card someone else moved meanwhile is
 * refused, and the board reloads).
 */
export function PipelineBoard({
  scheme,
  campaignId,
  board,
  loading,
  mayEdit,
}: {
  scheme: StageScheme;
  campaignId: number;
  board: Board | undefined;
  loading: boolean;
  mayEdit: boolean;
}) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const move = useMutation(
    trpc.resolution.changeStage.mutationOptions({
      onSuccess: (result, input) => {
        void applyChange({ kind: "resolution" }, result);
        setDone(`Moved ${cardName(board, input.bodyId)} to ${findStage(scheme, input.toStage)?.label ?? input.toStage}.`);
      },
      onError: () => void applyChange({ kind: "resolution" }),
    }),
  );
  const moveCard = (card: Dragged, toStage: string) => {
    setDone(null);
    move.mutate({ campaignId, bodyId: card.bodyId, toStage, expectedVersion: card.version });
  };
  if (loading && !board)
    return (
      <p className="page-status" role="status">
        Loading the board…
      </p>
    );
  if (!board) return null;
  const accepts = (stageId: string) => dragged !== null && allowedMoves(scheme, dragged.stage).some((stage) => stage.id === stageId);

  return (
    <>
      <p className="muted board-hint">{mayEdit ? "Drag a card to another stage, or use its “Move to” menu. " : ""}Scroll sideways for every stage →</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {done ?? ""}
      </p>
      {done && <p className="notice board-done">{done}</p>}
      {move.error && <ErrorNotice title="Not moved" message={move.error.message} error={move.error} />}
      <div className="pipeline-board">
        {board.columns.map((column) => {
          const stage = scheme.stages.find((entry) => entry.id === column.stageId);
          const target = accepts(column.stageId);
          const drop = {
            onDragOver: (event: DragEvent) => {
              if (!target) return;
              event.preventDefault();
              setOver(column.stageId);
            },
            onDragLeave: () => setOver((current) => (current === column.stageId ? null : current)),
            onDrop: (event: DragEvent) => {
              event.preventDefault();
              setOver(null);
              if (dragged && target) moveCard(dragged, column.stageId);
              setDragged(null);
            },
          };
          return (
            <section
              key={column.stageId}
              className={`board-column card${target ? " can-drop" : ""}${over === column.stageId ? " is-over" : ""}`}
              aria-label={`${stage?.label ?? column.stageId}: ${column.count}`}
              data-stage={column.stageId}
              {...(mayEdit ? drop : {})}
            >
              <h3>
                <span className="swatch" style={{ background: stage?.color ?? "#ccc" }} aria-hidden="true" />
                {stage?.label ?? column.stageId} <span className="board-count">{formatCount(column.count)}</span>
              </h3>
              {column.count === 0 ? (
                <p className="muted">None</p>
              ) : (
                <ul>
                  {column.rows.map((row) => (
                    <BoardCard
                      key={row.bodyId}
                      row={row}
                      campaignId={campaignId}
                      scheme={scheme}
                      mayEdit={mayEdit}
                      busy={move.isPending}
                      onDragStart={() => setDragged({ bodyId: row.bodyId, bodyName: row.bodyName, stage: row.stage, version: row.version })}
                      onDragEnd={() => {
                        setDragged(null);
                        setOver(null);
                      }}
                      onMove={(toStage) => moveCard({ bodyId: row.bodyId, bodyName: row.bodyName, stage: row.stage, version: row.version }, toStage)}
                    />
                  ))}
                </ul>
              )}
              {column.count > column.rows.length && <p className="muted">and {formatCount(column.count - column.rows.length)} more (use the table)</p>}
            </section>
          );
        })}
      </div>
    </>
  );
}

function cardName(board: Board | undefined, bodyId: number): string {
  for (const column of board?.columns ?? []) {
    const row = column.rows.find((entry) => entry.bodyId === bodyId);
    if (row) return row.bodyName;
  }
  return "the body";
}

function BoardCard({
  row,
  campaignId,
  scheme,
  mayEdit,
  busy,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  row: PipelineRow;
  campaignId: number;
  scheme: StageScheme;
  mayEdit: boolean;
  busy: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMove: (toStage: string) => void;
}) {
  const moves = mayEdit ? allowedMoves(scheme, row.stage) : [];
  return (
    <li
      draggable={mayEdit}
      data-body={row.bodyId}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.bodyName);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <a href={`/?campaign=${campaignId}&body=${row.bodyId}`}>{row.bodyName}</a>
      <small className="muted">
        {[row.state, row.voteDate && `vote ${row.voteDate}${row.voteCancelled ? " (cancelled)" : ""}`, formatTally(row.tally)].filter(Boolean).join(" · ")}
      </small>
      {moves.length > 0 && (
        <select
          className="board-move"
          aria-label={`Move ${row.bodyName} to`}
          value=""
          disabled={busy}
          onChange={(event) => {
            if (event.target.value) onMove(event.target.value);
          }}
        >
          <option value="">Move to…</option>
          {moves.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.label}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}
