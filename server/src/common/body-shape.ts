import { ErrorCode } from '@shanqian/shared';
import { AppException } from './app.exception';

/**
 * How far any real body goes: the deepest (a resume's `employee_edu[0][school]`) has 3 levels of
 * objects and arrays, the largest a few hundred fields. Far past that is an attack on what walks the
 * body afterwards (class-transformer and class-validator recurse, and a few thousand levels overflow
 * their stack), so it is refused before they run.
 */
export const BODY_LIMITS = { depth: 8, entries: 2000 } as const;

/**
 * Why `value` is nested deeper, or holds more entries (keys and array items, counted over all
 * levels), than BODY_LIMITS allow; null when it is within them. Iterative, so no depth can overflow
 * it, and it stops at the first excess, so a huge body costs no more than the limits.
 */
export function bodyShapeProblem(value: unknown, limits: { depth: number; entries: number } = BODY_LIMITS): string | null {
  if (!isContainer(value)) return null;
  const pending: [object, number][] = [[value, 1]];
  let entries = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    for (const key in node) {
      if (++entries > limits.entries) return `字段过多：最多 ${limits.entries} 个`;
      const child = (node as Record<string, unknown>)[key];
      if (!isContainer(child)) continue;
      if (depth >= limits.depth) return `嵌套过深：最多 ${limits.depth} 层`;
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

/** The body's shape as an error: a 400 BodyMalformed naming the problem, or null when the body is fine. */
export function bodyShapeError(body: unknown): AppException | null {
  const problem = bodyShapeProblem(body);
  return problem === null ? null : new AppException(ErrorCode.BodyMalformed, `请求体${problem}`);
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
