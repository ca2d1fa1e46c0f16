import type { WorkPositionRequest } from '@shanqian/shared';
import { OptionalInt, RequiredText } from '../../common/form-fields';

/** POST /admin/work-positions and PUT /admin/work-positions/:id. */
export class WorkPositionDto implements WorkPositionRequest {
  @RequiredText(16) name!: string;
  /** Place in the mini-program's picker, ascending; 0 when absent. */
  @OptionalInt({ min: 0, max: 100000 }) sort?: number | null;
}
