/**
 * Checks on raw procedure input that apply to every procedure, before its own zod schema runs.
 * PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL
 * anywhere in the input would become a 500 deep in a query; we refuse it up front as a 400.
 */
export function findNulCharacter(input: unknown): string | null {
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: string }> = [{ value: input, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path || "the input";
      continue;
    }
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes("\u0000")) return at;
      stack.push({ value: item, path: at });
    }
  }
  return null;
}
