// ESLint rule `groundswell/folder-boundaries`: the import zones of ../shared/STYLE.md
// ("Which way imports point"). Each zone says which folders files under `target` may not
// import from. Relative imports are resolved against the importing file; package imports are
// not folders of ours and pass. Type-only imports pass too when a zone allows them.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** @type {import("eslint").Rule.RuleModule} */
export const folderBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "keep imports pointing down the layers of STYLE.md" },
    schema: [{ type: "object", properties: { zones: { type: "array" } }, additionalProperties: false }],
  },
  create(context) {
    const zones = context.options[0]?.zones ?? [];
    const file = path.relative(root, context.filename).split(path.sep).join("/");
    const active = zones.filter((zone) => [zone.target].flat().some((target) => file === target || file.startsWith(`${target}/`)));
    if (active.length === 0) return {};
    const check = (node, source, typeOnly) => {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const imported = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join("/");
      for (const zone of active) {
        if (typeOnly && zone.allowTypeImports) continue;
        const hit = [zone.from].flat().find((from) => imported === from || imported.startsWith(`${from}/`) || imported === from.replace(/\.ts$/, ""));
        if (hit) context.report({ node, message: `${file} may not import ${imported}: ${zone.message}` });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value, node.importKind === "type"),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === "type"),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === "type"),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value, false),
    };
  },
};
