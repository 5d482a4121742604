import { create, type StateCreator } from "zustand";
import { parseUrlState, type UrlState } from "./url-state";

export interface MapView {
  center: [number, number];
  zoom: number;
}

interface SelectionSlice {
  selectedBodyId: number | null;
  selectedDistrictId: number | null;
  /** Bumped when a selection should move the map (search), not when the user clicked the map. */
  flyRequest: { bodyId: number; nonce: number } | null;
  bodySelected: (bodyId: number | null) => void;
  bodyFound: (bodyId: number) => void;
  /** One panel at a time: opening a district closes the body panel and vice versa. */
  districtSelected: (districtId: number | null) => void;
}

interface FilterSlice {
  /** Stages shown on the map; null means every stage. */
  visibleStages: string[] | null;
  legendStageToggled: (stageId: string) => void;
  filtersCleared: () => void;
}

interface ViewSlice {
  campaignId: number | null;
  view: MapView | null;
  /** District chambers outlined on the map. */
  visibleChambers: string[];
  chamberLayerToggled: (chamber: string) => void;
  campaignSelected: (campaignId: number) => void;
  viewChanged: (view: MapView) => void;
}

interface ScreenSlice {
  /** The Import screen is open over the map. */
  importOpen: boolean;
  importOpened: () => void;
  importClosed: () => void;
}

export type UiState = SelectionSlice & FilterSlice & ViewSlice & ScreenSlice;

const createSelectionSlice: StateCreator<UiState, [], [], SelectionSlice> = (set) => ({
  selectedBodyId: null,
  selectedDistrictId: null,
  flyRequest: null,
  bodySelected: (bodyId) => set((state) => ({ selectedBodyId: bodyId, selectedDistrictId: bodyId === null ? state.selectedDistrictId : null })),
  bodyFound: (bodyId) =>
    set((state) => ({ selectedBodyId: bodyId, selectedDistrictId: null, flyRequest: { bodyId, nonce: (state.flyRequest?.nonce ?? 0) + 1 } })),
  districtSelected: (districtId) => set((state) => ({ selectedDistrictId: districtId, selectedBodyId: districtId === null ? state.selectedBodyId : null })),
});

const createFilterSlice: StateCreator<UiState, [], [], FilterSlice> = (set) => ({
  visibleStages: null,
  legendStageToggled: (stageId) =>
    set((state) => {
      // First click on a legend entry shows only that stage; further clicks add or remove stages.
      const current = state.visibleStages;
      if (!current) return { visibleStages: [stageId] };
      const next = current.includes(stageId) ? current.filter((id) => id !== stageId) : [...current, stageId];
      return { visibleStages: next.length ? next : null };
    }),
  filtersCleared: () => set({ visibleStages: null }),
});

const createViewSlice: StateCreator<UiState, [], [], ViewSlice> = (set) => ({
  campaignId: null,
  view: null,
  visibleChambers: [],
  chamberLayerToggled: (chamber) =>
    set((state) => ({
      visibleChambers: state.visibleChambers.includes(chamber)
        ? state.visibleChambers.filter((entry) => entry !== chamber)
        : [...state.visibleChambers, chamber],
    })),
  campaignSelected: (campaignId) => set({ campaignId, selectedBodyId: null, visibleStages: null }),
  viewChanged: (view) => set({ view }),
});

const createScreenSlice: StateCreator<UiState, [], [], ScreenSlice> = (set) => ({
  importOpen: false,
  importOpened: () => set({ importOpen: true }),
  importClosed: () => set({ importOpen: false }),
});

export function createUiStore(initial: Partial<UrlState> = {}) {
  return create<UiState>()((...args) => ({
    ...createSelectionSlice(...args),
    ...createFilterSlice(...args),
    ...createViewSlice(...args),
    ...createScreenSlice(...args),
    selectedBodyId: initial.bodyId ?? null,
    selectedDistrictId: initial.districtId ?? null,
    visibleChambers: initial.chambers ?? [],
    visibleStages: initial.stages ?? null,
    campaignId: initial.campaignId ?? null,
    view: initial.view ?? null,
  }));
}

const initialUrlState = typeof window === "undefined" ? {} : parseUrlState(window.location.search);

/** The app's one store. Read it through the hooks in `hooks.ts`. */
export const useUiStore = createUiStore(initialUrlState);
