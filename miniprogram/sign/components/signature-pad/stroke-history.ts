/** A point on the pad, in the canvas's CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

export type Stroke = readonly Point[];

/** Touch jitter below this distance (CSS px) adds nothing to the line but points to replay. */
const MIN_STEP = 1.5;

/**
 * The strokes of a signature, with undo and redo. Every finished stroke and every clear is one step,
 * so 撤销 after 清除 brings the signature back: a worker who clears by mistake loses nothing.
 * Steps share the stroke arrays, so keeping them all costs little.
 */
export class StrokeHistory {
  private past: Stroke[][] = [];
  private present: Stroke[] = [];
  private future: Stroke[][] = [];
  private current: Point[] | null = null;

  /** What the pad shows: the finished strokes and the one being drawn. */
  get strokes(): readonly Stroke[] {
    return this.current ? [...this.present, this.current] : this.present;
  }

  /** The stroke under the finger, or null between strokes. */
  get drawing(): Stroke | null {
    return this.current;
  }

  get isEmpty(): boolean {
    return this.strokes.length === 0;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  begin(point: Point): void {
    this.current = [point];
  }

  /** Adds a point to the stroke being drawn; false when there is none or the point is too close to matter. */
  extend(point: Point): boolean {
    const stroke = this.current;
    if (!stroke) return false;
    const last = stroke[stroke.length - 1];
    if (Math.hypot(point.x - last.x, point.y - last.y) < MIN_STEP) return false;
    stroke.push(point);
    return true;
  }

  /** The stroke being drawn, finished (false if there was none). */
  end(): boolean {
    const stroke = this.current;
    if (!stroke) return false;
    this.current = null;
    this.commit([...this.present, stroke]);
    return true;
  }

  /** False when there was nothing to clear (no step is recorded for it). */
  clear(): boolean {
    this.current = null;
    if (this.present.length === 0) return false;
    this.commit([]);
    return true;
  }

  undo(): boolean {
    const previous = this.past.pop();
    if (!previous) return false;
    this.current = null;
    this.future.push(this.present);
    this.present = previous;
    return true;
  }

  redo(): boolean {
    const next = this.future.pop();
    if (!next) return false;
    this.current = null;
    this.past.push(this.present);
    this.present = next;
    return true;
  }

  private commit(next: Stroke[]): void {
    this.past.push(this.present);
    this.present = next;
    this.future = [];
  }
}
