import type { ReactNode } from "react";
import { canAdminister } from "../../shared/model/account";
import { useSession } from "../api/session";
import { AccountMenu } from "./AccountMenu";
import { SignInPrompt } from "./SignInPrompt";

/**
 * The frame of the admin pages (Users, Audit log): a header with the way back and the account
 * corner; the content only for admins. Others are told why (the server refuses them anyway).
 */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const { session, role, isPending } = useSession();
  return (
    <div className="page admin-page">
      <header className="page-header">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>{title}</h1>
        </div>
        <nav aria-label="Pages" className="page-nav">
          <a href="/">Map</a>
          <a href="/admin/users" aria-current={title === "Users" ? "page" : undefined}>
            Users
          </a>
          <a href="/admin/audit" aria-current={title === "Audit log" ? "page" : undefined}>
            Audit log
          </a>
        </nav>
        <div className="page-account">
          <AccountMenu adminLinks={false} />
        </div>
      </header>
      <main className="admin-main">
        {isPending && (
          <p className="page-status" role="status">
            Loading…
          </p>
        )}
        {!isPending && !session?.user && !session?.demo && <SignInPrompt what={`The ${title.toLowerCase()} page is for admins.`} />}
        {!isPending && (session?.user || session?.demo) && !canAdminister(role) && (
          <p className="read-only-note">
            {session?.demo ? "Read-only demo: no account exists yet, so there is nothing here." : "Only admins see this page: ask an admin if you need it."}
          </p>
        )}
        {canAdminister(role) && children}
      </main>
    </div>
  );
}
