import { example as pi } from "./pi.js";
import { example as simpson } from "./simpson.js";
import { example as integral2d } from "./integral2d.js";
import { example as intsum } from "./intsum.js";
import { example as matvec } from "./matvec.js";
import { example as kmeans } from "./kmeans.js";
import { example as mandelbrot } from "./mandelbrot.js";
/** Kernels that compute something, each checked against exact math or plain JS. */
export const examples = [pi, simpson, integral2d, intsum, matvec, kmeans, mandelbrot];
