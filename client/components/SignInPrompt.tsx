import { signInHref } from "../lib/next-path";

/** A quiet line where private content would be, for the public: what is there and a sign-in that comes back here. */
export function SignInPrompt({ what }: { what: string }) {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  return (
    <p className="sign-in-prompt">
      {what} <a href={signInHref(here)}>Sign in</a>
    </p>
  );
}
