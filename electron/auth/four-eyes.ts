/**
 * Four eyes (PRODUCT F14): with the switch on, nobody, admin included, decides a request they
 * submitted, confirms a bank match for one, or resolves an unmatched payment they recorded.
 * One rule, called by those services inside their transaction before they write anything,
 * so the refusal rolls everything back.
 */
import { AppError } from '../../shared/result';

/** FOUR_EYES_REQUIRED when four eyes is on and `actor` is the person who made the thing being decided. */
export function assertFourEyes(fourEyes: boolean, madeBy: string, actor: string, what: Record<string, unknown>): void {
  if (fourEyes && madeBy === actor) {
    throw new AppError(
      'FOUR_EYES_REQUIRED',
      'You submitted this request, so another person must accept or reject it.',
      { ...what, submittedBy: madeBy },
    );
  }
}
