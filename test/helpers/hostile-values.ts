import fc from "fast-check";

/**
 * fast-check arbitraries for fuzzing: hostile values of every kind, and values shaped like a zod
 * schema (mostly valid, with hostile leaves), so a fuzzed call gets past input validation often
 * enough to exercise the domain code behind it.
 */

/** A deeply nested object, built without recursion so building it cannot overflow the stack. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let level = 0; level < depth; level++) value = { a: value, b: [value] };
  return value;
}

const HUGE_STRING = "x".repeat(1_000_000);

/** Single values that have broken real parsers: numbers at the edges, odd strings, prototype keys. */
export const HOSTILE_CONSTANTS: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  0,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e308,
  "",
  " ",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "'; drop table body; --",
  '" or 1=1 --',
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦 ﷽",
  "a".repeat(10_001),
  HUGE_STRING,
  "NaN",
  "Infinity",
  "1e400",
  "__proto__",
  null,
  undefined,
  true,
  false,
  [],
  {},
  [[[[[]]]]],
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  Object.create(null),
  new Date(Number.NaN),
  BigInt(2) ** BigInt(70),
  deeplyNested(10_000),
];

/** Anything at all: fast-check's `anything` with every option on, or one of the constants above. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_CONSTANTS),
  fc.anything({
    maxDepth: 4,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.double(),
  fc.integer({ min: -(2 ** 31) - 10, max: 2 ** 31 + 10 }),
);

/** Strings and numbers that make sense in this app (seeded ids, stage ids, names), to get past validation. */
export interface FuzzSeeds {
  numbers: number[];
  strings: string[];
  /** Values for object keys whose name matches (`/campaignId/` → the seeded campaign's id). */
  byKey?: Array<[RegExp, unknown[]]>;
}

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

const defOf = (schema: unknown) => (schema as ZodLike)._zod.def;

/**
 * Values shaped like `schema`: each leaf is a seed, a plausible random value or (sometimes) a
 * hostile one; objects sometimes lose keys or gain prototype-polluting ones. Unknown schema
 * kinds fall back to hostile values.
 */
export function shapedLike(schema: unknown, seeds: FuzzSeeds, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const plausible = plausibleFor(def, seeds, depth);
  return plausible ? fc.oneof({ arbitrary: plausible, weight: 5 }, { arbitrary: hostileValue, weight: 1 }) : hostileValue;
}

function plausibleFor(def: ZodLike["_zod"]["def"], seeds: FuzzSeeds, depth: number): fc.Arbitrary<unknown> | null {
  if (depth > 8) return null;
  const inner = (schema: unknown) => shapedLike(schema, seeds, depth + 1);
  switch (def.type) {
    case "string":
      return fc.oneof(
        { arbitrary: fc.constantFrom(...seeds.strings), weight: 3 },
        { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
        { arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }), weight: 1 },
      );
    case "number":
    case "int":
      return fc.oneof(
        { arbitrary: fc.constantFrom(...seeds.numbers), weight: 3 },
        { arbitrary: fc.integer({ min: -3, max: 50 }), weight: 1 },
        { arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }), weight: 1 },
      );
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "date":
      return fc.date();
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case "optional":
      return fc.option(inner(def.innerType), { nil: undefined });
    case "nullable":
      return fc.option(inner(def.innerType), { nil: null });
    case "default":
    case "prefault":
      return fc.option(inner(def.innerType), { nil: undefined });
    case "nonoptional":
    case "readonly":
    case "catch":
      return inner(def.innerType);
    case "pipe":
      return inner(def.in);
    case "lazy":
      return inner((def.getter as () => unknown)());
    case "array":
      return fc.array(inner(def.element), { maxLength: 6 });
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case "union":
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case "intersection":
      return fc
        .tuple(inner(def.left), inner(def.right))
        .map(([left, right]) => (left && right && typeof left === "object" && typeof right === "object" ? { ...left, ...right } : left));
    case "record":
      return fc.dictionary(fc.string({ maxLength: 20 }), inner(def.valueType), { maxKeys: 5 });
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const field = (key: string, value: unknown) => {
        const hinted = seeds.byKey?.find(([pattern]) => pattern.test(key))?.[1];
        return hinted ? fc.oneof({ arbitrary: fc.constantFrom(...hinted), weight: 4 }, { arbitrary: inner(value), weight: 1 }) : inner(value);
      };
      const record = fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, field(key, value)])));
      return fc.tuple(record, fc.nat(19), fc.nat()).map(([value, roll, pick]) => {
        if (roll === 0) {
          // Now and then, keys that pollute prototypes or that the schema does not know.
          return Object.assign(JSON.parse('{"__proto__": {"isAdmin": true}}') as object, value, { constructor: "x", extra: "field" });
        }
        if (roll === 1) {
          // Or a key goes missing.
          const keys = Object.keys(value);
          const { [keys[pick % Math.max(1, keys.length)] ?? ""]: _dropped, ...rest } = value as Record<string, unknown>;
          return rest;
        }
        return value;
      });
    }
    default:
      return null;
  }
}
