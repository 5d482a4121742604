/**
 * Whether a pass is verified, in words anyone reads the same way: "Verified pass" when an
 * organizer checked its evidence, "Passed, not yet verified" otherwise. Only for passed bodies.
 */
export function VerifiedMark({ verified }: { verified: boolean }) {
  return verified ? (
    <p className="verified-mark is-verified" data-testid="verified-mark">
      <span aria-hidden="true">✓</span> Verified pass: an organizer checked its evidence
    </p>
  ) : (
    <p className="verified-mark" data-testid="verified-mark">
      Passed, not yet verified: no organizer has checked its evidence
    </p>
  );
}
