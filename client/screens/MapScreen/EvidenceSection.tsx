import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import {
  DEFAULT_EVIDENCE_MAX_BYTES,
  EVIDENCE_CATEGORIES,
  EVIDENCE_CATEGORY_LABELS,
  evidenceFileUrl,
  VERIFICATION_LABELS,
  type Evidence,
  type EvidenceCategory,
  type VerificationState,
} from "../../../shared/model/evidence";
import { formatFileSize } from "../../../shared/model/import-upload";
import { evidenceSizeProblem, isVerified } from "../../../shared/rules/verification";
import { useApplyChange } from "../../api/change-queries";
import { uploadEvidence } from "../../api/evidence-upload";
import { useAppConfig } from "../../api/map-data";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatDateTime } from "../../lib/format";

/**
 * The evidence of a passed resolution (minutes, adopted text, a signed copy, a news article) and
 * its verification: editors attach links and files; organizers publish evidence, verify the pass,
 * mark it transmitted to the legislators, or take the verification back.
 */
export function EvidenceSection({ campaignId, bodyId, canEdit, canManage }: { campaignId: number; bodyId: number; canEdit: boolean; canManage: boolean }) {
  const trpc = useTRPC();
  const details = useQuery(trpc.evidence.get.queryOptions({ campaignId, bodyId }));
  const applyChange = useApplyChange();
  const refresh = () => applyChange({ kind: "resolution" });
  const verify = useMutation(trpc.evidence.changeVerification.mutationOptions({ onSuccess: refresh }));
  const setPublic = useMutation(trpc.evidence.setPublic.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.evidence.remove.mutationOptions({ onSuccess: refresh }));
  const [note, setNote] = useState("");
  const data = details.data;
  const state: VerificationState = data?.verification ?? "reported";
  const failure = verify.error ?? setPublic.error ?? remove.error;
  const move = (toState: "evidence_attached" | "verified" | "transmitted") =>
    verify.mutate({ campaignId, bodyId, toState, note: note.trim() || null }, { onSuccess: () => setNote("") });

  return (
    <section className="panel-section evidence-section" aria-labelledby="evidence-title">
      <h3 id="evidence-title">Evidence of the pass</h3>
      {details.error && <ErrorNotice title="Could not load the evidence" message={details.error.message} error={details.error} onRetry={() => void details.refetch()} />}
      <p className={`verification-state is-${state}`} data-testid="verification-state">
        <strong>{VERIFICATION_LABELS[state]}</strong>
        {isVerified(state) && data?.verifiedAt && (
          <span className="muted">
            {" "}
            · verified by {data.verifiedBy} on {formatDateTime(data.verifiedAt)}
          </span>
        )}
      </p>
      {data && data.evidence.length === 0 && <p className="muted">No minutes, adopted text, signed copy or article attached yet.</p>}
      {data && data.evidence.length > 0 && (
        <ul className="evidence-list">
          {data.evidence.map((item) => (
            <EvidenceItem
              key={item.id}
              item={item}
              canManage={canManage}
              locked={isVerified(state)}
              busy={setPublic.isPending || remove.isPending}
              onPublic={(isPublic) => setPublic.mutate({ evidenceId: item.id, isPublic })}
              onRemove={() => remove.mutate({ evidenceId: item.id })}
            />
          ))}
        </ul>
      )}
      {canManage && data && (
        <div className="verification-actions">
          <label htmlFor="verification-note">Note (optional, private)</label>
          <input
            id="verification-note"
            maxLength={2000}
            value={note}
            placeholder="e.g. Checked against the clerk's signed copy"
            onChange={(event) => setNote(event.target.value)}
          />
          {state === "evidence_attached" && (
            <button type="button" className="primary" disabled={verify.isPending} onClick={() => move("verified")}>
              Verify pass
            </button>
          )}
          {state === "verified" && (
            <button type="button" className="secondary" disabled={verify.isPending} onClick={() => move("transmitted")}>
              Mark transmitted to legislators
            </button>
          )}
          {isVerified(state) && (
            <button type="button" className="secondary" disabled={verify.isPending} onClick={() => move("evidence_attached")}>
              Take verification back
            </button>
          )}
          {state === "reported" && <p className="hint">Attach a link or a file first; then an organizer can verify the pass.</p>}
        </div>
      )}
      {failure && <ErrorNotice title="Not saved" message={failure.message} error={failure} />}
      {canEdit && <AddEvidence campaignId={campaignId} bodyId={bodyId} onAdded={refresh} />}
      {data && data.history.length > 0 && (
        <details className="verification-history">
          <summary>Verification history ({data.history.length})</summary>
          <ol>
            {data.history.map((event) => (
              <li key={event.id}>
                {VERIFICATION_LABELS[event.fromState]} → {VERIFICATION_LABELS[event.toState]} · {formatDateTime(event.occurredAt)} · {event.actor}
                {event.note && <span className="history-note"> — {event.note}</span>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function EvidenceItem({
  item,
  canManage,
  locked,
  busy,
  onPublic,
  onRemove,
}: {
  item: Evidence;
  canManage: boolean;
  locked: boolean;
  busy: boolean;
  onPublic: (isPublic: boolean) => void;
  onRemove: () => void;
}) {
  const label = item.title ?? item.fileName ?? item.url ?? "Evidence";
  return (
    <li className="evidence-item" data-testid="evidence-item">
      <span className="evidence-category">{EVIDENCE_CATEGORY_LABELS[item.category]}</span>{" "}
      {item.kind === "file" ? (
        <a href={evidenceFileUrl(item.id)} download={item.fileName ?? undefined}>
          {label}
        </a>
      ) : (
        <a href={item.url ?? undefined} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      )}
      {item.byteSize !== null && <span className="muted"> ({formatFileSize(item.byteSize)})</span>}
      <span className={item.isPublic ? "public-tag" : "private-tag"}>{item.isPublic ? "public" : "private"}</span>
      <div className="history-meta">
        {item.addedBy} · {formatDateTime(item.createdAt)}
      </div>
      {canManage && (
        <div className="evidence-buttons">
          <button type="button" className="link-button" disabled={busy} onClick={() => onPublic(!item.isPublic)}>
            {item.isPublic ? "Make private" : "Make public"}
          </button>
          {!locked && (
            <button type="button" className="link-button" disabled={busy} onClick={onRemove}>
              Remove
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Add a link (http or https) or upload a file (PDF, PNG, JPEG) with its progress. */
function AddEvidence({ campaignId, bodyId, onAdded }: { campaignId: number; bodyId: number; onAdded: () => void }) {
  const trpc = useTRPC();
  const config = useAppConfig();
  const maxBytes = config.data?.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  const [category, setCategory] = useState<EvidenceCategory>("minutes");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const addLink = useMutation(
    trpc.evidence.addLink.mutationOptions({
      onSuccess: () => {
        setUrl("");
        onAdded();
      },
    }),
  );
  const upload = async () => {
    if (!file) return;
    const tooBig = evidenceSizeProblem(file.name, file.size, maxBytes);
    if (tooBig) return setUploadError(tooBig);
    setUploadError(null);
    setProgress(0);
    try {
      await uploadEvidence({ campaignId, bodyId, category }, file, setProgress);
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      onAdded();
    } catch (error) {
      setUploadError((error as Error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="add-evidence">
      <label htmlFor="evidence-category">What it is</label>
      <select id="evidence-category" value={category} onChange={(event) => setCategory(event.target.value as EvidenceCategory)}>
        {EVIDENCE_CATEGORIES.map((value) => (
          <option key={value} value={value}>
            {EVIDENCE_CATEGORY_LABELS[value]}
          </option>
        ))}
      </select>
      <form
        className="evidence-link-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (url.trim()) addLink.mutate({ campaignId, bodyId, category, url: url.trim() });
        }}
      >
        <label htmlFor="evidence-url">Link</label>
        <input
          id="evidence-url"
          type="text"
          inputMode="url"
          maxLength={2000}
          placeholder="https://town.example.gov/minutes.pdf"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="secondary" disabled={!url.trim() || addLink.isPending}>
          {addLink.isPending ? "Adding…" : "Add link"}
        </button>
      </form>
      {addLink.error && <ErrorNotice title="Link not added" message={addLink.error.message} error={addLink.error} />}
      <form
        className="evidence-file-form"
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <label htmlFor="evidence-file">File (PDF, PNG or JPEG, at most {formatFileSize(maxBytes)})</label>
        <input
          id="evidence-file"
          ref={fileInput}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          onChange={(event) => {
            setUploadError(null);
            setFile(event.target.files?.[0] ?? null);
          }}
        />
        <button type="submit" className="secondary" disabled={!file || progress !== null}>
          {progress !== null ? "Uploading…" : "Upload file"}
        </button>
        {progress !== null && <progress max={1} value={progress} aria-label="Upload progress" />}
      </form>
      {uploadError && <ErrorNotice title="File not added" message={uploadError} />}
    </div>
  );
}
