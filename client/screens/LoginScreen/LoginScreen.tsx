import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { httpStatusOf } from "../../api/errors";
import { useSession, useSignOut } from "../../api/session";
import { useTRPC } from "../../api/trpc";
import { safeNextPath } from "../../lib/next-path";
import { parseNextParam } from "../../state/url-state";
import { AuthCard } from "./AuthCard";
import { FirstAccountHint } from "./FirstAccountHint";

/** What a refused sign-in means, in a title and a next step; the server's own words for throttling and disabled accounts. */
function describeFailure(error: unknown, message: string): { title: string; detail: string } {
  switch (httpStatusOf(error)) {
    case 401:
      return { title: "Wrong email or password", detail: "Check both and try again. Forgot your password? Ask an admin for a password link." };
    case 429:
      return { title: "Too many tries", detail: message };
    case 403:
      return { title: "This account is disabled", detail: message };
    default:
      return { title: "Could not sign in", detail: message };
  }
}

/** `/login?next=/path`: email and password; on success, back to the page that asked (the map by default). */
export function LoginScreen() {
  const trpc = useTRPC();
  const id = useId();
  const { session } = useSession();
  const signOut = useSignOut();
  const next = safeNextPath(parseNextParam(window.location.search));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const passwordInput = useRef<HTMLInputElement>(null);
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: () => window.location.assign(next) }));
  const failure = login.error ? describeFailure(login.error, login.error.message) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email, password },
      {
        onError: () => {
          // Keep the email; clear the password and put the cursor back in it for the next try.
          setPassword("");
          passwordInput.current?.focus();
        },
      },
    );
  };

  return (
    <AuthCard title="Sign in">
      {session?.user && (
        <p className="auth-note" role="note">
          You are signed in as <strong>{session.user.name}</strong> ({session.user.email}). <a href={next}>Continue</a> or{" "}
          <button type="button" className="link-button" onClick={() => signOut.mutate()}>
            sign out
          </button>
          ; signing in below switches account.
        </p>
      )}
      {session?.demo && <FirstAccountHint />}
      <form className="auth-form" onSubmit={submit} aria-describedby={failure ? `${id}-failure` : undefined}>
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          ref={passwordInput}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {failure && (
          <div className="error-notice" role="alert" id={`${id}-failure`}>
            <strong>{failure.title}</strong>
            <p>{failure.detail}</p>
          </div>
        )}
        <button type="submit" className="primary" disabled={login.isPending || login.isSuccess}>
          {login.isPending || login.isSuccess ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="hint">
        No account? An admin of your campaign sends you an invite link. Anyone can see the <a href="/public">public map</a>.
      </p>
    </AuthCard>
  );
}
