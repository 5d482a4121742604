import { describe, expect, it } from "vitest";
import type { LobbyDayDetail, LobbySignUp, LobbyVisit } from "../model/lobby-day";
import { hubSchedule, inScheduleOrder, lobbyDayEvents, officesWithoutConstituent } from "./lobby-day";

const signUp = (name: string, hubId: number | null, constituent: boolean): LobbySignUp => ({
  id: name.length,
  legislatorId: 1,
  name,
  hubId,
  hubName: hubId ? `Hub ${hubId}` : null,
  constituent,
  createdBy: "x",
});

function visit(legislatorId: number, label: string, { time = null, signUps = [], hubs = [] }: { time?: string | null; signUps?: LobbySignUp[]; hubs?: number[] } = {}): LobbyVisit {
  return {
    seat: {
      legislatorId,
      name: `Rep ${legislatorId}`,
      party: null,
      chamber: "state_lower",
      state: "RI",
      districtId: legislatorId,
      districtName: label,
      label: `RI State House ${label}`,
      coverage: null,
      endorsers: null,
      ballot: null,
      steps: [],
      committees: [],
      hubs: hubs.map((hubId) => ({ hubId, name: `Hub ${hubId}`, share: 1 })),
      lastContact: null,
      otherPlan: null,
    },
    signUps,
    time,
    room: null,
    meetingId: null,
  };
}

const detail = (visits: LobbyVisit[]): LobbyDayDetail => ({
  lobbyDay: {
    id: 7,
    campaignId: 1,
    name: "Lobby day",
    heldOn: "2027-03-02",
    startsAt: null,
    place: "State House",
    billIds: [],
    chambers: ["state_lower"],
    notes: null,
    createdBy: "x",
    updatedAt: "2027-01-01T00:00:00Z",
  },
  visits,
});

describe("lobby day rules", () => {
  it("orders the schedule by time, then district number as a number (2 before 10)", () => {
    const visits = [visit(1, "10"), visit(2, "2"), visit(3, "30", { time: "09:15" }), visit(4, "4", { time: "08:45" })];
    expect(inScheduleOrder(visits).map((entry) => entry.seat.districtName)).toEqual(["4", "30", "2", "10"]);
  });

  it("lists offices without a constituent, those a hub covers first", () => {
    const visits = [
      visit(1, "1", { signUps: [signUp("Ann", 5, true)] }),
      visit(2, "2"),
      visit(3, "3", { hubs: [9] }),
      visit(4, "4", { signUps: [signUp("Outsider", null, false)] }),
    ];
    expect(officesWithoutConstituent(detail(visits)).map((entry) => entry.seat.districtName)).toEqual(["3", "4", "2"]);
  });

  it("gives a hub only the visits someone from it goes to, and calendars only timed visits", () => {
    const visits = [
      visit(1, "1", { time: "10:00", signUps: [signUp("Ann", 5, true)] }),
      visit(2, "2", { signUps: [signUp("Bo", 5, true)] }),
      visit(3, "3", { time: "11:00", signUps: [signUp("Cy", 6, true)] }),
    ];
    expect(hubSchedule(detail(visits), 5).map((entry) => entry.seat.legislatorId)).toEqual([1, 2]);
    expect(lobbyDayEvents(detail(visits), { hubId: 5, host: "example.org" }).map((event) => [event.uid, event.time])).toEqual([
      ["lobby-day-7@example.org", null],
      ["lobby-day-7-legislator-1@example.org", "10:00"],
    ]);
  });
});
