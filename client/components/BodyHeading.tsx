import type { Ref } from "react";
import { BODY_KIND_LABELS, type BodyKind } from "../../shared/model/body";

/** A body panel's title and its kind · state (· GEOID for members) line. */
export function BodyHeading({
  id,
  body,
  headingRef,
}: {
  id: string;
  body: { name: string; kind: BodyKind; state: string | null; geoid?: string | null };
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {body.name}
      </h2>
      <p className="body-meta">
        {BODY_KIND_LABELS[body.kind] ?? body.kind}
        {body.state ? ` · ${body.state}` : ""}
        {body.geoid ? ` · GEOID ${body.geoid}` : ""}
      </p>
    </>
  );
}
