/**
 * Where the sign-in page sends people back to. Only a path on this site is accepted ("/pipeline?x=1"),
 * never another origin ("//evil.example", "https://…", "/\\evil.example"), nor the sign-in page itself.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || /[\u0000-\u001f]/.test(raw)) return "/";
  if (/^\/login(?:[/?#]|$)/.test(raw)) return "/";
  return raw;
}

/** The sign-in page, coming back to `here` (a path with its query) afterwards. */
export function signInHref(here: string): string {
  const next = safeNextPath(here);
  return next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}
