import { expect, it } from "vitest";
import { createUiStore } from "./ui-store";

it("filters to one stage on the first legend click, then adds and removes stages", () => {
  const store = createUiStore();
  store.getState().legendStageToggled("passed");
  expect(store.getState().visibleStages).toEqual(["passed"]);
  store.getState().legendStageToggled("failed");
  expect(store.getState().visibleStages).toEqual(["passed", "failed"]);
  store.getState().legendStageToggled("passed");
  expect(store.getState().visibleStages).toEqual(["failed"]);
  store.getState().legendStageToggled("failed");
  expect(store.getState().visibleStages).toBeNull();
});

it("a search hit selects the body and asks the map to fly; a map click only selects", () => {
  const store = createUiStore({ bodyId: 3 });
  expect(store.getState().selectedBodyId).toBe(3);
  store.getState().bodySelected(5);
  expect(store.getState().flyRequest).toBeNull();
  store.getState().bodyFound(7);
  store.getState().bodyFound(7);
  expect(store.getState()).toMatchObject({ selectedBodyId: 7, flyRequest: { bodyId: 7, nonce: 2 } });
});

it("switching campaign clears the selection and filters", () => {
  const store = createUiStore({ bodyId: 3, stages: ["passed"] });
  store.getState().campaignSelected(2);
  expect(store.getState()).toMatchObject({ campaignId: 2, selectedBodyId: null, visibleStages: null });
});

it("shows one panel at a time and toggles district layers", () => {
  const store = createUiStore({ bodyId: 3 });
  store.getState().districtSelected(9);
  expect(store.getState()).toMatchObject({ selectedBodyId: null, selectedDistrictId: 9 });
  store.getState().bodySelected(4);
  expect(store.getState()).toMatchObject({ selectedBodyId: 4, selectedDistrictId: null });
  store.getState().chamberLayerToggled("state_lower");
  store.getState().chamberLayerToggled("congressional");
  store.getState().chamberLayerToggled("state_lower");
  expect(store.getState().visibleChambers).toEqual(["congressional"]);
});

it("opens and closes the Import screen over the map, keeping the selection", () => {
  const store = createUiStore({ bodyId: 3 });
  expect(store.getState().importOpen).toBe(false);
  store.getState().importOpened();
  expect(store.getState()).toMatchObject({ importOpen: true, selectedBodyId: 3 });
  store.getState().importClosed();
  expect(store.getState().importOpen).toBe(false);
});

it("never shows a pressed Dashboard beside another panel: opening it closes the body and district, opening a body closes it", () => {
  const store = createUiStore({ bodyId: 3 });
  store.getState().dashboardToggled();
  expect(store.getState()).toMatchObject({ dashboardOpen: true, selectedBodyId: null, selectedDistrictId: null });
  store.getState().bodyFound(5);
  expect(store.getState()).toMatchObject({ dashboardOpen: false, selectedBodyId: 5 });
  store.getState().dashboardToggled();
  store.getState().districtSelected(9);
  expect(store.getState()).toMatchObject({ dashboardOpen: false, selectedDistrictId: 9, selectedBodyId: null });
});

it("a pick on the map takes the next map click as a point for the form that asked, once", () => {
  const store = createUiStore();
  store.getState().pointPicked([-71.4, 41.8]);
  expect(store.getState().pickedPoint).toBeNull();
  store.getState().pointPickStarted("contact-form");
  store.getState().pointPicked([-71.4, 41.8]);
  expect(store.getState()).toMatchObject({ pointPick: null, pickedPoint: { requester: "contact-form", point: [-71.4, 41.8] } });
  store.getState().pickedPointTaken();
  store.getState().pointPickStarted("hub-form");
  store.getState().pointPickCancelled();
  store.getState().pointPicked([-70, 42]);
  expect(store.getState()).toMatchObject({ pointPick: null, pickedPoint: null });
});
