/**
 * An expected failure: bad input, a refused request, a missing file. Its message says what went
 * wrong, where, and what to do next; the CLI prints it as one line without a stack trace.
 * Anything that is not a UserError is a bug and is printed with a stack and "please report".
 */
// @ts-nocheck

export class UserError extends Error {
  constructor(
    message: string,
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong command-line usage: unknown flag, missing argument. Exit code 1 like every other error. */
export class UsageError extends UserError {}
