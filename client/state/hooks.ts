import { useShallow } from "zustand/react/shallow";
import { useUiStore } from "./ui-store";

export const useSelectedBodyId = () => useUiStore((state) => state.selectedBodyId);
export const useSelectedDistrictId = () => useUiStore((state) => state.selectedDistrictId);
export const useVisibleChambers = () => useUiStore((state) => state.visibleChambers);
export const useFlyRequest = () => useUiStore((state) => state.flyRequest);
export const useVisibleStages = () => useUiStore((state) => state.visibleStages);
export const useCampaignId = () => useUiStore((state) => state.campaignId);
export const useCampaignSlug = () => useUiStore((state) => state.campaignSlug);
export const useAsOfDate = () => useUiStore((state) => state.asOfDate);
export const useTableShown = () => useUiStore((state) => state.tableShown);
export const usePatternsShown = () => useUiStore((state) => state.patternsShown);
export const useBallotQuestionId = () => useUiStore((state) => state.ballotQuestionId);
export const useImportOpen = () => useUiStore((state) => state.importOpen);
export const useDashboardOpen = () => useUiStore((state) => state.dashboardOpen);
export const useHubsOpen = () => useUiStore((state) => state.hubsOpen);
export const useContactOpen = () => useUiStore((state) => state.contactOpen);
export const useEndorsersShown = () => useUiStore((state) => state.endorsersShown);
export const useSelectedEndorserId = () => useUiStore((state) => state.selectedEndorserId);
export const useEndorserListOpen = () => useUiStore((state) => state.endorserListOpen);
export const usePointPick = () => useUiStore((state) => state.pointPick);
export const usePickedPoint = () => useUiStore((state) => state.pickedPoint);
export const useInitialView = () => useUiStore.getState().view;

export const useUiActions = () =>
  useUiStore(
    useShallow((state) => ({
      bodySelected: state.bodySelected,
      bodyFound: state.bodyFound,
      districtSelected: state.districtSelected,
      chamberLayerToggled: state.chamberLayerToggled,
      legendStageToggled: state.legendStageToggled,
      filtersCleared: state.filtersCleared,
      campaignSelected: state.campaignSelected,
      viewChanged: state.viewChanged,
      importOpened: state.importOpened,
      importClosed: state.importClosed,
      dashboardToggled: state.dashboardToggled,
      hubsToggled: state.hubsToggled,
      contactToggled: state.contactToggled,
      asOfDateChanged: state.asOfDateChanged,
      tableToggled: state.tableToggled,
      patternsToggled: state.patternsToggled,
      ballotQuestionChosen: state.ballotQuestionChosen,
      endorsersToggled: state.endorsersToggled,
      endorserSelected: state.endorserSelected,
      endorserListToggled: state.endorserListToggled,
      pointPickStarted: state.pointPickStarted,
      pointPickCancelled: state.pointPickCancelled,
      pointPicked: state.pointPicked,
      pickedPointTaken: state.pickedPointTaken,
    })),
  );
