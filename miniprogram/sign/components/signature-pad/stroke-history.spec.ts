import { StrokeHistory, type Point } from './stroke-history';

const draw = (history: StrokeHistory, ...points: Point[]): void => {
  history.begin(points[0]);
  for (const point of points.slice(1)) history.extend(point);
  history.end();
};

describe('StrokeHistory', () => {
  it('starts empty with nothing to undo or redo', () => {
    const history = new StrokeHistory();
    expect(history.isEmpty).toBe(true);
    expect(history.canUndo).toBe(false);
    expect(history.canRedo).toBe(false);
    expect(history.undo()).toBe(false);
    expect(history.redo()).toBe(false);
  });

  it('shows the stroke being drawn, and keeps it once the finger lifts', () => {
    const history = new StrokeHistory();
    history.begin({ x: 0, y: 0 });
    expect(history.extend({ x: 10, y: 0 })).toBe(true);
    expect(history.strokes).toEqual([[{ x: 0, y: 0 }, { x: 10, y: 0 }]]);
    expect(history.drawing).toEqual([{ x: 0, y: 0 }, { x: 10, y: 0 }]);
    expect(history.canUndo).toBe(false);
    expect(history.end()).toBe(true);
    expect(history.drawing).toBeNull();
    expect(history.strokes).toHaveLength(1);
    expect(history.canUndo).toBe(true);
  });

  it('ignores jitter and moves without a touch start', () => {
    const history = new StrokeHistory();
    expect(history.extend({ x: 5, y: 5 })).toBe(false);
    expect(history.end()).toBe(false);
    history.begin({ x: 0, y: 0 });
    expect(history.extend({ x: 0.5, y: 0.5 })).toBe(false);
    expect(history.strokes[0]).toHaveLength(1);
  });

  it('undoes and redoes stroke by stroke', () => {
    const history = new StrokeHistory();
    draw(history, { x: 0, y: 0 }, { x: 10, y: 10 });
    draw(history, { x: 20, y: 0 }, { x: 30, y: 10 });
    expect(history.undo()).toBe(true);
    expect(history.strokes).toEqual([[{ x: 0, y: 0 }, { x: 10, y: 10 }]]);
    expect(history.canRedo).toBe(true);
    expect(history.redo()).toBe(true);
    expect(history.strokes).toHaveLength(2);
    expect(history.canRedo).toBe(false);
  });

  it('forgets what was undone once a new stroke is drawn', () => {
    const history = new StrokeHistory();
    draw(history, { x: 0, y: 0 }, { x: 10, y: 10 });
    history.undo();
    draw(history, { x: 50, y: 50 }, { x: 60, y: 60 });
    expect(history.canRedo).toBe(false);
    expect(history.strokes).toEqual([[{ x: 50, y: 50 }, { x: 60, y: 60 }]]);
  });

  it('makes clearing one step that undo takes back', () => {
    const history = new StrokeHistory();
    draw(history, { x: 0, y: 0 }, { x: 10, y: 10 });
    draw(history, { x: 20, y: 0 }, { x: 30, y: 10 });
    expect(history.clear()).toBe(true);
    expect(history.isEmpty).toBe(true);
    expect(history.clear()).toBe(false);
    expect(history.undo()).toBe(true);
    expect(history.strokes).toHaveLength(2);
  });
});
