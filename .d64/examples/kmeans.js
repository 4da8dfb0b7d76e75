/**
 * The assignment step of k-means: label every point with its nearest centroid and return the
 * total distortion (sum of squared distances to the nearest centroid). Each prange iteration
 * writes its own labels[i]; `total +=` is a reduction.
 */
import { parallel, prange } from "../index.js";
import { both, defineExample, near, randomArray, sameArray } from "./example.js";
/** The unwrapped function: points is n × d, centroids is k × d, both row-major. */
export const plain = (points, centroids, labels, n, d, k) => {
    let total = 0;
    for (const i of prange(n)) {
        let best = -1; // no centroid seen yet
        let bestC = 0;
        for (let c = 0; c < k; c++) {
            let dist = 0;
            for (let j = 0; j < d; j++) {
                const diff = points[i * d + j] - centroids[c * d + j];
                dist += diff * diff;
            }
            if (best < 0 || dist < best) {
                best = dist;
                bestC = c;
            }
        }
        labels[i] = bestC;
        total += best;
    }
    return total;
};
/** The same function compiled to WebAssembly threads. */
export const kernel = parallel(plain);
/** Input: n random points in [0,1)^d and k random centroids, labels zeroed. */
export const makeInput = (n = 1_000_000, d = 3, k = 16) => [
    randomArray(n * d, 3),
    randomArray(k * d, 4),
    new Int32Array(n),
    n,
    d,
    k,
];
/** Labels identical to plain JS, distortion equal up to the order of summation. */
export const check = (got, ref) => {
    const [labels, total] = got;
    const [refLabels, refTotal] = ref;
    return both(sameArray(labels, refLabels), near(total, refTotal, 1e-9, "plain JS distortion"));
};
/** The demo's and the bench's record of this example. */
export const example = defineExample({
    name: "kmeans",
    title: "k-means assignment, 1e6 points, d = 3, k = 16",
    plain,
    kernel,
    makeInput,
    output: (ret, args) => [args[2], ret],
    check,
});
