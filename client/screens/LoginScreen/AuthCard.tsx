import type { ReactNode } from "react";

/** The narrow centred card of the sign-in, invite and password pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card card">
        <p className="brand auth-brand">
          <span className="logo" aria-hidden="true" />
          <a href="/">Groundswell</a>
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
