import type { Point, Stroke } from './stroke-history';

/**
 * What the pad tells the 2d context to draw. A stroke is smoothed by drawing quadratic curves between
 * the midpoints of successive touch points, with the touch point itself as the control point: the line
 * passes near every point without corners, and each new point only adds one short piece (no lag).
 */
export type PenCommand =
  | { kind: 'dot'; at: Point }
  | { kind: 'move'; to: Point }
  | { kind: 'line'; to: Point }
  | { kind: 'quad'; control: Point; to: Point };

/** The limits the server puts on the signature PNG (POST /sign), and the size we aim for under them. */
export const SIGNATURE_PNG = { minWidth: 100, minHeight: 50, maxSide: 4096, targetLongSide: 1200 } as const;

/** Smaller ink than this (CSS px, both sides) is a tap or a slip, not a signature. */
const MIN_INK = { width: 24, height: 12 };

const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/** The piece that point `index` (≥ 1) of the stroke adds. */
export function segmentTo(stroke: Stroke, index: number): PenCommand[] {
  const point = stroke[index];
  const previous = stroke[index - 1];
  if (index === 1) return [{ kind: 'move', to: previous }, { kind: 'line', to: midpoint(previous, point) }];
  return [
    { kind: 'move', to: midpoint(stroke[index - 2], previous) },
    { kind: 'quad', control: previous, to: midpoint(previous, point) },
  ];
}

/** The end of a stroke once the finger lifts: the last half segment, or a dot for a single tap. */
export function strokeTail(stroke: Stroke): PenCommand[] {
  const last = stroke.length - 1;
  if (last < 0) return [];
  if (last === 0) return [{ kind: 'dot', at: stroke[0] }];
  return [{ kind: 'move', to: midpoint(stroke[last - 1], stroke[last]) }, { kind: 'line', to: stroke[last] }];
}

/** The whole stroke: exactly the pieces drawn while it was made, so a redraw looks the same. */
export function strokePath(stroke: Stroke): PenCommand[] {
  const pieces: PenCommand[] = [];
  for (let index = 1; index < stroke.length; index += 1) pieces.push(...segmentTo(stroke, index));
  return [...pieces, ...strokeTail(stroke)];
}

/** Why these strokes are not a signature yet, or null when they are. */
export function signatureProblem(strokes: readonly Stroke[]): string | null {
  const points = strokes.flat();
  if (points.length === 0) return '请先在框内签名';
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const tooSmall = Math.max(...xs) - Math.min(...xs) < MIN_INK.width && Math.max(...ys) - Math.min(...ys) < MIN_INK.height;
  return tooSmall ? '签名太小，请在框内用正楷写下您的姓名' : null;
}

/**
 * The PNG size for a pad of `width`×`height` CSS px: sharp (the screen's pixel ratio) but not heavier
 * than needed, and always within the server's limits, keeping the pad's proportions where they allow.
 */
export function exportSize(width: number, height: number, pixelRatio: number): { width: number; height: number } {
  const { minWidth, minHeight, maxSide, targetLongSide } = SIGNATURE_PNG;
  let scale = Math.min(pixelRatio, targetLongSide / Math.max(width, height));
  scale = Math.max(scale, minWidth / width, minHeight / height);
  const clamp = (value: number, min: number) => Math.min(maxSide, Math.max(min, Math.round(value * scale)));
  return { width: clamp(width, minWidth), height: clamp(height, minHeight) };
}
