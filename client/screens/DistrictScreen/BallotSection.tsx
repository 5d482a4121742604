import { useQuery } from "@tanstack/react-query";
import { formatCount } from "../../lib/format";
import { useTRPC } from "../../api/trpc";

/**
 * The district page's and lobby brief's ballot questions: the latest result as the sentence
 * organisers quote ("In 2018, 71.2 % of voters in this district said yes (9,870 to 3,993)"),
 * then every other question; an estimate (the question ran under another plan) says so.
 */
export function BallotSection({ campaign, districtId }: { campaign: string | number; districtId: number }) {
  const trpc = useTRPC();
  const results = useQuery(trpc.public.ballotDistrict.queryOptions({ campaign, districtId }));
  if (!results.data) return null;
  const [latest, ...earlier] = results.data;
  return (
    <section className={`brief-ballot${latest ? "" : " screen-only"}`} aria-labelledby="brief-ballot-title">
      <h2 id="brief-ballot-title">Ballot questions</h2>
      {!latest ? (
        <p className="muted">
          No ballot question has run in this district yet. Import a question’s results (the state’s election statistics, by town or precinct) from the Import screen or with{" "}
          <code>groundswell import results.csv --as ballot-results</code>.
        </p>
      ) : (
        <>
          <p className="brief-ballot-line" data-testid="brief-ballot-line">
            <strong>{latest.sentence}</strong>
          </p>
          <p className="muted">
            {latest.question}
            {latest.text ? `: “${latest.text}”` : ""} · {formatCount(latest.blanks)} blank of {formatCount(latest.total)} ballots
            {latest.estimated ? ` · ${latest.method}` : ""}
          </p>
          {earlier.length > 0 && (
            <ul className="brief-ballot-list">
              {earlier.map((result) => (
                <li key={`${result.questionId}-${result.estimated}`}>
                  {result.question}: {result.sentence}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
