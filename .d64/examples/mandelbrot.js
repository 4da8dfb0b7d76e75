/**
 * Mandelbrot set: iteration counts of a width × height image, one prange iteration per row.
 * Rows near the set take far longer than rows outside it, so the kernel uses the dynamic
 * schedule with one row per chunk: threads claim rows as they finish, keeping all of them busy.
 */
import { parallel, prange } from "../index.js";
import { both, defineExample, exactly, sameArray } from "./example.js";
/** The unwrapped function: writes counts into img (row-major) and returns their total. */
export const plain = (img, width, height, maxIter, x0, y0, x1, y1) => {
    const dx = (x1 - x0) / width;
    const dy = (y1 - y0) / height;
    let total = 0;
    for (const row of prange(height)) {
        const ci = y0 + row * dy;
        for (let col = 0; col < width; col++) {
            const cr = x0 + col * dx;
            let zr = 0;
            let zi = 0;
            let it = 0;
            while (it < maxIter && zr * zr + zi * zi <= 4) {
                const t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it += 1;
            }
            img[row * width + col] = it;
            total += it;
        }
    }
    return total;
};
/** Dynamic schedule, one row per chunk. */
export const options = { schedule: "dynamic", chunkSize: 1 };
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain, options);
/** Input: an empty image and the view [-2, 1] × [-1.25, 1.25]. */
export const makeInput = (width = 1200, height = 1000, maxIter = 500) => [
    new Int32Array(width * height),
    width,
    height,
    maxIter,
    -2,
    -1.25,
    1,
    1.25,
];
/** Same image and same total as plain JS (integer counts: exactly). */
export const check = (got, ref) => {
    const [img, total] = got;
    const [refImg, refTotal] = ref;
    return both(sameArray(img, refImg), exactly(total, refTotal, "plain JS total"));
};
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "mandelbrot",
    title: "Mandelbrot 1200 × 1000, dynamic schedule",
    plain,
    options,
    kernel,
    makeInput,
    output: (ret, args) => [args[0], ret],
    check,
});
