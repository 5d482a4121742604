import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_ROW_ID } from "../../shared/ids/row-id";
import { appRouter } from "./router";

/**
 * Issue 19: `hub.allies` with bodyId 2^53 - 1 reached PostgreSQL ("out of range for type
 * integer") and answered 500. Every number any procedure takes must be bounded on both sides, and
 * every integer must fit the `integer` column it ends up in, so zod answers 400 first.
 */

interface ProcedureLike {
  _def: { inputs: unknown[] };
}

type JsonNode = { [key: string]: unknown };

/** Paths (`input.bodyId`) of numbers in `schema` that are unbounded or too large for an integer column. */
function unboundedNumbers(schema: JsonNode, where = "input"): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, path));
    const record = node as JsonNode;
    if (record.type === "integer" || record.type === "number") {
      const maximum = (record.maximum ?? record.exclusiveMaximum) as number | undefined;
      const minimum = (record.minimum ?? record.exclusiveMinimum) as number | undefined;
      const bounded = maximum !== undefined && minimum !== undefined;
      const fits = record.type === "number" || (maximum! <= MAX_ROW_ID && minimum! >= -MAX_ROW_ID);
      if (!bounded || !fits) found.push(`${path} (${minimum ?? "-∞"}…${maximum ?? "∞"})`);
    }
    for (const [key, value] of Object.entries(record)) {
      const step = key === "properties" ? "" : key === "items" || key === "prefixItems" ? "[]" : null;
      if (key === "properties" && value && typeof value === "object") {
        for (const [name, child] of Object.entries(value)) visit(child, `${path}.${name}`);
      } else if (step !== null || ["anyOf", "oneOf", "allOf", "additionalProperties"].includes(key)) visit(value, `${path}${step ?? ""}`);
    }
  };
  visit(schema, where);
  return found;
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);

describe("procedure inputs are bounded to what the database holds", () => {
  it("walks a schema and flags an unbounded id (the check itself can fail)", () => {
    const schema = z.toJSONSchema(z.object({ bodyId: z.number().int().positive(), ok: z.number().int().min(1).max(10) }), { io: "input" });
    expect(unboundedNumbers(schema as JsonNode)).toEqual(["input.bodyId (0…9007199254740991)"]);
  });

  it.each(procedures.filter(([, procedure]) => procedure._def.inputs.length > 0))("%s", (_path, procedure) => {
    const problems = procedure._def.inputs.flatMap((input) => unboundedNumbers(z.toJSONSchema(input as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonNode));
    expect(problems).toEqual([]);
  });
});
