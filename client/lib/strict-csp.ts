import { z } from "zod";

/**
 * Imported first by main.tsx. The server's Content-Security-Policy forbids eval, and zod's fast
 * path probes for it with `new Function("")`: the probe is caught, but the browser still reports a
 * CSP violation. Jitless zod validates the same, without the probe.
 */
z.config({ jitless: true });
