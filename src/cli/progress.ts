import type { ExperimentEvent } from '../bench/experiment.js';
import { incumbentAt } from '../bench/results.js';
import type { CliIo } from './main.js';

/** Options of the progress renderer. */
export interface ProgressOptions {
  quiet: boolean;
  /** Rewrite one status line in place (only on a terminal). */
  live: boolean;
  algorithms: string[];
}

/**
 * Renders experiment events on stderr: one line per finished trial (trials done, the trial's
 * final test error, per-algorithm best so far, elapsed and estimated remaining time) and, on a
 * terminal, a live status line with the queries of the trials in flight. Silent under --quiet.
 */
export class Progress {
  private readonly started = performance.now();
  private readonly best = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private total = 0;
  private resumed = 0;
  private done = 0;
  private lastLive = 0;
  private liveShown = false;

  constructor(
    private readonly io: CliIo,
    private readonly options: ProgressOptions,
  ) {}

  /** A plain line (not shown under --quiet). */
  line(text: string): void {
    if (this.options.quiet) return;
    this.clearLive();
    this.io.err(text + '\n');
  }

  event(e: ExperimentEvent): void {
    switch (e.type) {
      case 'start':
        this.total = e.total;
        this.resumed = e.resumed;
        this.done = e.resumed;
        this.line(e.description);
        this.line(
          `${e.total} trial${e.total === 1 ? '' : 's'} (${e.resumed} already finished in the output folder), ${e.workers} worker thread${e.workers === 1 ? '' : 's'}`,
        );
        return;
      case 'skipped-file':
        // a warning, shown under --quiet too
        this.clearLive();
        this.io.err(`bananas: warning: ${e.file}: ${e.reason.replace(/\s+/g, ' ')}\n`);
        return;
      case 'trial-done': {
        this.done = e.done;
        this.inFlight.delete(`${e.record.algorithm}-${e.record.trial}`);
        const final = incumbentAt(e.record.queries, e.record.queries.length);
        const err = final?.testError ?? NaN;
        const prev = this.best.get(e.record.algorithm);
        if (prev === undefined || err < prev) this.best.set(e.record.algorithm, err);
        const bests = this.options.algorithms
          .filter((a) => this.best.has(a))
          .map((a) => `${a} ${this.best.get(a)!.toFixed(2)}`)
          .join(', ');
        this.line(
          `[${String(e.done).padStart(String(e.total).length)}/${e.total}] ${e.record.algorithm} trial ${e.record.trial}: ` +
            `test error ${err.toFixed(2)} % after ${e.record.queries.length} queries (${e.record.wallSeconds.toFixed(1)} s)` +
            ` | best so far: ${bests} | ${this.timing()}`,
        );
        if (e.record.stoppedEarly !== undefined) {
          this.clearLive();
          this.io.err(
            `bananas: note: ${e.record.algorithm} trial ${e.record.trial} stopped early: ${e.record.stoppedEarly}\n`,
          );
        }
        return;
      }
      case 'query':
        this.inFlight.set(`${e.algorithm}-${e.trial}`, e.record.i);
        this.live();
        return;
      default:
        return;
    }
  }

  /** Clears the live line at the end. */
  finish(): void {
    this.clearLive();
  }

  private timing(): string {
    const elapsed = (performance.now() - this.started) / 1000;
    const ran = this.done - this.resumed;
    const left = this.total - this.done;
    const eta = ran > 0 ? (elapsed / ran) * left : NaN;
    return `elapsed ${clock(elapsed)}${Number.isFinite(eta) ? `, about ${clock(eta)} left` : ''}`;
  }

  private live(): void {
    if (!this.options.live || this.options.quiet) return;
    const now = performance.now();
    if (now - this.lastLive < 200) return;
    this.lastLive = now;
    const flight = [...this.inFlight]
      .map(([k, q]) => `${k.replace(/-(\d+)$/, ' trial $1')} at query ${q}`)
      .join(', ');
    this.io.err(
      `\r\x1b[K${this.done}/${this.total} trials done; running: ${flight}; ${this.timing()}`,
    );
    this.liveShown = true;
  }

  private clearLive(): void {
    if (this.liveShown) {
      this.io.err('\r\x1b[K');
      this.liveShown = false;
    }
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`
    : `${m}:${String(r).padStart(2, '0')}`;
}
