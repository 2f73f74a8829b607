/** Identity graph failures: the shared named errors, plus what blocks a refused undo. */
import { ContinuumError, type ErrorCode } from '../../shared/errors';

export class IdentityError extends ContinuumError {
  override readonly name = 'IdentityError';
  constructor(
    code: ErrorCode,
    message: string,
    /** Undo refusals: the operations to undo first. */
    readonly blockers: readonly string[] = [],
  ) {
    super(code, message);
  }
}
