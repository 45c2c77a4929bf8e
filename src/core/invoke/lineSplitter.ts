import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into text lines (UTF-8 safe across chunk boundaries). A `\r` inside a line
 * (progress meters such as curl's) keeps only what a terminal would show: the text after the last `\r`.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl >= 0) {
      this.emit(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    this.partial = text.slice(start);
  }

  /** Emits a pending partial line (the end of an invocation or of the stream). */
  flush(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.emit(rest);
  }

  get hasPartial(): boolean {
    return this.partial.length > 0;
  }

  private emit(line: string): void {
    let l = line.endsWith('\r') ? line.slice(0, -1) : line;
    const cr = l.lastIndexOf('\r');
    if (cr >= 0) l = l.slice(cr + 1);
    this.onLine(l);
  }
}
