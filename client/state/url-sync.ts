import { toSearch } from "./url-state";
import { useUiStore } from "./ui-store";

/** Keep the address bar in step with the store, so a copied link reopens the same view. */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return useUiStore.subscribe((state) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const search = toSearch({
        campaignId: state.campaignId,
        campaignSlug: state.campaignSlug,
        bodyId: state.selectedBodyId,
        districtId: state.selectedDistrictId,
        chambers: state.visibleChambers,
        stages: state.visibleStages,
        view: state.view,
        asOf: state.asOfDate,
        table: state.tableShown,
        patterns: state.patternsShown,
        ballot: state.ballotQuestionId,
        endorsers: state.endorsersShown,
      });
      if (search !== window.location.search) window.history.replaceState(null, "", `${window.location.pathname}${search}`);
    }, 150);
  });
}
