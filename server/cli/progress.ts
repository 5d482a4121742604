/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal. */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let last = -1;
  return {
    update(fraction: number) {
      if (!tty) return;
      const percent = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      stream.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(percent).padStart(3)}%`);
    },
    done() {
      if (tty && last >= 0) stream.write("\r\x1b[2K");
    },
  };
}
