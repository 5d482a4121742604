import { isUnauthorized } from "../api/errors";
import { signInHref } from "../lib/next-path";

/**
 * A failure in words. Given the `error`, a 401 from the server ("Sign in to see this") also
 * offers a sign-in that comes back to this page.
 */
export function ErrorNotice({ title, message, onRetry, error }: { title: string; message: string; onRetry?: () => void; error?: unknown }) {
  const signIn = error !== undefined && isUnauthorized(error);
  return (
    <div className="error-notice" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {signIn && (
        <a className="sign-in-link" href={signInHref(`${window.location.pathname}${window.location.search}${window.location.hash}`)}>
          Sign in
        </a>
      )}
      {onRetry && !signIn && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
