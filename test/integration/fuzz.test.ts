import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_STAGES } from "../../shared/model/stage";
import { appRouter, createCaller } from "../../server/api/router";
import type { Actor } from "../../server/domain/actor";
import { importBoundaryLayer } from "../../server/domain/boundary-import";
import { changeStage } from "../../server/domain/resolutions";
import { makeBody, makeCampaign, squarePolygon, type MadeBody } from "../helpers/factories";
import { hostileValue, shapedLike, type FuzzSeeds } from "../helpers/hostile-values";
import { digestAllTables, listTables } from "../helpers/row-snapshot";
import { fuzzScale, seedFuzzing } from "../helpers/fuzz-seed";
import { forEachEngine, type Engine } from "../helpers/test-db";

seedFuzzing("fuzz.test.ts");

/**
 * Every procedure of the API, found by walking `appRouter` (so procedures added later are fuzzed
 * too), called through createCaller as an admin and as the public with random and hostile input.
 * A refusal must be a TRPCError with a 4xx status and a message, never INTERNAL_SERVER_ERROR, and
 * must leave every table exactly as it was; queries never write.
 */

interface ProcedureLike {
  _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[]; output?: unknown };
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>).sort(([a], [b]) => a.localeCompare(b));

/** Inputs per engine for the whole file, shared out between procedures. */
const TOTAL_RUNS: Record<Engine, number> = { sqlite: 5000 * fuzzScale(), postgres: 800 * fuzzScale() };

const ADMIN: Actor = { name: "Fuzz admin", role: "admin" };
const PUBLIC: Actor = { name: "Anonymous", role: "public" };

type Call = (input: unknown) => Promise<unknown>;

function procedureCall(caller: unknown, path: string): Call {
  const target = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return target as Call;
}

/** The input schema of a procedure (the first `.input()`), or null when it takes none. */
const inputSchemaOf = (procedure: ProcedureLike) => procedure._def.inputs[0] ?? null;

function describeRefusal(error: unknown): string | null {
  if (!(error instanceof TRPCError)) return `not a TRPCError: ${String(error)}`;
  if (error.code === "INTERNAL_SERVER_ERROR") return `INTERNAL_SERVER_ERROR: ${error.message} (cause: ${String(error.cause)})`;
  const status = getHTTPStatusCodeFromError(error);
  if (status < 400 || status > 499) return `HTTP ${status} for ${error.code}`;
  if (typeof error.message !== "string" || error.message.trim() === "") return `${error.code} with an empty message`;
  return null;
}

forEachEngine((getDatabase, engine) => {
  let seeds: FuzzSeeds;
  let tables: string[];

  beforeAll(async () => {
    const { db } = getDatabase();
    const campaign = await makeCampaign(db, { name: "Fuzz campaign" });
    const bodies: MadeBody[] = [];
    for (let index = 0; index < 4; index++) bodies.push(await makeBody(db, { geometry: squarePolygon([-71.5 + index * 0.05, 41.6]) }));
    await db.transaction().execute((trx) =>
      importBoundaryLayer(
        trx,
        {
          fields: ["NAME"],
          features: [
            { properties: { NAME: "1" }, geometry: squarePolygon([-71.52, 41.58], 0.12) },
            { properties: { NAME: "2" }, geometry: squarePolygon([-71.4, 41.58], 0.12) },
          ],
        },
        { as: "districts", chamber: "state_lower", state: "RI", vintage: "2022" },
        ADMIN,
      ),
    );
    await db.transaction().execute((trx) => changeStage(trx, { campaignId: campaign.id, bodyId: bodies[0]!.id, toStage: "organizing", expectedVersion: 0 }, ADMIN));
    const districtIds = (await db.selectFrom("district").select("id").execute()).map((row) => row.id);
    seeds = {
      numbers: [campaign.id, ...bodies.map((body) => body.id), ...districtIds, 0, 1, 2, 2 ** 31, 2 ** 53],
      byKey: [
        [/^campaign(Id)?$/i, [campaign.id]],
        [/^(body|parent)(Id)?$/i, bodies.map((body) => body.id)],
        [/^district(Id)?$/i, districtIds],
        [/stage/i, [...DEFAULT_STAGES]],
        [/version/i, [0, 1]],
      ],
      strings: [...DEFAULT_STAGES, campaign.name, campaign.slug, bodies[0]!.name, "RI", "2022", "state_lower", "admin@example.org", "correct horse battery staple"],
    };
    // Failed sign-ins are counted on purpose (throttling): the one write a refusal makes.
    tables = (await listTables(db, engine)).filter((table) => table !== "login_failure");
  });

  it("finds the procedures to fuzz", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(8);
  });

  const runsPerProcedure = Math.max(30, Math.ceil(TOTAL_RUNS[engine] / procedures.length));

  for (const [path, procedure] of procedures) {
    if (procedure._def.type === "subscription") continue; // a stream: its input is checked on connect, not here

    it(`${path} (${procedure._def.type}): hostile input is a 4xx with a message and changes nothing`, async () => {
      const { db } = getDatabase();
      const schema = inputSchemaOf(procedure);
      const input = schema ? shapedLike(schema, seeds) : fc.constantFrom<unknown>(undefined, {}, null, "x");
      const callers = { admin: procedureCall(createCaller({ db, actor: ADMIN }), path), public: procedureCall(createCaller({ db, actor: PUBLIC }), path) };
      let baseline = await digestAllTables(db, tables);
      const outcomes = { accepted: 0, refused: 0 };
      // Inputs the admin got accepted: the second phase breaks them one field at a time, which
      // reaches the domain code far more often than wholly random input.
      const acceptedInputs: Array<Record<string, unknown>> = [];

      const check = async (who: keyof typeof callers, value: unknown) => {
        let refusal: string | null = null;
        let accepted = false;
        try {
          await callers[who](value);
          accepted = true;
        } catch (error) {
          refusal = describeRefusal(error);
        }
        if (refusal) throw new Error(`${path} as ${who}: ${refusal}`);
        const after = await digestAllTables(db, tables);
        if (accepted && procedure._def.type === "mutation") {
          baseline = after;
        } else if (after !== baseline) {
          throw new Error(`${path} as ${who}: ${accepted ? "a query" : "a refused call"} changed the database`);
        }
        outcomes[accepted ? "accepted" : "refused"]++;
        if (accepted && who === "admin" && value && typeof value === "object" && !Array.isArray(value) && acceptedInputs.length < 50) {
          acceptedInputs.push(value as Record<string, unknown>);
        }
      };
      const who = fc.constantFrom<keyof typeof callers>("admin", "admin", "admin", "public");
      await fc.assert(fc.asyncProperty(who, input, check), { numRuns: Math.ceil(runsPerProcedure / 2) });
      if (acceptedInputs.length > 0) {
        const oneFieldBroken = fc
          .tuple(fc.constantFrom(...acceptedInputs), fc.oneof(hostileValue, fc.constantFrom(...seeds.numbers, ...seeds.strings)), fc.nat())
          .map(([base, value, pick]) => {
            const keys = Object.keys(base);
            return keys.length === 0 ? value : { ...base, [keys[pick % keys.length]!]: value };
          });
        await fc.assert(fc.asyncProperty(who, oneFieldBroken, check), { numRuns: Math.ceil(runsPerProcedure / 2) });
      }
      // Both sides were exercised: some input got through validation, some did not.
      if (schema) expect(outcomes.refused).toBeGreaterThan(0);
    });
  }

  describe("output validation", () => {
    it("every procedure the public may call checks its output against a zod schema", async () => {
      const { db } = getDatabase();
      const caller = createCaller({ db, actor: PUBLIC });
      const unchecked: string[] = [];
      for (const [path, procedure] of procedures) {
        if (procedure._def.type === "subscription") continue;
        // The role check runs before input validation, so `undefined` tells public from private.
        const error = await procedureCall(
          caller,
          path,
        )(undefined).then(
          () => null,
          (caught: unknown) => caught,
        );
        const isPrivate = error instanceof TRPCError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN");
        if (!isPrivate && !procedure._def.output) unchecked.push(path);
      }
      expect(unchecked, "public procedures without .output(schema)").toEqual([]);
    });
  });
});
