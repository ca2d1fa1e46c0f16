/**
 * The one description of the generated seal, shared by the PDF renderer (vector operators) and the
 * SVG renderer (rasterized by resvg for the PNG preview): both draw exactly these paths and glyphs.
 *
 * The proportions are those of the common round company seal (公章, 42 mm across): a ring about
 * 1.2 mm wide, the company name along the upper arc reading clockwise with each character's top
 * towards the ring, a five-pointed star 14 mm across in the middle, and an optional line (合同专用章)
 * below the star. Coordinates are SVG's: origin at the seal's centre, y pointing down, angles
 * clockwise.
 */

/** The seal's red (#DC1E1E), as 0-255 channels. */
export const SEAL_RED = { r: 220, g: 30, b: 30 } as const;

/** Text placed on the seal: drawn from its left baseline point at `x`,`y`, turned `rotation` degrees clockwise. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  rotation: number;
  size: number;
}

export interface SealGeometry {
  /** SVG path data filled in the seal's red with the nonzero rule (the ring, the star). */
  paths: string[];
  texts: PlacedText[];
}

/** The width of `text` at size 1 in the font both renderers draw with (the embedded CJK font). */
export type MeasureText = (text: string) => number;

// In units of the seal's radius.
const RING_WIDTH = 0.057;
/** Between the ring's inside and the top of the name's characters. */
const RING_GAP = 0.05;
/** Where a CJK character's em box ends above the baseline (Noto Sans CJK: ascent 880 of 1000 units). */
const EM_TOP = 0.88;
/** The middle of that em box above the baseline ((880 − 120) / 2 / 1000). */
const EM_MIDDLE = 0.38;
const NAME_SIZE = 0.3;
/** The name spreads over 24° per character, at least 120° and at most 240° of the upper arc. */
const NAME_SPAN_PER_CHAR = 24;
const NAME_SPAN = { min: 120, max: 240 } as const;
/** The least space between two characters of the name, in ems. */
const NAME_MIN_GAP = 0.1;
const STAR_RADIUS = 0.33;
/** A regular pentagram's inner to outer radius: (3 − √5) / 2. */
const STAR_INNER = (3 - Math.sqrt(5)) / 2;
const BOTTOM_SIZE = 0.16;
const BOTTOM_BASELINE = 0.62;
const BOTTOM_MAX_WIDTH = 0.9;

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const num = (value: number) => Number(value.toFixed(3));

/** A full circle as two arcs; `clockwise` picks its winding, so that an inner circle of the other winding is a hole. */
function circle(r: number, clockwise: boolean): string {
  const sweep = clockwise ? 1 : 0;
  return `M ${num(r)} 0 A ${num(r)} ${num(r)} 0 1 ${sweep} ${num(-r)} 0 A ${num(r)} ${num(r)} 0 1 ${sweep} ${num(r)} 0 Z`;
}

function star(outer: number): string {
  const points = Array.from({ length: 10 }, (_, k) => {
    const r = k % 2 ? outer * STAR_INNER : outer;
    const angle = radians(k * 36);
    return `${num(r * Math.sin(angle))} ${num(-r * Math.cos(angle))}`;
  });
  return `M ${points.join(' L ')} Z`;
}

/**
 * The company name along the upper arc, centred on the top. A longer name spans more of the arc; one
 * too long for 240° at the usual size is set smaller. Characters are spaced evenly so that the name
 * fills its span whatever the characters' widths (Latin letters and digits are narrower).
 */
function arcText(name: string, measure: MeasureText): PlacedText[] {
  const chars = Array.from(name);
  if (!chars.length) return [];
  const widths = chars.map((char) => measure(char));
  const totalWidth = widths.reduce((sum, w) => sum + w, 0);
  const span = radians(Math.min(NAME_SPAN.max, Math.max(NAME_SPAN.min, chars.length * NAME_SPAN_PER_CHAR)));
  const top = 1 - RING_WIDTH - RING_GAP;
  // The arc at the characters' middle, top − (EM_TOP − EM_MIDDLE)·size, must hold their widths and the least gaps.
  const fitting = (span * top) / (totalWidth + (chars.length - 1) * NAME_MIN_GAP + span * (EM_TOP - EM_MIDDLE));
  const size = Math.min(NAME_SIZE, fitting);
  const baseline = top - EM_TOP * size;
  const middle = baseline + EM_MIDDLE * size;
  const gap = chars.length > 1 ? (span * middle - totalWidth * size) / (chars.length - 1) : 0;

  let along = -(span * middle) / 2;
  return chars.map((text, i) => {
    const width = widths[i] * size;
    const angle = (along + width / 2) / middle;
    along += width + gap;
    // From the baseline's centre on the circle, back half the width along the baseline's direction.
    const [sin, cos] = [Math.sin(angle), Math.cos(angle)];
    return { text, x: baseline * sin - (width / 2) * cos, y: -baseline * cos - (width / 2) * sin, rotation: (angle * 180) / Math.PI, size };
  });
}

function bottomLine(text: string, measure: MeasureText): PlacedText {
  const width = measure(text);
  const size = Math.min(BOTTOM_SIZE, BOTTOM_MAX_WIDTH / width);
  return { text, x: (-width * size) / 2, y: BOTTOM_BASELINE, rotation: 0, size };
}

/** The seal of `radius`, centred on the origin. */
export function sealGeometry(companyName: string, bottomText: string | null, radius: number, measure: MeasureText): SealGeometry {
  const texts = [...arcText(companyName, measure), ...(bottomText ? [bottomLine(bottomText, measure)] : [])];
  const scale = (value: number) => num(value * radius);
  return {
    paths: [`${circle(radius, true)} ${circle(radius * (1 - RING_WIDTH), false)}`, star(STAR_RADIUS * radius)],
    texts: texts.map((t) => ({ text: t.text, x: scale(t.x), y: scale(t.y), rotation: num(t.rotation), size: scale(t.size) })),
  };
}
