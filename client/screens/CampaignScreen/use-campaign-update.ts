import { useMutation } from "@tanstack/react-query";
import { useApplyChange } from "../../api/change-queries";
import { useTRPC } from "../../api/trpc";

/** campaign.update, refreshing what shows the campaign once saved. */
export function useCampaignUpdate(onSuccess?: () => void) {
  const trpc = useTRPC();
  const applyChange = useApplyChange();
  return useMutation(
    trpc.campaign.update.mutationOptions({
      onSuccess: () => {
        void applyChange({ kind: "campaign" });
        onSuccess?.();
      },
    }),
  );
}
