import { bodyShapeProblem } from './body-shape';

/** `levels` arrays inside each other, built without recursion. */
const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('bodyShapeProblem', () => {
  it('passes flat values and real bodies', () => {
    for (const value of [null, 'x', 1, true, undefined]) expect(bodyShapeProblem(value)).toBeNull();
    const resume = { name: '张三', employee_edu: [{ school: '一中', start: '2010-09' }], work_exp: [{ company: 'A' }, { company: 'B' }] };
    expect(bodyShapeProblem(resume)).toBeNull();
  });

  it('counts the body itself as the first level', () => {
    expect(bodyShapeProblem({ a: nested(7) }, { depth: 8, entries: 100 })).toBeNull();
    expect(bodyShapeProblem({ a: nested(8) }, { depth: 8, entries: 100 })).toBe('嵌套过深：最多 8 层');
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    // JSON.parse itself copes with this; what walks it afterwards must too.
    const deep = JSON.parse(`{"username":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(bodyShapeProblem(deep)).toBe('嵌套过深：最多 8 层');
  });

  it('counts keys and array items over all levels', () => {
    expect(bodyShapeProblem({ a: [1, 2], b: { c: 3 } }, { depth: 8, entries: 5 })).toBeNull();
    expect(bodyShapeProblem({ a: [1, 2], b: { c: 3, d: 4 } }, { depth: 8, entries: 5 })).toBe('字段过多：最多 5 个');
    expect(bodyShapeProblem(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])))).toBe('字段过多：最多 2000 个');
    expect(bodyShapeProblem({ list: new Array(100_000).fill(0) })).toBe('字段过多：最多 2000 个');
  });
});
