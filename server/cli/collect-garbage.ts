import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | undefined;

/**
 * A full garbage collection now, between the phases of a large command (a national layer read,
 * then its overlaps): V8 otherwise lets the first phase's garbage grow the heap while the next
 * phase allocates, and the command's peak memory becomes the sum of its phases instead of the
 * largest. `--expose-gc` is switched on for a fresh context only, which hands back the function.
 */
export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
