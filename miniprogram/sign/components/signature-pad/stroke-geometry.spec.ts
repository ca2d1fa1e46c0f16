import { exportSize, segmentTo, signatureProblem, strokePath, strokeTail, SIGNATURE_PNG } from './stroke-geometry';

describe('stroke geometry', () => {
  const stroke = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 20, y: 10 },
  ];

  it('smooths a stroke through the midpoints, the touch points as control points', () => {
    expect(segmentTo(stroke, 1)).toEqual([
      { kind: 'move', to: { x: 0, y: 0 } },
      { kind: 'line', to: { x: 5, y: 0 } },
    ]);
    expect(segmentTo(stroke, 2)).toEqual([
      { kind: 'move', to: { x: 5, y: 0 } },
      { kind: 'quad', control: { x: 10, y: 0 }, to: { x: 15, y: 5 } },
    ]);
    expect(strokeTail(stroke)).toEqual([
      { kind: 'move', to: { x: 15, y: 5 } },
      { kind: 'line', to: { x: 20, y: 10 } },
    ]);
  });

  it('redraws a stroke exactly as it was drawn piece by piece', () => {
    expect(strokePath(stroke)).toEqual([...segmentTo(stroke, 1), ...segmentTo(stroke, 2), ...strokeTail(stroke)]);
  });

  it('draws a tap as a dot', () => {
    expect(strokePath([{ x: 3, y: 4 }])).toEqual([{ kind: 'dot', at: { x: 3, y: 4 } }]);
    expect(strokeTail([])).toEqual([]);
  });

  it('refuses an empty pad and a mere dot, accepts a written name', () => {
    expect(signatureProblem([])).toBe('请先在框内签名');
    expect(signatureProblem([[{ x: 10, y: 10 }], [{ x: 12, y: 11 }]])).toMatch(/签名太小/);
    expect(signatureProblem([[{ x: 10, y: 10 }, { x: 80, y: 40 }]])).toBeNull();
  });

  it('exports at the screen pixel ratio within the server limits', () => {
    expect(exportSize(343, 180, 3)).toEqual({ width: 1029, height: 540 });
    // A very sharp screen does not make a heavy file.
    expect(exportSize(400, 200, 4)).toEqual({ width: SIGNATURE_PNG.targetLongSide, height: 600 });
    // A tiny pad still gives at least 100×50.
    expect(exportSize(80, 20, 1)).toEqual({ width: 200, height: 50 });
    // An absurdly long pad never passes 4096.
    const long = exportSize(5000, 100, 1);
    expect(long.width).toBeLessThanOrEqual(SIGNATURE_PNG.maxSide);
    expect(long.height).toBeGreaterThanOrEqual(SIGNATURE_PNG.minHeight);
  });
});
