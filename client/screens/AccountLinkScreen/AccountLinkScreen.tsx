import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { passwordSchema, personNameSchema, PASSWORD_MIN_LENGTH, ROLE_DESCRIPTIONS, type LinkInfo } from "../../../shared/model/account";
import { httpStatusOf } from "../../api/errors";
import { useTRPC } from "../../api/trpc";
import { ErrorNotice } from "../../components/ErrorNotice";
import { AuthCard } from "../LoginScreen/AuthCard";

type Kind = LinkInfo["kind"];

const TITLES: Record<Kind, string> = { invite: "Join the campaign", reset: "Choose a new password" };

/** Why a link cannot be used, and what to do instead. */
function linkProblem(kind: Kind, problem: "expired" | "used" | "invalid") {
  const what = kind === "invite" ? "invite" : "password link";
  switch (problem) {
    case "used":
      return {
        title: `This ${what} has been used already`,
        detail: `Each link works once. If it was you who used it, sign in with your email and password; otherwise ask an admin for a new ${what}.`,
      };
    case "expired":
      return {
        title: `This ${what} has expired`,
        detail: `${kind === "invite" ? "Invites last a week" : "Password links last a day"}, so an old link stops working. Ask an admin for a new ${what}.`,
      };
    default:
      return { title: "This link is not valid", detail: `Check that the whole link was copied, or ask an admin for a new ${what}.` };
  }
}

/**
 * `/invite/:token` and `/reset/:token`: the page an admin's link opens. It greets the person with
 * the email and role the link is for, asks for a name (invites) and a password typed twice, and
 * signs them in. A used, expired or unknown link says so and what to do.
 */
export function AccountLinkScreen({ kind, token }: { kind: Kind; token: string }) {
  const trpc = useTRPC();
  const link = useQuery({ ...trpc.auth.link.queryOptions({ token }), retry: false, staleTime: Infinity });
  if (link.isPending) {
    return (
      <AuthCard title={TITLES[kind]}>
        <p className="muted" role="status">
          Checking the link…
        </p>
      </AuthCard>
    );
  }
  const problem = link.error ? (httpStatusOf(link.error) === 404 ? "invalid" : null) : link.data.kind !== kind ? "invalid" : link.data.problem;
  if (link.error && !problem) {
    return (
      <AuthCard title={TITLES[kind]}>
        <ErrorNotice title="Could not check the link" message={link.error.message} onRetry={() => void link.refetch()} />
      </AuthCard>
    );
  }
  if (problem || !link.data) {
    const { title, detail } = linkProblem(kind, problem ?? "invalid");
    return (
      <AuthCard title={title}>
        <p>{detail}</p>
        <p>
          <a href="/login">Sign in</a> · <a href="/public">Public map</a>
        </p>
      </AuthCard>
    );
  }
  return <PasswordForm kind={kind} token={token} info={link.data} />;
}

function PasswordForm({ kind, token, info }: { kind: Kind; token: string; info: LinkInfo }) {
  const trpc = useTRPC();
  const id = useId();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const done = { onSuccess: () => window.location.assign("/") };
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions(done));
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions(done));
  const saving = accept.isPending || reset.isPending || accept.isSuccess || reset.isSuccess;
  const failure = accept.error ?? reset.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The same checks the server makes (shared/model/account.ts), said before the round trip.
    const nameCheck = kind === "invite" ? personNameSchema.safeParse(name) : null;
    const passwordCheck = passwordSchema.safeParse(password);
    if (nameCheck && !nameCheck.success) return setProblem(`Name: ${nameCheck.error.issues[0]!.message}`);
    if (!passwordCheck.success) return setProblem(`Password: ${passwordCheck.error.issues[0]!.message}`);
    if (password !== again) return setProblem("The two passwords differ: type the same password twice");
    setProblem(null);
    if (kind === "invite") accept.mutate({ token, name, password });
    else reset.mutate({ token, password });
  };

  return (
    <AuthCard title={TITLES[kind]}>
      <dl className="auth-facts">
        <dt>Email</dt>
        <dd data-testid="link-email">{info.email}</dd>
        <dt>Role</dt>
        <dd>
          <strong data-testid="link-role">{info.role}</strong>: {ROLE_DESCRIPTIONS[info.role]}
        </dd>
      </dl>
      <form className="auth-form" onSubmit={submit} noValidate>
        {kind === "invite" && (
          <>
            <label htmlFor={`${id}-name`}>Your name, as others will see it</label>
            <input id={`${id}-name`} autoComplete="name" required autoFocus value={name} onChange={(event) => setName(event.target.value)} />
          </>
        )}
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" autoComplete="username" value={info.email} readOnly hidden />
        <label htmlFor={`${id}-password`}>{kind === "invite" ? "Password" : "New password"}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          autoFocus={kind === "reset"}
          aria-describedby={`${id}-rule`}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p className="hint" id={`${id}-rule`}>
          At least {PASSWORD_MIN_LENGTH} characters; a few unrelated words are easy to remember and hard to guess.
        </p>
        <label htmlFor={`${id}-again`}>The same password again</label>
        <input id={`${id}-again`} type="password" autoComplete="new-password" required value={again} onChange={(event) => setAgain(event.target.value)} />
        {(problem || failure) && (
          <div className="error-notice" role="alert">
            <strong>{problem ? "Check the form" : "Not saved"}</strong>
            <p>{problem ?? failure?.message}</p>
          </div>
        )}
        <button type="submit" className="primary" disabled={saving}>
          {saving ? "Saving…" : kind === "invite" ? "Create my account" : "Save the new password"}
        </button>
      </form>
      {kind === "reset" && <p className="hint">Saving signs you in here and signs you out everywhere else.</p>}
    </AuthCard>
  );
}
