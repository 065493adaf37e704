/**
 * A one-line progress bar on the console: redrawn in place on a terminal, a line every 10%
 * otherwise (logs, CI).
 */
export interface ProgressBar {
  update(share: number, note: string): void;
  done(note: string): void;
}

export function createProgressBar(label: string, out: NodeJS.WriteStream = process.stdout): ProgressBar {
  const width = 28;
  let lastTenth = -1;
  const draw = (share: number, note: string) => {
    const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
    return `${label} ▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${String(Math.floor(share * 100)).padStart(3)}% ${note}`;
  };
  return {
    update(share, note) {
      if (out.isTTY) {
        out.write(`\r${draw(share, note)}\u001b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.write(`${draw(share, note)}\n`);
      }
    },
    done(note) {
      out.write(`${out.isTTY ? '\r' : ''}${draw(1, note)}${out.isTTY ? '\u001b[K' : ''}\n`);
    },
  };
}
