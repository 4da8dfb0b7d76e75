/** The examples that compute something, in the order the demo and the bench run them. */
import type { Example } from "./example.js";
/** Kernels that compute something, each checked against exact math or plain JS. */
export declare const examples: readonly Example[];
