import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException } from './app.exception';
import { bodyShapeError } from './body-shape';

/** The first problem, named by its full path (`employee_edu[0].school`), as the 400 message. */
function firstProblem(errors: ValidationError[], parent = ''): string | null {
  for (const error of errors) {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length) return `${path}: ${messages[0]}`;
    const nested = firstProblem(error.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/**
 * Measures the body before class-transformer walks it: the body parsers do so for JSON and forms,
 * and this covers multipart fields (multer builds `a[b][c]` names into objects) and anything else
 * that fills the body.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const refusal = metadata.type === 'body' ? bodyShapeError(value) : null;
    if (refusal) throw refusal;
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.invalid(...(splitProblem(firstProblem(errors) ?? 'body: 请求参数有误'))),
  });
}

function splitProblem(problem: string): [string, string] {
  const at = problem.indexOf(': ');
  return [problem.slice(0, at), problem.slice(at + 2)];
}
