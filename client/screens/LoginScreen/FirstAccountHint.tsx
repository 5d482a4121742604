/** While no account exists the app is a read-only demo; the first account is made on the command line. */
export function FirstAccountHint() {
  return (
    <p className="auth-note" role="note">
      <strong>No account exists yet.</strong> Create the first admin on the server with <code>npx groundswell user add you@example.org --role admin</code>, then follow the link it
      prints.
    </p>
  );
}
