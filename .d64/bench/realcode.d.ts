/** `for (const i of prange(a, b, s))` written back as `for (let i = a; i < b; i += s)` (steps are positive in the corpus). */
export declare function toForLoops(src: string): string;
