import { useState } from "react";
import { useApplyChange, type LocalChangeKind } from "../../api/change-queries";
import { ImportRequestError } from "../../api/imports";
import type { ChangeKind } from "../../../shared/model/change";

/**
 * The commit of a checked import step: runs it, refreshes what shows `kind`, and hands the report
 * on; an expired upload goes back to the file picker, any other refusal is kept to show in place.
 */
export function useConfirmImport<T>({
  run,
  kind,
  onDone,
  onExpired,
}: {
  run: () => Promise<T>;
  kind: ChangeKind | LocalChangeKind;
  onDone: (report: T) => void;
  onExpired: () => void;
}) {
  const applyChange = useApplyChange();
  const [committing, setCommitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async () => {
    setCommitting(true);
    setFailure(null);
    try {
      const report = await run();
      await applyChange({ kind });
      onDone(report);
    } catch (error) {
      if (error instanceof ImportRequestError && error.status === 404) return onExpired();
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setCommitting(false);
    }
  };
  return { confirm, committing, failure };
}
