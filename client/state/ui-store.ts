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
  /** One panel at a time: opening a district closes the body panel, the dashboard, and vice versa. */
  districtSelected: (districtId: number | null) => void;
  /** The endorser whose panel is open (a point clicked on the map, or picked in the list). */
  selectedEndorserId: number | null;
  endorserSelected: (endorserId: number | null) => void;
}

interface FilterSlice {
  /** Stages shown on the map; null means every stage. */
  visibleStages: string[] | null;
  legendStageToggled: (stageId: string) => void;
  filtersCleared: () => void;
}

interface ViewSlice {
  campaignId: number | null;
  /** The campaign named by slug in the address (public pages), until one is chosen by id. */
  campaignSlug: string | null;
  view: MapView | null;
  /** District chambers outlined on the map. */
  visibleChambers: string[];
  chamberLayerToggled: (chamber: string) => void;
  campaignSelected: (campaignId: number) => void;
  viewChanged: (view: MapView) => void;
}

interface TimelineSlice {
  /** The map shows stages as of the end of this day; null means now. */
  asOfDate: string | null;
  asOfDateChanged: (date: string | null) => void;
}

interface DisplaySlice {
  tableShown: boolean;
  patternsShown: boolean;
  tableToggled: () => void;
  patternsToggled: () => void;
  /** The map colours towns by this ballot question's % yes; null colours by stage. */
  ballotQuestionId: number | null;
  ballotQuestionChosen: (questionId: number | null) => void;
  /** Endorsers drawn as points coloured by step. */
  endorsersShown: boolean;
  endorsersToggled: () => void;
}

interface ScreenSlice {
  /** The Import screen is open over the map. */
  importOpen: boolean;
  importOpened: () => void;
  importClosed: () => void;
  /** The dashboard (overdue next actions, upcoming votes) is open beside the map. */
  dashboardOpen: boolean;
  dashboardToggled: () => void;
  /** The public map's list of local hubs is open beside the map. */
  hubsOpen: boolean;
  hubsToggled: () => void;
  /** The public map's "Contact your legislator" panel is open beside the map. */
  contactOpen: boolean;
  contactToggled: () => void;
  /** The list of the campaign's endorsers is open beside the map. */
  endorserListOpen: boolean;
  endorserListToggled: () => void;
}

/**
 * "Pick on the map": a place search (Find my hub, Contact your legislator) asks for the next map
 * click as a point instead of a body selection. `requester` names the form that asked, so only it
 * takes the answer.
 */
interface PointPickSlice {
  pointPick: { requester: string } | null;
  pickedPoint: { requester: string; point: [number, number] } | null;
  pointPickStarted: (requester: string) => void;
  pointPickCancelled: () => void;
  /** The map was clicked while a pick was open: the point goes to the form that asked. */
  pointPicked: (point: [number, number]) => void;
  pickedPointTaken: () => void;
}

export type UiState = SelectionSlice & FilterSlice & ViewSlice & TimelineSlice & DisplaySlice & ScreenSlice & PointPickSlice;

const createSelectionSlice: StateCreator<UiState, [], [], SelectionSlice> = (set) => ({
  selectedBodyId: null,
  selectedDistrictId: null,
  flyRequest: null,
  // One side panel at a time: a body, a district or the dashboard. Opening one closes the others.
  bodySelected: (bodyId) =>
    set(() =>
      bodyId === null
        ? { selectedBodyId: null }
        : { selectedBodyId: bodyId, selectedDistrictId: null, selectedEndorserId: null, endorserListOpen: false, dashboardOpen: false, hubsOpen: false, contactOpen: false },
    ),
  bodyFound: (bodyId) =>
    set((state) => ({
      selectedBodyId: bodyId,
      selectedDistrictId: null,
      dashboardOpen: false,
      hubsOpen: false,
      contactOpen: false,
      flyRequest: { bodyId, nonce: (state.flyRequest?.nonce ?? 0) + 1 },
    })),
  districtSelected: (districtId) =>
    set(() =>
      districtId === null
        ? { selectedDistrictId: null }
        : { selectedDistrictId: districtId, selectedBodyId: null, selectedEndorserId: null, endorserListOpen: false, dashboardOpen: false, hubsOpen: false, contactOpen: false },
    ),
  selectedEndorserId: null,
  endorserSelected: (endorserId) =>
    set(() =>
      endorserId === null
        ? { selectedEndorserId: null }
        : { selectedEndorserId: endorserId, endorserListOpen: false, selectedBodyId: null, selectedDistrictId: null, dashboardOpen: false, hubsOpen: false, contactOpen: false },
    ),
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
  campaignSlug: null,
  view: null,
  visibleChambers: [],
  chamberLayerToggled: (chamber) =>
    set((state) => ({
      visibleChambers: state.visibleChambers.includes(chamber) ? state.visibleChambers.filter((entry) => entry !== chamber) : [...state.visibleChambers, chamber],
    })),
  campaignSelected: (campaignId) => set({ campaignId, campaignSlug: null, selectedBodyId: null, visibleStages: null }),
  viewChanged: (view) => set({ view }),
});

const createTimelineSlice: StateCreator<UiState, [], [], TimelineSlice> = (set) => ({
  asOfDate: null,
  asOfDateChanged: (date) => set({ asOfDate: date }),
});

const createDisplaySlice: StateCreator<UiState, [], [], DisplaySlice> = (set) => ({
  tableShown: false,
  patternsShown: false,
  tableToggled: () => set((state) => ({ tableShown: !state.tableShown })),
  patternsToggled: () => set((state) => ({ patternsShown: !state.patternsShown })),
  ballotQuestionId: null,
  ballotQuestionChosen: (questionId) => set({ ballotQuestionId: questionId }),
  endorsersShown: false,
  endorsersToggled: () => set((state) => ({ endorsersShown: !state.endorsersShown })),
});

const createScreenSlice: StateCreator<UiState, [], [], ScreenSlice> = (set) => ({
  importOpen: false,
  importOpened: () => set({ importOpen: true }),
  importClosed: () => set({ importOpen: false }),
  dashboardOpen: false,
  dashboardToggled: () =>
    set((state) => (state.dashboardOpen ? { dashboardOpen: false } : { dashboardOpen: true, hubsOpen: false, contactOpen: false, selectedBodyId: null, selectedDistrictId: null })),
  hubsOpen: false,
  hubsToggled: () =>
    set((state) => (state.hubsOpen ? { hubsOpen: false } : { hubsOpen: true, contactOpen: false, dashboardOpen: false, selectedBodyId: null, selectedDistrictId: null })),
  contactOpen: false,
  contactToggled: () =>
    set((state) =>
      state.contactOpen
        ? { contactOpen: false }
        : { contactOpen: true, hubsOpen: false, dashboardOpen: false, endorserListOpen: false, selectedEndorserId: null, selectedBodyId: null, selectedDistrictId: null },
    ),
  endorserListOpen: false,
  endorserListToggled: () =>
    set((state) =>
      state.endorserListOpen
        ? { endorserListOpen: false }
        : { endorserListOpen: true, selectedEndorserId: null, dashboardOpen: false, hubsOpen: false, contactOpen: false, selectedBodyId: null, selectedDistrictId: null },
    ),
});

const createPointPickSlice: StateCreator<UiState, [], [], PointPickSlice> = (set) => ({
  pointPick: null,
  pickedPoint: null,
  pointPickStarted: (requester) => set({ pointPick: { requester }, pickedPoint: null }),
  pointPickCancelled: () => set({ pointPick: null }),
  pointPicked: (point) => set((state) => (state.pointPick ? { pointPick: null, pickedPoint: { requester: state.pointPick.requester, point } } : {})),
  pickedPointTaken: () => set({ pickedPoint: null }),
});

export function createUiStore(initial: Partial<UrlState> = {}) {
  return create<UiState>()((...args) => ({
    ...createSelectionSlice(...args),
    ...createFilterSlice(...args),
    ...createViewSlice(...args),
    ...createTimelineSlice(...args),
    ...createDisplaySlice(...args),
    ...createScreenSlice(...args),
    ...createPointPickSlice(...args),
    selectedBodyId: initial.bodyId ?? null,
    selectedDistrictId: initial.districtId ?? null,
    visibleChambers: initial.chambers ?? [],
    visibleStages: initial.stages ?? null,
    campaignId: initial.campaignId ?? null,
    campaignSlug: initial.campaignSlug ?? null,
    view: initial.view ?? null,
    asOfDate: initial.asOf ?? null,
    tableShown: initial.table ?? false,
    patternsShown: initial.patterns ?? false,
    ballotQuestionId: initial.ballot ?? null,
    endorsersShown: initial.endorsers ?? false,
  }));
}

const initialUrlState = typeof window === "undefined" ? {} : parseUrlState(window.location.search);

/** The app's one store. Read it through the hooks in `hooks.ts`. */
export const useUiStore = createUiStore(initialUrlState);
