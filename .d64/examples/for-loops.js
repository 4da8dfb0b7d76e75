const pi = (nsteps) => {
    const dx = 1 / nsteps;
    let sum = 0;
    for (let i = 0; i < nsteps; i++) {
        const x = (i + 0.5) * dx;
        sum += 4 / (1 + x * x);
    }
    return sum * dx;
};
const simpson = (a, b, n) => {
    const h = (b - a) / n;
    let sum = Math.exp(a) + Math.exp(b);
    for (let i = 1; i < n; i++) {
        const x = a + i * h;
        if (i % 2 === 1)
            sum += 4 * Math.exp(x);
        else
            sum += 2 * Math.exp(x);
    }
    return (sum * h) / 3;
};
const integral2d = (n) => {
    const h = Math.PI / n;
    let sum = 0;
    for (let i = 0; i < n; i++) {
        const x = (i + 0.5) * h;
        for (let j = 0; j < n; j++)
            sum += Math.sin(x + (j + 0.5) * h);
    }
    return sum * h * h;
};
const intsum = (a, b, c, d) => {
    let sum = 0;
    for (let i = 0; i < a; i++) {
        for (let j = 0; j < b; j++) {
            for (let k = 0; k < c; k++) {
                const base = ((i * b + j) * c + k) * d;
                for (let l = 0; l < d; l++)
                    sum += base + l;
            }
        }
    }
    return sum;
};
const matvec = (A, x, y, n) => {
    for (let i = 0; i < n; i++) {
        const row = i * n;
        let s = 0;
        for (let j = 0; j < n; j++)
            s += A[row + j] * x[j];
        y[i] = s;
    }
};
const kmeans = (points, centroids, labels, n, d, k) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
        let best = -1;
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
const mandelbrot = (img, width, height, maxIter, x0, y0, x1, y1) => {
    const dx = (x1 - x0) / width;
    const dy = (y1 - y0) / height;
    let total = 0;
    for (let row = 0; row < height; row++) {
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
                it++;
            }
            img[row * width + col] = it;
            total += it;
        }
    }
    return total;
};
/** The hand-written loop version of each example, by example name. */
export const loops = {
    pi,
    simpson,
    integral2d,
    intsum,
    matvec,
    kmeans,
    mandelbrot,
};
