import type { Actor } from "../../server/domain/actor";

/** An organizer for tests that act through the domain or createCaller without signing in. */
export const testOrganizerActor: Actor = { name: "Test organizer", role: "organizer" };
