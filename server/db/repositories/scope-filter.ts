import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { CampaignScope } from "../../../shared/model/campaign-scope";
import type { Database } from "../schema";

/**
 * The SQL form of `countedBodies` (shared/model/campaign-scope.ts) over the `body` table: the
 * bodies a campaign shows and counts. Use it in `where`; both must agree (the scope tests check it).
 */
export function isCountedBody(scope: CampaignScope) {
  return (eb: ExpressionBuilder<Database, "body">): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [];
    if (scope.states.length) parts.push(eb("body.state", "in", scope.states));
    if (scope.counties.length || scope.bodyIds.length) {
      const county = sql<string>`substr(body.geoid, 1, 5)`;
      const inCounty = scope.counties.length ? [eb.and([eb(sql<number>`length(body.geoid)`, "in", [5, 10]), eb(county, "in", scope.counties)])] : [];
      const listed = scope.bodyIds.length ? [eb("body.id", "in", scope.bodyIds)] : [];
      parts.push(eb.or([...inCounty, ...listed]));
    }
    const kinds = scope.countedChildKinds;
    parts.push(kinds.length ? eb.or([eb("body.parentId", "is", null), eb("body.kind", "in", kinds)]) : eb("body.parentId", "is", null));
    if (kinds.length) {
      const children = eb
        .selectFrom("body as child")
        .select("child.parentId")
        .where("child.kind", "in", kinds)
        .where("child.parentId", "is not", null)
        .where(({ eb: inner }) => {
          const area: Array<Expression<SqlBool>> = [];
          if (scope.states.length) area.push(inner("child.state", "in", scope.states));
          return inner.and(area);
        });
      parts.push(eb.not(eb("body.id", "in", children as never)));
    }
    return eb.and(parts);
  };
}
