import { useState } from "react";
import { canAdminister } from "../../shared/model/account";
import { useSession, useSignOut } from "../api/session";
import { signInHref } from "../lib/next-path";

const DEMO_NOTICE_KEY = "groundswell.demoNoticeDismissed";

/**
 * The account corner of a top bar: "Sign in" for the public; the name and role, the admin pages
 * and "Sign out" once signed in; in the read-only demo, how to make the first account.
 */
export function AccountMenu({ adminLinks = true }: { adminLinks?: boolean }) {
  const { session } = useSession();
  const signOut = useSignOut();
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (!session) return null;
  if (session.demo) return <DemoNotice />;
  const { user } = session;
  if (!user) {
    return (
      <div className="account-line" data-testid="account">
        <span className="muted">Public view: private notes need a sign-in.</span>
        <a className="account-sign-in" href={signInHref(here)}>
          Sign in
        </a>
      </div>
    );
  }
  return (
    <div className="account-line" data-testid="account">
      <span className="account-who">
        <strong>{user.name}</strong> <span className="role-tag">{user.role}</span>
        {user.hubName && <span className="muted"> · {user.hubName}</span>}
      </span>
      <nav className="account-links" aria-label="Account">
        {adminLinks && canAdminister(user.role) && <a href="/admin/users">Users</a>}
        {adminLinks && canAdminister(user.role) && <a href="/admin/audit">Audit log</a>}
        <button type="button" className="link-button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </nav>
      {signOut.error && (
        <p className="error-text" role="alert">
          {signOut.error.message}
        </p>
      )}
    </div>
  );
}

/** Before the first account: the app only reads. Dismissed once, it stays dismissed in this browser. */
function DemoNotice() {
  const [dismissed, setDismissed] = useState(() => readDismissed());
  if (dismissed) return null;
  return (
    <div className="demo-note account-demo" role="note" data-testid="demo-notice">
      <p>
        <strong>Read-only demo:</strong> to edit, create an account with{" "}
        <code>
          npx groundswell user add you@example.org <span className="nowrap">--role admin</span>
        </code>
      </p>
      <button
        type="button"
        className="close-button"
        aria-label="Dismiss the demo notice"
        onClick={() => {
          writeDismissed();
          setDismissed(true);
        }}
      >
        ×
      </button>
    </div>
  );
}

function readDismissed(): boolean {
  try {
    return window.localStorage.getItem(DEMO_NOTICE_KEY) === "1";
  } catch {
    return false;
  }
}

function writeDismissed(): void {
  try {
    window.localStorage.setItem(DEMO_NOTICE_KEY, "1");
  } catch {
    // Storage refused (private mode): dismissed for this page only.
  }
}
