/**
 * The real-code corpus (issue 10): published loop kernels ported line by line to TypeScript,
 * with `prange` only on the loops that OpenMP versions of the same code parallelise. Sources and
 * licences: README.md beside this file. Two-dimensional C arrays are flattened row-major
 * (`A[i][j]` is `A[i * n + j]`); nothing else about the loops is changed unless the README says so.
 *
 * Each entry gives the kernel, how to make its inputs (a small size for the differential test, a
 * larger one for the benchmark), the helpers and constants it needs from module scope (`globals`),
 * whether a float reduction makes it exact only within reassociation error, the race diagnostics
 * parfor reports on it (each one explained), and, for a kernel that needs a feature parfor does
 * not have yet, why it is pending.
 *
 * This file is imported by test/realcode/realcode.test.ts and by bench/realcode.ts, so it imports
 * only `prange`.
 */
import { prange } from "../../index.js";
export { Rng } from "../rng.js";
const pick = (size, test, bench) => (size === "test" ? test : bench);
// ---------------------------------------------------------------------------------------------
// PolyBench/C 4.2.1: linear algebra
// ---------------------------------------------------------------------------------------------
function gemm(ni, nj, nk, alpha, beta, C, A, B) {
    for (const i of prange(ni)) {
        for (let j = 0; j < nj; j++)
            C[i * nj + j] *= beta;
        for (let k = 0; k < nk; k++) {
            for (let j = 0; j < nj; j++)
                C[i * nj + j] += alpha * A[i * nk + k] * B[k * nj + j];
        }
    }
}
function gemver(n, alpha, beta, A, u1, v1, u2, v2, w, x, y, z) {
    for (const i of prange(n))
        for (let j = 0; j < n; j++)
            A[i * n + j] = A[i * n + j] + u1[i] * v1[j] + u2[i] * v2[j];
    for (const i of prange(n))
        for (let j = 0; j < n; j++)
            x[i] = x[i] + beta * A[j * n + i] * y[j];
    for (const i of prange(n))
        x[i] = x[i] + z[i];
    for (const i of prange(n))
        for (let j = 0; j < n; j++)
            w[i] = w[i] + alpha * A[i * n + j] * x[j];
}
function gesummv(n, alpha, beta, A, B, tmp, x, y) {
    for (const i of prange(n)) {
        tmp[i] = 0.0;
        y[i] = 0.0;
        for (let j = 0; j < n; j++) {
            tmp[i] = A[i * n + j] * x[j] + tmp[i];
            y[i] = B[i * n + j] * x[j] + y[i];
        }
        y[i] = alpha * tmp[i] + beta * y[i];
    }
}
function atax(m, n, A, x, y, tmp) {
    for (const i of prange(n))
        y[i] = 0;
    for (const i of prange(m)) {
        tmp[i] = 0.0;
        for (let j = 0; j < n; j++)
            tmp[i] = tmp[i] + A[i * n + j] * x[j];
        for (let j = 0; j < n; j++)
            y[j] = y[j] + A[i * n + j] * tmp[i];
    }
}
function bicg(m, n, A, s, q, p, r) {
    for (const i of prange(m))
        s[i] = 0;
    for (const i of prange(n)) {
        q[i] = 0.0;
        for (let j = 0; j < m; j++) {
            s[j] = s[j] + r[i] * A[i * m + j];
            q[i] = q[i] + A[i * m + j] * p[j];
        }
    }
}
function mvt(n, x1, x2, y_1, y_2, A) {
    for (const i of prange(n))
        for (let j = 0; j < n; j++)
            x1[i] = x1[i] + A[i * n + j] * y_1[j];
    for (const i of prange(n))
        for (let j = 0; j < n; j++)
            x2[i] = x2[i] + A[j * n + i] * y_2[j];
}
function syrk(n, m, alpha, beta, C, A) {
    for (const i of prange(n)) {
        for (let j = 0; j <= i; j++)
            C[i * n + j] *= beta;
        for (let k = 0; k < m; k++) {
            for (let j = 0; j <= i; j++)
                C[i * n + j] += alpha * A[i * m + k] * A[j * m + k];
        }
    }
}
function syr2k(n, m, alpha, beta, C, A, B) {
    for (const i of prange(n)) {
        for (let j = 0; j <= i; j++)
            C[i * n + j] *= beta;
        for (let k = 0; k < m; k++) {
            for (let j = 0; j <= i; j++)
                C[i * n + j] += A[j * m + k] * alpha * B[i * m + k] + B[j * m + k] * alpha * A[i * m + k];
        }
    }
}
function trmm(m, n, alpha, A, B) {
    for (let i = 0; i < m; i++) {
        for (const j of prange(n)) {
            for (let k = i + 1; k < m; k++)
                B[i * n + j] += A[k * m + i] * B[k * n + j];
            B[i * n + j] = alpha * B[i * n + j];
        }
    }
}
function symm(m, n, alpha, beta, C, A, B) {
    let temp2;
    for (let i = 0; i < m; i++) {
        for (const j of prange(n)) {
            temp2 = 0;
            for (let k = 0; k < i; k++) {
                C[k * n + j] += alpha * B[i * n + j] * A[i * m + k];
                temp2 += B[k * n + j] * A[i * m + k];
            }
            C[i * n + j] = beta * C[i * n + j] + alpha * B[i * n + j] * A[i * m + i] + alpha * temp2;
        }
    }
}
function k2mm(ni, nj, nk, nl, alpha, beta, tmp, A, B, C, D) {
    for (const i of prange(ni)) {
        for (let j = 0; j < nj; j++) {
            tmp[i * nj + j] = 0.0;
            for (let k = 0; k < nk; ++k)
                tmp[i * nj + j] += alpha * A[i * nk + k] * B[k * nj + j];
        }
    }
    for (const i of prange(ni)) {
        for (let j = 0; j < nl; j++) {
            D[i * nl + j] *= beta;
            for (let k = 0; k < nj; ++k)
                D[i * nl + j] += tmp[i * nj + k] * C[k * nl + j];
        }
    }
}
function k3mm(ni, nj, nk, nl, nm, E, A, B, F, C, D, G) {
    for (const i of prange(ni)) {
        for (let j = 0; j < nj; j++) {
            E[i * nj + j] = 0.0;
            for (let k = 0; k < nk; ++k)
                E[i * nj + j] += A[i * nk + k] * B[k * nj + j];
        }
    }
    for (const i of prange(nj)) {
        for (let j = 0; j < nl; j++) {
            F[i * nl + j] = 0.0;
            for (let k = 0; k < nm; ++k)
                F[i * nl + j] += C[i * nm + k] * D[k * nl + j];
        }
    }
    for (const i of prange(ni)) {
        for (let j = 0; j < nl; j++) {
            G[i * nl + j] = 0.0;
            for (let k = 0; k < nj; ++k)
                G[i * nl + j] += E[i * nj + k] * F[k * nl + j];
        }
    }
}
/** PolyBench passes `sum` as an argument; OpenMP versions make it private to each (r, q): a local array. */
function doitgen(nr, nq, np, A, C4) {
    for (const r of prange(nr)) {
        const sum = new Float64Array(np);
        for (let q = 0; q < nq; q++) {
            for (let p = 0; p < np; p++) {
                sum[p] = 0.0;
                for (let s = 0; s < np; s++)
                    sum[p] += A[(r * nq + q) * np + s] * C4[s * np + p];
            }
            for (let p = 0; p < np; p++)
                A[(r * nq + q) * np + p] = sum[p];
        }
    }
}
function gramschmidt(m, n, A, R, Q) {
    let nrm;
    for (let k = 0; k < n; k++) {
        nrm = 0.0;
        for (const i of prange(m))
            nrm += A[i * n + k] * A[i * n + k];
        R[k * n + k] = Math.sqrt(nrm);
        for (const i of prange(m))
            Q[i * n + k] = A[i * n + k] / R[k * n + k];
        for (const j of prange(k + 1, n)) {
            R[k * n + j] = 0.0;
            for (let i = 0; i < m; i++)
                R[k * n + j] += Q[i * n + k] * A[i * n + j];
            for (let i = 0; i < m; i++)
                A[i * n + j] = A[i * n + j] - Q[i * n + k] * R[k * n + j];
        }
    }
}
function covariance(m, n, float_n, data, cov, mean) {
    for (const j of prange(m)) {
        mean[j] = 0.0;
        for (let i = 0; i < n; i++)
            mean[j] += data[i * m + j];
        mean[j] /= float_n;
    }
    for (const i of prange(n))
        for (let j = 0; j < m; j++)
            data[i * m + j] -= mean[j];
    for (const i of prange(m)) {
        for (let j = i; j < m; j++) {
            cov[i * m + j] = 0.0;
            for (let k = 0; k < n; k++)
                cov[i * m + j] += data[k * m + i] * data[k * m + j];
            cov[i * m + j] /= float_n - 1.0;
            cov[j * m + i] = cov[i * m + j];
        }
    }
}
function correlation(m, n, float_n, data, corr, mean, stddev) {
    const eps = 0.1;
    for (const j of prange(m)) {
        mean[j] = 0.0;
        for (let i = 0; i < n; i++)
            mean[j] += data[i * m + j];
        mean[j] /= float_n;
    }
    for (const j of prange(m)) {
        stddev[j] = 0.0;
        for (let i = 0; i < n; i++)
            stddev[j] += (data[i * m + j] - mean[j]) * (data[i * m + j] - mean[j]);
        stddev[j] /= float_n;
        stddev[j] = Math.sqrt(stddev[j]);
        stddev[j] = stddev[j] <= eps ? 1.0 : stddev[j];
    }
    for (const i of prange(n)) {
        for (let j = 0; j < m; j++) {
            data[i * m + j] -= mean[j];
            data[i * m + j] /= Math.sqrt(float_n) * stddev[j];
        }
    }
    for (const i of prange(m - 1)) {
        corr[i * m + i] = 1.0;
        for (let j = i + 1; j < m; j++) {
            corr[i * m + j] = 0.0;
            for (let k = 0; k < n; k++)
                corr[i * m + j] += data[k * m + i] * data[k * m + j];
            corr[j * m + i] = corr[i * m + j];
        }
    }
    corr[(m - 1) * m + (m - 1)] = 1.0;
}
// ---------------------------------------------------------------------------------------------
// PolyBench/C 4.2.1: stencils, medley
// ---------------------------------------------------------------------------------------------
function jacobi1d(tsteps, n, A, B) {
    for (let t = 0; t < tsteps; t++) {
        for (const i of prange(1, n - 1))
            B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
        for (const i of prange(1, n - 1))
            A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
    }
}
function jacobi2d(tsteps, n, A, B) {
    for (let t = 0; t < tsteps; t++) {
        for (const i of prange(1, n - 1)) {
            for (let j = 1; j < n - 1; j++) {
                B[i * n + j] = 0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + 1 + j] + A[(1 + i) * n + j] + A[(i - 1) * n + j]);
            }
        }
        for (const i of prange(1, n - 1)) {
            for (let j = 1; j < n - 1; j++) {
                A[i * n + j] = 0.2 * (B[i * n + j] + B[i * n + j - 1] + B[i * n + 1 + j] + B[(1 + i) * n + j] + B[(i - 1) * n + j]);
            }
        }
    }
}
function heat3d(tsteps, n, A, B) {
    const nn = n * n;
    for (let t = 1; t <= tsteps; t++) {
        for (const i of prange(1, n - 1)) {
            for (let j = 1; j < n - 1; j++) {
                for (let k = 1; k < n - 1; k++) {
                    B[i * nn + j * n + k] = 0.125 * (A[(i + 1) * nn + j * n + k] - 2.0 * A[i * nn + j * n + k] + A[(i - 1) * nn + j * n + k])
                        + 0.125 * (A[i * nn + (j + 1) * n + k] - 2.0 * A[i * nn + j * n + k] + A[i * nn + (j - 1) * n + k])
                        + 0.125 * (A[i * nn + j * n + k + 1] - 2.0 * A[i * nn + j * n + k] + A[i * nn + j * n + k - 1])
                        + A[i * nn + j * n + k];
                }
            }
        }
        for (const i of prange(1, n - 1)) {
            for (let j = 1; j < n - 1; j++) {
                for (let k = 1; k < n - 1; k++) {
                    A[i * nn + j * n + k] = 0.125 * (B[(i + 1) * nn + j * n + k] - 2.0 * B[i * nn + j * n + k] + B[(i - 1) * nn + j * n + k])
                        + 0.125 * (B[i * nn + (j + 1) * n + k] - 2.0 * B[i * nn + j * n + k] + B[i * nn + (j - 1) * n + k])
                        + 0.125 * (B[i * nn + j * n + k + 1] - 2.0 * B[i * nn + j * n + k] + B[i * nn + j * n + k - 1])
                        + B[i * nn + j * n + k];
                }
            }
        }
    }
}
function fdtd2d(tmax, nx, ny, ex, ey, hz, _fict_) {
    for (let t = 0; t < tmax; t++) {
        for (const j of prange(ny))
            ey[0 * ny + j] = _fict_[t];
        for (const i of prange(1, nx))
            for (let j = 0; j < ny; j++)
                ey[i * ny + j] = ey[i * ny + j] - 0.5 * (hz[i * ny + j] - hz[(i - 1) * ny + j]);
        for (const i of prange(nx))
            for (let j = 1; j < ny; j++)
                ex[i * ny + j] = ex[i * ny + j] - 0.5 * (hz[i * ny + j] - hz[i * ny + j - 1]);
        for (const i of prange(nx - 1)) {
            for (let j = 0; j < ny - 1; j++) {
                hz[i * ny + j] = hz[i * ny + j] - 0.7 * (ex[i * ny + j + 1] - ex[i * ny + j] + ey[(i + 1) * ny + j] - ey[i * ny + j]);
            }
        }
    }
}
function adi(tsteps, n, u, v, p, q) {
    let DX, DY, DT, B1, B2, mul1, mul2, a, b, c, d, e, f;
    DX = 1.0 / n;
    DY = 1.0 / n;
    DT = 1.0 / tsteps;
    B1 = 2.0;
    B2 = 1.0;
    mul1 = (B1 * DT) / (DX * DX);
    mul2 = (B2 * DT) / (DY * DY);
    a = -mul1 / 2.0;
    b = 1.0 + mul1;
    c = a;
    d = -mul2 / 2.0;
    e = 1.0 + mul2;
    f = d;
    for (let t = 1; t <= tsteps; t++) {
        // Column Sweep
        for (const i of prange(1, n - 1)) {
            v[0 * n + i] = 1.0;
            p[i * n + 0] = 0.0;
            q[i * n + 0] = v[0 * n + i];
            for (let j = 1; j < n - 1; j++) {
                p[i * n + j] = -c / (a * p[i * n + j - 1] + b);
                q[i * n + j] = (-d * u[j * n + i - 1] + (1.0 + 2.0 * d) * u[j * n + i] - f * u[j * n + i + 1] - a * q[i * n + j - 1]) / (a * p[i * n + j - 1] + b);
            }
            v[(n - 1) * n + i] = 1.0;
            for (let j = n - 2; j >= 1; j--)
                v[j * n + i] = p[i * n + j] * v[(j + 1) * n + i] + q[i * n + j];
        }
        // Row Sweep
        for (const i of prange(1, n - 1)) {
            u[i * n + 0] = 1.0;
            p[i * n + 0] = 0.0;
            q[i * n + 0] = u[i * n + 0];
            for (let j = 1; j < n - 1; j++) {
                p[i * n + j] = -f / (d * p[i * n + j - 1] + e);
                q[i * n + j] = (-a * v[(i - 1) * n + j] + (1.0 + 2.0 * a) * v[i * n + j] - c * v[(i + 1) * n + j] - d * q[i * n + j - 1]) / (d * p[i * n + j - 1] + e);
            }
            u[i * n + n - 1] = 1.0;
            for (let j = n - 2; j >= 1; j--)
                u[i * n + j] = p[i * n + j] * u[i * n + j + 1] + q[i * n + j];
        }
    }
}
function deriche(w, h, alpha, imgIn, imgOut, y1, y2) {
    let xm1, tm1, ym1, ym2;
    let xp1, xp2;
    let tp1, tp2;
    let yp1, yp2;
    let k;
    let a1, a2, a3, a4, a5, a6, a7, a8;
    let b1, b2, c1, c2;
    k = ((1.0 - Math.exp(-alpha)) * (1.0 - Math.exp(-alpha))) / (1.0 + 2.0 * alpha * Math.exp(-alpha) - Math.exp(2.0 * alpha));
    a1 = a5 = k;
    a2 = a6 = k * Math.exp(-alpha) * (alpha - 1.0);
    a3 = a7 = k * Math.exp(-alpha) * (alpha + 1.0);
    a4 = a8 = -k * Math.exp(-2.0 * alpha);
    b1 = Math.pow(2.0, -alpha);
    b2 = -Math.exp(-2.0 * alpha);
    c1 = c2 = 1;
    for (const i of prange(w)) {
        ym1 = 0.0;
        ym2 = 0.0;
        xm1 = 0.0;
        for (let j = 0; j < h; j++) {
            y1[i * h + j] = a1 * imgIn[i * h + j] + a2 * xm1 + b1 * ym1 + b2 * ym2;
            xm1 = imgIn[i * h + j];
            ym2 = ym1;
            ym1 = y1[i * h + j];
        }
    }
    for (const i of prange(w)) {
        yp1 = 0.0;
        yp2 = 0.0;
        xp1 = 0.0;
        xp2 = 0.0;
        for (let j = h - 1; j >= 0; j--) {
            y2[i * h + j] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2;
            xp2 = xp1;
            xp1 = imgIn[i * h + j];
            yp2 = yp1;
            yp1 = y2[i * h + j];
        }
    }
    for (const i of prange(w))
        for (let j = 0; j < h; j++)
            imgOut[i * h + j] = c1 * (y1[i * h + j] + y2[i * h + j]);
    for (const j of prange(h)) {
        tm1 = 0.0;
        ym1 = 0.0;
        ym2 = 0.0;
        for (let i = 0; i < w; i++) {
            y1[i * h + j] = a5 * imgOut[i * h + j] + a6 * tm1 + b1 * ym1 + b2 * ym2;
            tm1 = imgOut[i * h + j];
            ym2 = ym1;
            ym1 = y1[i * h + j];
        }
    }
    for (const j of prange(h)) {
        tp1 = 0.0;
        tp2 = 0.0;
        yp1 = 0.0;
        yp2 = 0.0;
        for (let i = w - 1; i >= 0; i--) {
            y2[i * h + j] = a7 * tp1 + a8 * tp2 + b1 * yp1 + b2 * yp2;
            tp2 = tp1;
            tp1 = imgOut[i * h + j];
            yp2 = yp1;
            yp1 = y2[i * h + j];
        }
    }
    for (const i of prange(w))
        for (let j = 0; j < h; j++)
            imgOut[i * h + j] = c2 * (y1[i * h + j] + y2[i * h + j]);
}
function floydWarshall(n, path) {
    for (let k = 0; k < n; k++) {
        for (const i of prange(n)) {
            for (let j = 0; j < n; j++) {
                path[i * n + j] = path[i * n + j] < path[i * n + k] + path[k * n + j] ? path[i * n + j] : path[i * n + k] + path[k * n + j];
            }
        }
    }
}
// ---------------------------------------------------------------------------------------------
// Rodinia 3.1 (OpenMP versions)
// ---------------------------------------------------------------------------------------------
/** hotspot: single_iteration() of hotspot_openmp.cpp (the driver swaps temp and result between calls). */
function hotspot(result, temp, power, row, col, Cap, Rx, Ry, Rz, step) {
    let delta;
    const amb_temp = 80.0;
    const Rx_1 = 1 / Rx;
    const Ry_1 = 1 / Ry;
    const Rz_1 = 1 / Rz;
    const Cap_1 = step / Cap;
    for (const r of prange(row)) {
        for (let c = 0; c < col; c++) {
            if (r === 0 && c === 0) {
                delta = Cap_1 * (power[0] + (temp[1] - temp[0]) * Rx_1 + (temp[col] - temp[0]) * Ry_1 + (amb_temp - temp[0]) * Rz_1);
            }
            else if (r === 0 && c === col - 1) {
                delta = Cap_1 * (power[c] + (temp[c - 1] - temp[c]) * Rx_1 + (temp[c + col] - temp[c]) * Ry_1 + (amb_temp - temp[c]) * Rz_1);
            }
            else if (r === row - 1 && c === col - 1) {
                delta = Cap_1 * (power[r * col + c] + (temp[r * col + c - 1] - temp[r * col + c]) * Rx_1 + (temp[(r - 1) * col + c] - temp[r * col + c]) * Ry_1
                    + (amb_temp - temp[r * col + c]) * Rz_1);
            }
            else if (r === row - 1 && c === 0) {
                delta = Cap_1 * (power[r * col] + (temp[r * col + 1] - temp[r * col]) * Rx_1 + (temp[(r - 1) * col] - temp[r * col]) * Ry_1
                    + (amb_temp - temp[r * col]) * Rz_1);
            }
            else if (r === 0) {
                delta = Cap_1 * (power[c] + (temp[c + 1] + temp[c - 1] - 2.0 * temp[c]) * Rx_1 + (temp[col + c] - temp[c]) * Ry_1 + (amb_temp - temp[c]) * Rz_1);
            }
            else if (c === col - 1) {
                delta = Cap_1 * (power[r * col + c] + (temp[(r + 1) * col + c] + temp[(r - 1) * col + c] - 2.0 * temp[r * col + c]) * Ry_1
                    + (temp[r * col + c - 1] - temp[r * col + c]) * Rx_1 + (amb_temp - temp[r * col + c]) * Rz_1);
            }
            else if (r === row - 1) {
                delta = Cap_1 * (power[r * col + c] + (temp[r * col + c + 1] + temp[r * col + c - 1] - 2.0 * temp[r * col + c]) * Rx_1
                    + (temp[(r - 1) * col + c] - temp[r * col + c]) * Ry_1 + (amb_temp - temp[r * col + c]) * Rz_1);
            }
            else if (c === 0) {
                delta = Cap_1 * (power[r * col] + (temp[(r + 1) * col] + temp[(r - 1) * col] - 2.0 * temp[r * col]) * Ry_1
                    + (temp[r * col + 1] - temp[r * col]) * Rx_1 + (amb_temp - temp[r * col]) * Rz_1);
            }
            else {
                delta = Cap_1 * (power[r * col + c] + (temp[(r + 1) * col + c] + temp[(r - 1) * col + c] - 2.0 * temp[r * col + c]) * Ry_1
                    + (temp[r * col + c + 1] + temp[r * col + c - 1] - 2.0 * temp[r * col + c]) * Rx_1 + (amb_temp - temp[r * col + c]) * Rz_1);
            }
            result[r * col + c] = temp[r * col + c] + delta;
        }
    }
}
function srad(niter, rows, cols, r1, r2, c1, c2, lambda, J, c, dN, dS, dW, dE, iN, iS, jW, jE) {
    let k, Jc, G2, L, num, den, qsqr;
    let cN, cS, cW, cE, D;
    let sum, sum2, tmp, meanROI, varROI, q0sqr = 0;
    const size_R = (r2 - r1 + 1) * (c2 - c1 + 1);
    for (let iter = 0; iter < niter; iter++) {
        sum = 0;
        sum2 = 0;
        for (let i = r1; i <= r2; i++) {
            for (let j = c1; j <= c2; j++) {
                tmp = J[i * cols + j];
                sum += tmp;
                sum2 += tmp * tmp;
            }
        }
        meanROI = sum / size_R;
        varROI = sum2 / size_R - meanROI * meanROI;
        q0sqr = varROI / (meanROI * meanROI);
        for (const i of prange(rows)) {
            for (let j = 0; j < cols; j++) {
                k = i * cols + j;
                Jc = J[k];
                // directional derivates
                dN[k] = J[iN[i] * cols + j] - Jc;
                dS[k] = J[iS[i] * cols + j] - Jc;
                dW[k] = J[i * cols + jW[j]] - Jc;
                dE[k] = J[i * cols + jE[j]] - Jc;
                G2 = (dN[k] * dN[k] + dS[k] * dS[k] + dW[k] * dW[k] + dE[k] * dE[k]) / (Jc * Jc);
                L = (dN[k] + dS[k] + dW[k] + dE[k]) / Jc;
                num = 0.5 * G2 - (1.0 / 16.0) * (L * L);
                den = 1 + 0.25 * L;
                qsqr = num / (den * den);
                // diffusion coefficent (equ 33)
                den = (qsqr - q0sqr) / (q0sqr * (1 + q0sqr));
                c[k] = 1.0 / (1.0 + den);
                // saturate diffusion coefficent
                if (c[k] < 0)
                    c[k] = 0;
                else if (c[k] > 1)
                    c[k] = 1;
            }
        }
        for (const i of prange(rows)) {
            for (let j = 0; j < cols; j++) {
                // current index
                k = i * cols + j;
                // diffusion coefficent
                cN = c[k];
                cS = c[iS[i] * cols + j];
                cW = c[k];
                cE = c[i * cols + jE[j]];
                // divergence (equ 58)
                D = cN * dN[k] + cS * dS[k] + cW * dW[k] + cE * dE[k];
                // image update (equ 61)
                J[k] = J[k] + 0.25 * lambda * D;
            }
        }
    }
    return q0sqr;
}
function nn(rec_count, lat, lng, z, target_lat, target_long) {
    for (const i of prange(rec_count)) {
        const tmp_lat = lat[i];
        const tmp_long = lng[i];
        z[i] = Math.sqrt((tmp_lat - target_lat) * (tmp_lat - target_lat) + (tmp_long - target_long) * (tmp_long - target_long));
    }
}
function squash(x) {
    return 1.0 / (1.0 + Math.exp(-x));
}
/** bpnn_layerforward: conn is (n1 + 1) x (n2 + 1). */
function bpnnLayerforward(l1, l2, conn, n1, n2) {
    let sum;
    // Set up thresholding unit
    l1[0] = 1.0;
    // For each unit in second layer
    for (const j of prange(1, n2 + 1)) {
        // Compute weighted sum of its inputs
        sum = 0.0;
        for (let k = 0; k <= n1; k++)
            sum += conn[k * (n2 + 1) + j] * l1[k];
        l2[j] = squash(sum);
    }
}
/** bpnn_adjust_weights: w and oldw are (nly + 1) x (ndelta + 1). */
function bpnnAdjustWeights(delta, ndelta, ly, nly, w, oldw) {
    let new_dw;
    const ETA = 0.3;
    const MOMENTUM = 0.3;
    ly[0] = 1.0;
    for (const j of prange(1, ndelta + 1)) {
        for (let k = 0; k <= nly; k++) {
            new_dw = ETA * delta[j] * ly[k] + MOMENTUM * oldw[k * (ndelta + 1) + j];
            w[k * (ndelta + 1) + j] += new_dw;
            oldw[k * (ndelta + 1) + j] = new_dw;
        }
    }
}
/** lud: the reference decomposition of Rodinia's lud (lud_base.c), the two row/column loops in parallel. */
function lud(a, size) {
    let sum;
    for (let i = 0; i < size; i++) {
        for (const j of prange(i, size)) {
            sum = a[i * size + j];
            for (let k = 0; k < i; k++)
                sum -= a[i * size + k] * a[k * size + j];
            a[i * size + j] = sum;
        }
        for (const j of prange(i + 1, size)) {
            sum = a[j * size + i];
            for (let k = 0; k < i; k++)
                sum -= a[j * size + k] * a[k * size + i];
            a[j * size + i] = sum / a[i * size + i];
        }
    }
}
function maximum(a, b, c) {
    let k;
    if (a <= b)
        k = b;
    else
        k = a;
    if (k <= c)
        return c;
    else
        return k;
}
/** nw: the two anti-diagonal sweeps of needle.cpp's runTest (OpenMP). */
function nw(input_itemsets, referrence, max_cols, penalty) {
    let index;
    for (let i = 0; i < max_cols - 2; i++) {
        for (const idx of prange(i + 1)) {
            index = (idx + 1) * max_cols + (i + 1 - idx);
            input_itemsets[index] = maximum(input_itemsets[index - 1 - max_cols] + referrence[index], input_itemsets[index - 1] - penalty, input_itemsets[index - max_cols] - penalty);
        }
    }
    for (let i = max_cols - 4; i >= 0; i--) {
        for (const idx of prange(i + 1)) {
            index = (max_cols - idx - 2) * max_cols + idx + max_cols - i - 2;
            input_itemsets[index] = maximum(input_itemsets[index - 1 - max_cols] + referrence[index], input_itemsets[index - 1] - penalty, input_itemsets[index - max_cols] - penalty);
        }
    }
}
/** pathfinder: run() of pathfinder.cpp; src and dst are swapped every row. */
function pathfinder(wall, rows, cols, src, dst) {
    let temp;
    let min;
    for (let t = 0; t < rows - 1; t++) {
        temp = src;
        src = dst;
        dst = temp;
        for (const n of prange(cols)) {
            min = src[n];
            if (n > 0)
                min = Math.min(min, src[n - 1]);
            if (n < cols - 1)
                min = Math.min(min, src[n + 1]);
            dst[n] = wall[(t + 1) * cols + n] + min;
        }
    }
}
const GAMMA = 1.4;
function compute_speed_sqd(vx, vy, vz) {
    return vx * vx + vy * vy + vz * vz;
}
function compute_pressure(density, density_energy, speed_sqd) {
    return (GAMMA - 1.0) * (density_energy - 0.5 * density * speed_sqd);
}
function compute_speed_of_sound(density, pressure) {
    return Math.sqrt((GAMMA * pressure) / density);
}
/** cfd: compute_step_factor of euler3d_cpu.cpp (variables laid out as [var * nelr + i]). */
function cfdStepFactor(nelr, variables, areas, step_factors) {
    const VAR_DENSITY = 0;
    const VAR_MOMENTUM = 1;
    const VAR_DENSITY_ENERGY = VAR_MOMENTUM + 3;
    for (const i of prange(nelr)) {
        const density = variables[i + VAR_DENSITY * nelr];
        const momentum_x = variables[i + (VAR_MOMENTUM + 0) * nelr];
        const momentum_y = variables[i + (VAR_MOMENTUM + 1) * nelr];
        const momentum_z = variables[i + (VAR_MOMENTUM + 2) * nelr];
        const density_energy = variables[i + VAR_DENSITY_ENERGY * nelr];
        // compute_velocity(density, momentum, velocity)
        const velocity_x = momentum_x / density;
        const velocity_y = momentum_y / density;
        const velocity_z = momentum_z / density;
        const speed_sqd = compute_speed_sqd(velocity_x, velocity_y, velocity_z);
        const pressure = compute_pressure(density, density_energy, speed_sqd);
        const speed_of_sound = compute_speed_of_sound(density, pressure);
        step_factors[i] = 0.5 / (Math.sqrt(areas[i]) * (Math.sqrt(speed_sqd) + speed_of_sound));
    }
}
// ---------------------------------------------------------------------------------------------
// SciMark 2.0
// ---------------------------------------------------------------------------------------------
function sparseMatmult(M, y, val, row, col, x, NUM_ITERATIONS) {
    for (let reps = 0; reps < NUM_ITERATIONS; reps++) {
        for (const r of prange(M)) {
            let sum = 0.0;
            const rowR = row[r];
            const rowRp1 = row[r + 1];
            for (let i = rowR; i < rowRp1; i++)
                sum += x[col[i]] * val[i];
            y[r] = sum;
        }
    }
}
/** LU_factor; SciMark swaps row pointers, here the rows' elements are swapped. */
function luFactor(M, N, A, pivot) {
    const minMN = M < N ? M : N;
    let j = 0;
    for (j = 0; j < minMN; j++) {
        // find pivot in column j and  test for singularity.
        let jp = j;
        let i;
        let t = Math.abs(A[j * N + j]);
        for (i = j + 1; i < M; i++) {
            const ab = Math.abs(A[i * N + j]);
            if (ab > t) {
                jp = i;
                t = ab;
            }
        }
        pivot[j] = jp;
        // jp now has the index of maximum element of column j, below the diagonal
        if (A[jp * N + j] === 0)
            return 1; // factorization failed because of zero pivot
        if (jp !== j) {
            // swap rows j and jp
            for (let k = 0; k < N; k++) {
                const tA = A[j * N + k];
                A[j * N + k] = A[jp * N + k];
                A[jp * N + k] = tA;
            }
        }
        if (j < M - 1) {
            // compute elements j+1:M of jth column; note A(j,j), was A(jp,p) previously which was guarranteed not to be zero (Label #1)
            const recp = 1.0 / A[j * N + j];
            for (let k = j + 1; k < M; k++)
                A[k * N + j] *= recp;
        }
        if (j < minMN - 1) {
            // rank-1 update to trailing submatrix:   E = E - x*y;
            for (const ii of prange(j + 1, M)) {
                const AiiJ = A[ii * N + j];
                for (let jj = j + 1; jj < N; jj++)
                    A[ii * N + jj] -= AiiJ * A[j * N + jj];
            }
        }
    }
    return 0;
}
/** FFT_transform_internal (with FFT_bitreverse): data holds n complex numbers as re, im pairs. */
function fftTransform(N, data, direction) {
    const n = N / 2;
    let bit = 0;
    let logn = 0;
    let dual = 1;
    if (n === 1)
        return; // Identity operation!
    // int_log2(n)
    let k = 1;
    while (k < n) {
        k *= 2;
        logn++;
    }
    // bit reverse the input data for decimation in time algorithm
    {
        const nm1 = n - 1;
        let i = 0;
        let j = 0;
        for (; i < nm1; i++) {
            const ii = i << 1;
            const jj = j << 1;
            let kk = n >> 1;
            if (i < j) {
                const tmp_real = data[ii];
                const tmp_imag = data[ii + 1];
                data[ii] = data[jj];
                data[ii + 1] = data[jj + 1];
                data[jj] = tmp_real;
                data[jj + 1] = tmp_imag;
            }
            while (kk <= j) {
                j -= kk;
                kk >>= 1;
            }
            j += kk;
        }
    }
    // apply fft recursion: this loop executed int_log2(N) times
    for (bit = 0, dual = 1; bit < logn; bit++, dual *= 2) {
        let w_real = 1.0;
        let w_imag = 0.0;
        const theta = (2.0 * direction * Math.PI) / (2.0 * dual);
        const s = Math.sin(theta);
        const t = Math.sin(theta / 2.0);
        const s2 = 2.0 * t * t;
        // a = 0
        for (const b of prange(0, n, 2 * dual)) {
            const i = 2 * b;
            const j = 2 * (b + dual);
            const wd_real = data[j];
            const wd_imag = data[j + 1];
            data[j] = data[i] - wd_real;
            data[j + 1] = data[i + 1] - wd_imag;
            data[i] += wd_real;
            data[i + 1] += wd_imag;
        }
        // a = 1 .. (dual-1)
        for (let a = 1; a < dual; a++) {
            // trignometric recurrence for w-> exp(i theta) w
            {
                const tmp_real = w_real - s * w_imag - s2 * w_real;
                const tmp_imag = w_imag + s * w_real - s2 * w_imag;
                w_real = tmp_real;
                w_imag = tmp_imag;
            }
            for (const b of prange(0, n, 2 * dual)) {
                const i = 2 * (b + a);
                const j = 2 * (b + a + dual);
                const z1_real = data[j];
                const z1_imag = data[j + 1];
                const wd_real = w_real * z1_real - w_imag * z1_imag;
                const wd_imag = w_real * z1_imag + w_imag * z1_real;
                data[j] = data[i] - wd_real;
                data[j + 1] = data[i + 1] - wd_imag;
                data[i] += wd_real;
                data[i + 1] += wd_imag;
            }
        }
    }
}
// ---------------------------------------------------------------------------------------------
// NAS Parallel Benchmarks 3.x (OpenMP C versions)
// ---------------------------------------------------------------------------------------------
/** CG: conj_grad (NPB3.3-OMP), one processor's rows (firstrow = firstcol = 0). Returns rnorm. */
function cgConjGrad(naa, colidx, rowstr, x, z, a, p, q, r) {
    const cgitmax = 25;
    let d, sum, rho, rho0, alpha, beta;
    rho = 0.0;
    // Initialize the CG algorithm:
    for (const j of prange(naa)) {
        q[j] = 0.0;
        z[j] = 0.0;
        r[j] = x[j];
        p[j] = r[j];
    }
    // rho = r.r
    for (const j of prange(naa))
        rho = rho + r[j] * r[j];
    for (let cgit = 1; cgit <= cgitmax; cgit++) {
        // q = A.p
        for (const j of prange(naa)) {
            let suml = 0.0;
            for (let k = rowstr[j]; k < rowstr[j + 1]; k++)
                suml = suml + a[k] * p[colidx[k]];
            q[j] = suml;
        }
        // Obtain p.q
        d = 0.0;
        for (const j of prange(naa))
            d = d + p[j] * q[j];
        // Obtain alpha = rho / (p.q)
        alpha = rho / d;
        // Save a temporary of rho
        rho0 = rho;
        // Obtain z = z + alpha*p and r = r - alpha*q
        rho = 0.0;
        for (const j of prange(naa)) {
            z[j] = z[j] + alpha * p[j];
            r[j] = r[j] - alpha * q[j];
        }
        // rho = r.r
        for (const j of prange(naa))
            rho = rho + r[j] * r[j];
        // Obtain beta:
        beta = rho / rho0;
        // p = r + beta*p
        for (const j of prange(naa))
            p[j] = r[j] + beta * p[j];
    }
    // Compute residual norm explicitly:  ||r|| = ||x - A.z||
    sum = 0.0;
    for (const j of prange(naa)) {
        let suml = 0.0;
        for (let k = rowstr[j]; k < rowstr[j + 1]; k++)
            suml = suml + a[k] * z[colidx[k]];
        r[j] = suml;
    }
    for (const j of prange(naa)) {
        d = x[j] - r[j];
        sum = sum + d * d;
    }
    return Math.sqrt(sum);
}
/** IS: rank() for one iteration, without the bucket sort and the partial verification. */
function isRank(iteration, NUM_KEYS, MAX_KEY, MAX_ITERATIONS, key_array, key_buff1, key_buff2) {
    key_array[iteration] = iteration;
    key_array[iteration + MAX_ITERATIONS] = MAX_KEY - iteration;
    // Clear the work array
    for (const i of prange(MAX_KEY))
        key_buff1[i] = 0;
    // Copy keys into work array; keys in key_array will be reassigned.
    for (const i of prange(NUM_KEYS))
        key_buff2[i] = key_array[i];
    // Ranking of all keys occurs in this section:
    // In this section, the keys themselves are used as their own indexes to determine how many of each there are: their individual population
    for (const i of prange(NUM_KEYS))
        key_buff1[key_buff2[i]]++;
    // To obtain ranks of each key, successively add the individual key population
    for (let i = 0; i < MAX_KEY - 1; i++)
        key_buff1[i + 1] += key_buff1[i];
}
/** FT: compute_indexmap (twiddle factors exp(-4 alpha pi^2 |k|^2)), layout [k][j][i], d1 = nx. */
function ftIndexmap(twiddle, d1, d2, d3, nx, ny, nz, alpha) {
    const pi = 3.141592653589793238;
    const ap = -4.0 * alpha * pi * pi;
    for (const k of prange(d3)) {
        const kk = ((k + nz / 2) % nz) - nz / 2;
        const kk2 = kk * kk;
        for (let j = 0; j < d2; j++) {
            const jj = ((j + ny / 2) % ny) - ny / 2;
            const kj2 = jj * jj + kk2;
            for (let i = 0; i < d1; i++) {
                const ii = ((i + nx / 2) % nx) - nx / 2;
                twiddle[(k * d2 + j) * d1 + i] = Math.exp(ap * (ii * ii + kj2));
            }
        }
    }
}
/** FT: evolve, complex arrays as interleaved re, im. */
function ftEvolve(u0, u1, twiddle, d1, d2, d3) {
    for (const k of prange(d3)) {
        for (let j = 0; j < d2; j++) {
            for (let i = 0; i < d1; i++) {
                const e = (k * d2 + j) * d1 + i;
                u0[2 * e] = u0[2 * e] * twiddle[e];
                u0[2 * e + 1] = u0[2 * e + 1] * twiddle[e];
                u1[2 * e] = u0[2 * e];
                u1[2 * e + 1] = u0[2 * e + 1];
            }
        }
    }
}
const r23 = 0.5 ** 23;
const r46 = r23 * r23;
const t23 = 2.0 ** 23;
const t46 = t23 * t23;
/** NPB randlc: x = a * x mod 2^46, returned as the new x (the C version updates *x and returns x * 2^-46). */
function randlcX(x, a) {
    let t1, t2, t3, t4, a1, a2, x1, x2, z;
    t1 = r23 * a;
    a1 = Math.trunc(t1);
    a2 = a - t23 * a1;
    t1 = r23 * x;
    x1 = Math.trunc(t1);
    x2 = x - t23 * x1;
    t1 = a1 * x2 + a2 * x1;
    t2 = Math.trunc(r23 * t1);
    z = t1 - t23 * t2;
    t3 = t23 * z + a2 * x2;
    t4 = Math.trunc(r46 * t3);
    return t3 - t46 * t4;
}
/** EP: the main loop of ep.c (OpenMP), batches of NK pairs, counts per annulus and the two sums. */
function ep(np, NK, NQ, k_offset, an, q, sums) {
    const A = 1220703125.0;
    const S = 271828183.0;
    let sx = 0.0;
    let sy = 0.0;
    for (const k of prange(1, np + 1)) {
        const x = new Float64Array(2 * NK);
        const qq = new Float64Array(NQ);
        let kk = k_offset + k;
        let t1 = S;
        let t2 = an;
        // Find starting seed t1 for this kk.
        for (let i = 1; i <= 100; i++) {
            const ik = Math.trunc(kk / 2);
            if (2 * ik !== kk)
                t1 = randlcX(t1, t2);
            if (ik === 0)
                break;
            t2 = randlcX(t2, t2);
            kk = ik;
        }
        // Compute uniform pseudorandom numbers (vranlc).
        for (let i = 0; i < 2 * NK; i++) {
            t1 = randlcX(t1, A);
            x[i] = r46 * t1;
        }
        // Compute Gaussian deviates by acceptance-rejection method and tally counts in concentric square annuli.
        for (let i = 0; i < NK; i++) {
            const x1 = 2.0 * x[2 * i] - 1.0;
            const x2 = 2.0 * x[2 * i + 1] - 1.0;
            const tt = x1 * x1 + x2 * x2;
            if (tt <= 1.0) {
                const t22 = Math.sqrt((-2.0 * Math.log(tt)) / tt);
                const t3 = x1 * t22;
                const t4 = x2 * t22;
                const l = Math.trunc(Math.max(Math.abs(t3), Math.abs(t4)));
                qq[l] += 1.0;
                sx = sx + t3;
                sy = sy + t4;
            }
        }
        for (let i = 0; i < NQ; i++)
            q[i] += qq[i];
    }
    sums[0] = sx;
    sums[1] = sy;
}
/** MG: psinv (NPB3.3-OMP), r1 and r2 private to each i3. c[3] is zero in NPB and its term is left out there too. */
function mgPsinv(r, u, n1, n2, n3, c) {
    for (const i3 of prange(1, n3 - 1)) {
        const r1 = new Float64Array(n1);
        const r2 = new Float64Array(n1);
        for (let i2 = 1; i2 < n2 - 1; i2++) {
            for (let i1 = 0; i1 < n1; i1++) {
                r1[i1] = r[(i3 * n2 + i2 - 1) * n1 + i1] + r[(i3 * n2 + i2 + 1) * n1 + i1] + r[((i3 - 1) * n2 + i2) * n1 + i1] + r[((i3 + 1) * n2 + i2) * n1 + i1];
                r2[i1] = r[((i3 - 1) * n2 + i2 - 1) * n1 + i1] + r[((i3 - 1) * n2 + i2 + 1) * n1 + i1] + r[((i3 + 1) * n2 + i2 - 1) * n1 + i1]
                    + r[((i3 + 1) * n2 + i2 + 1) * n1 + i1];
            }
            for (let i1 = 1; i1 < n1 - 1; i1++) {
                u[(i3 * n2 + i2) * n1 + i1] = u[(i3 * n2 + i2) * n1 + i1] + c[0] * r[(i3 * n2 + i2) * n1 + i1]
                    + c[1] * (r[(i3 * n2 + i2) * n1 + i1 - 1] + r[(i3 * n2 + i2) * n1 + i1 + 1] + r1[i1]) + c[2] * (r2[i1] + r1[i1 - 1] + r1[i1 + 1]);
            }
        }
    }
}
// ---------------------------------------------------------------------------------------------
// Numba documentation and examples
// ---------------------------------------------------------------------------------------------
/** "Explicit Parallel Loops": prange_test. */
function numbaPrangeTest(A) {
    let s = 0;
    for (const i of prange(A.length))
        s += A[i];
    return s;
}
/** "Explicit Parallel Loops": logistic_regression, np.dot written as loops. X is N x D. */
function numbaLogisticRegression(Y, X, w, g, N, D, iterations) {
    for (let it = 0; it < iterations; it++) {
        // g = (1.0 / (1.0 + np.exp(-Y * np.dot(X, w))) - 1.0) * Y
        for (const n of prange(N)) {
            let xw = 0;
            for (let d = 0; d < D; d++)
                xw += X[n * D + d] * w[d];
            g[n] = (1.0 / (1.0 + Math.exp(-Y[n] * xw)) - 1.0) * Y[n];
        }
        // w -= np.dot(g, X)
        for (const d of prange(D)) {
            let gx = 0;
            for (let n = 0; n < N; n++)
                gx += g[n] * X[n * D + d];
            w[d] -= gx;
        }
    }
}
const RSQRT2PI = 0.39894228040143267793994605993438;
const A1 = 0.31938153;
const A2 = -0.356563782;
const A3 = 1.781477937;
const A4 = -1.821255978;
const A5 = 1.330274429;
function cnd(d) {
    const K = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
    let ret_val = RSQRT2PI * Math.exp(-0.5 * d * d) * (K * (A1 + K * (A2 + K * (A3 + K * (A4 + K * A5)))));
    if (d > 0)
        ret_val = 1.0 - ret_val;
    return ret_val;
}
/** numba/examples blackscholes: black_scholes with the cnd helper. */
function numbaBlackScholes(callResult, putResult, stockPrice, optionStrike, optionYears, Riskfree, Volatility) {
    const S = stockPrice;
    const X = optionStrike;
    const T = optionYears;
    const R = Riskfree;
    const V = Volatility;
    for (const i of prange(S.length)) {
        const sqrtT = Math.sqrt(T[i]);
        const d1 = (Math.log(S[i] / X[i]) + (R + 0.5 * V * V) * T[i]) / (V * sqrtT);
        const d2 = d1 - V * sqrtT;
        const cndd1 = cnd(d1);
        const cndd2 = cnd(d2);
        const expRT = Math.exp(-1.0 * R * T[i]);
        callResult[i] = S[i] * cndd1 - X[i] * expRT * cndd2;
        putResult[i] = X[i] * expRT * (1.0 - cndd2) - S[i] * (1.0 - cndd1);
    }
}
/** "Explicit Parallel Loops": prange_ok_result_whole_arr, y += x[i] written per element; returns the local y. */
function numbaWholeArrayResult(x) {
    const n = x.length;
    const y = new Float64Array(4);
    for (const i of prange(n))
        for (let k = 0; k < 4; k++)
            y[k] += x[i];
    return y;
}
// ---------------------------------------------------------------------------------------------
// JavaScript benchmark suites, STREAM, LINPACK
// ---------------------------------------------------------------------------------------------
function A(i, j) {
    return 1 / (((i + j) * (i + j + 1)) / 2 + i + 1);
}
function Au(u, v) {
    for (const i of prange(u.length)) {
        let t = 0;
        for (let j = 0; j < u.length; ++j)
            t += A(i, j) * u[j];
        v[i] = t;
    }
}
function Atu(u, v) {
    for (const i of prange(u.length)) {
        let t = 0;
        for (let j = 0; j < u.length; ++j)
            t += A(j, i) * u[j];
        v[i] = t;
    }
}
function AtAu(u, v, w) {
    Au(u, w);
    Atu(w, v);
}
/** SunSpider math-spectral-norm: spectralnorm(n), with u, v, w passed in instead of allocated. */
function spectralNorm(n, u, v, w) {
    let i, vv = 0, vBv = 0;
    for (i = 0; i < n; ++i) {
        u[i] = 1;
        v[i] = w[i] = 0;
    }
    for (i = 0; i < 10; ++i) {
        AtAu(u, v, w);
        AtAu(v, u, w);
    }
    for (const i of prange(n)) {
        vBv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    return Math.sqrt(vBv / vv);
}
/** Octane navier-stokes: FluidField's advect with its set_bnd (closures over width, height, rowSize). */
function navierStokesAdvect(b, d, d0, u, v, dt, width, height) {
    const rowSize = width + 2;
    function set_bnd(b, x) {
        if (b === 1) {
            for (let i = 1; i <= width; i++) {
                x[i] = x[i + rowSize];
                x[i + (height + 1) * rowSize] = x[i + height * rowSize];
            }
            for (let j = 1; j <= height; j++) {
                x[j * rowSize] = -x[1 + j * rowSize];
                x[width + 1 + j * rowSize] = -x[width + j * rowSize];
            }
        }
        else if (b === 2) {
            for (let i = 1; i <= width; i++) {
                x[i] = -x[i + rowSize];
                x[i + (height + 1) * rowSize] = -x[i + height * rowSize];
            }
            for (let j = 1; j <= height; j++) {
                x[j * rowSize] = x[1 + j * rowSize];
                x[width + 1 + j * rowSize] = x[width + j * rowSize];
            }
        }
        else {
            for (let i = 1; i <= width; i++) {
                x[i] = x[i + rowSize];
                x[i + (height + 1) * rowSize] = x[i + height * rowSize];
            }
            for (let j = 1; j <= height; j++) {
                x[j * rowSize] = x[1 + j * rowSize];
                x[width + 1 + j * rowSize] = x[width + j * rowSize];
            }
        }
        const maxEdge = (height + 1) * rowSize;
        x[0] = 0.5 * (x[1] + x[rowSize]);
        x[maxEdge] = 0.5 * (x[1 + maxEdge] + x[height * rowSize]);
        x[width + 1] = 0.5 * (x[width] + x[width + 1 + rowSize]);
        x[width + 1 + maxEdge] = 0.5 * (x[width + maxEdge] + x[width + 1 + height * rowSize]);
    }
    const Wdt0 = dt * width;
    const Hdt0 = dt * height;
    const Wp5 = width + 0.5;
    const Hp5 = height + 0.5;
    for (const j of prange(1, height + 1)) {
        let pos = j * rowSize;
        for (let i = 1; i <= width; i++) {
            let x = i - Wdt0 * u[++pos];
            let y = j - Hdt0 * v[pos];
            if (x < 0.5)
                x = 0.5;
            else if (x > Wp5)
                x = Wp5;
            const i0 = x | 0;
            const i1 = i0 + 1;
            if (y < 0.5)
                y = 0.5;
            else if (y > Hp5)
                y = Hp5;
            const j0 = y | 0;
            const j1 = j0 + 1;
            const s1 = x - i0;
            const s0 = 1 - s1;
            const t1 = y - j0;
            const t0 = 1 - t1;
            const row1 = j0 * rowSize;
            const row2 = j1 * rowSize;
            d[pos] = s0 * (t0 * d0[i0 + row1] + t1 * d0[i0 + row2]) + s1 * (t0 * d0[i1 + row1] + t1 * d0[i1 + row2]);
        }
    }
    set_bnd(b, d);
}
/** Kraken audio-dft (dsp.js DFT.forward): the O(n^2) transform and the spectrum. */
function krakenDft(bufferSize, buffer, cosTable, sinTable, real, imag, spectrum) {
    let rval, ival;
    for (const k of prange(bufferSize / 2)) {
        rval = 0.0;
        ival = 0.0;
        for (let n = 0; n < buffer.length; n++) {
            rval += cosTable[k * n] * buffer[n];
            ival += sinTable[k * n] * buffer[n];
        }
        real[k] = rval;
        imag[k] = ival;
    }
    for (const i of prange(bufferSize / 2))
        spectrum[i] = (2 * Math.sqrt(real[i] * real[i] + imag[i] * imag[i])) / bufferSize;
}
/** STREAM: one pass of Copy, Scale, Add and Triad (stream.c's timing loop body). */
function stream(a, b, c, scalar, STREAM_ARRAY_SIZE) {
    for (const j of prange(STREAM_ARRAY_SIZE))
        c[j] = a[j];
    for (const j of prange(STREAM_ARRAY_SIZE))
        b[j] = scalar * c[j];
    for (const j of prange(STREAM_ARRAY_SIZE))
        c[j] = a[j] + b[j];
    for (const j of prange(STREAM_ARRAY_SIZE))
        a[j] = b[j] + scalar * c[j];
}
function idamax(n, dx, dx_off, incx) {
    let dmax, dtemp;
    let i, ix, itemp = 0;
    if (n < 1) {
        itemp = -1;
    }
    else if (n === 1) {
        itemp = 0;
    }
    else if (incx !== 1) {
        // code for increment not equal to 1
        dmax = Math.abs(dx[0 + dx_off]);
        ix = 1 + incx;
        for (i = 1; i < n; i++) {
            dtemp = Math.abs(dx[ix + dx_off]);
            if (dtemp > dmax) {
                itemp = i;
                dmax = dtemp;
            }
            ix += incx;
        }
    }
    else {
        // code for increment equal to 1
        itemp = 0;
        dmax = Math.abs(dx[0 + dx_off]);
        for (i = 1; i < n; i++) {
            dtemp = Math.abs(dx[i + dx_off]);
            if (dtemp > dmax) {
                itemp = i;
                dmax = dtemp;
            }
        }
    }
    return itemp;
}
function dscal(n, da, dx, dx_off, incx) {
    let i, nincx;
    if (n > 0) {
        if (incx !== 1) {
            nincx = n * incx;
            for (i = 0; i < nincx; i += incx)
                dx[i + dx_off] *= da;
        }
        else {
            for (i = 0; i < n; i++)
                dx[i + dx_off] *= da;
        }
    }
}
function daxpy(n, da, dx, dx_off, incx, dy, dy_off, incy) {
    let i, ix, iy;
    if (n > 0 && da !== 0) {
        if (incx !== 1 || incy !== 1) {
            ix = 0;
            iy = 0;
            if (incx < 0)
                ix = (-n + 1) * incx;
            if (incy < 0)
                iy = (-n + 1) * incy;
            for (i = 0; i < n; i++) {
                dy[iy + dy_off] += da * dx[ix + dx_off];
                ix += incx;
                iy += incy;
            }
        }
        else {
            for (i = 0; i < n; i++)
                dy[i + dy_off] += da * dx[i + dx_off];
        }
    }
}
/** LINPACK (netlib Linpack.java): dgefa, columns stored one after another (a[j] is column j), the column loop in parallel. */
function linpackDgefa(a, lda, n, ipvt) {
    let t;
    let k, kp1, l, nm1;
    let info;
    // gaussian elimination with partial pivoting
    info = 0;
    nm1 = n - 1;
    if (nm1 >= 0) {
        for (k = 0; k < nm1; k++) {
            kp1 = k + 1;
            // find l = pivot index
            l = idamax(n - k, a, k * lda + k, 1) + k;
            ipvt[k] = l;
            // zero pivot implies this column already triangularized
            if (a[k * lda + l] !== 0) {
                // interchange if necessary
                if (l !== k) {
                    t = a[k * lda + l];
                    a[k * lda + l] = a[k * lda + k];
                    a[k * lda + k] = t;
                }
                // compute multipliers
                t = -1.0 / a[k * lda + k];
                dscal(n - kp1, t, a, k * lda + kp1, 1);
                // row elimination with column indexing
                for (const j of prange(kp1, n)) {
                    const t = a[j * lda + l];
                    if (l !== k) {
                        a[j * lda + l] = a[j * lda + k];
                        a[j * lda + k] = t;
                    }
                    daxpy(n - kp1, t, a, k * lda + kp1, 1, a, j * lda + kp1, 1);
                }
            }
            else {
                info = k;
            }
        }
    }
    ipvt[n - 1] = n - 1;
    if (a[(n - 1) * lda + (n - 1)] === 0)
        info = n - 1;
    return info;
}
// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------
/** PolyBench-style initial values are replaced by seeded random ones of the same magnitude. */
const mat = (rng, n, lo = 0, hi = 1) => rng.f64(n, lo, hi);
/** A random sparse matrix in CSR with `perRow` entries per row (column indices sorted), diagonally dominant and symmetric in pattern. */
function csr(rng, n, perRow) {
    const rows = [];
    for (let i = 0; i < n; i++)
        rows.push(new Map([[i, 0]]));
    for (let i = 0; i < n; i++) {
        for (let e = 0; e < perRow; e++) {
            const j = rng.int(0, n - 1);
            if (j === i)
                continue;
            const v = rng.float(-1, 0);
            rows[i].set(j, v);
            rows[j].set(i, v);
        }
    }
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (const [j, v] of rows[i])
            if (j !== i)
                s += Math.abs(v);
        rows[i].set(i, s + 1 + rng.unit());
    }
    const rowstr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++)
        rowstr[i + 1] = rowstr[i] + rows[i].size;
    const colidx = new Int32Array(rowstr[n]);
    const a = new Float64Array(rowstr[n]);
    for (let i = 0; i < n; i++) {
        const cols = [...rows[i].keys()].sort((x, y) => x - y);
        cols.forEach((j, t) => {
            colidx[rowstr[i] + t] = j;
            a[rowstr[i] + t] = rows[i].get(j);
        });
    }
    return { rowstr, colidx, a };
}
function hotspotInputs(rng, size) {
    const row = pick(size, 17, 512);
    const col = pick(size, 23, 512);
    const t_chip = 0.0005;
    const chip_height = 0.016;
    const chip_width = 0.016;
    const FACTOR_CHIP = 0.5;
    const SPEC_HEAT_SI = 1.75e6;
    const K_SI = 100;
    const MAX_PD = 3.0e6;
    const PRECISION = 0.001;
    const grid_height = chip_height / row;
    const grid_width = chip_width / col;
    const Cap = FACTOR_CHIP * SPEC_HEAT_SI * t_chip * grid_width * grid_height;
    const Rx = grid_width / (2.0 * K_SI * t_chip * grid_height);
    const Ry = grid_height / (2.0 * K_SI * t_chip * grid_width);
    const Rz = t_chip / (K_SI * grid_height * grid_width);
    const max_slope = MAX_PD / (FACTOR_CHIP * t_chip * SPEC_HEAT_SI);
    const step = PRECISION / max_slope;
    return [new Float64Array(row * col), rng.f64(row * col, 320, 345), rng.f64(row * col, 0, 0.005), row, col, Cap, Rx, Ry, Rz, step];
}
function sradInputs(rng, size) {
    const rows = pick(size, 19, 512);
    const cols = pick(size, 21, 512);
    const J = new Float64Array(rows * cols);
    for (let k = 0; k < J.length; k++)
        J[k] = Math.exp(rng.float(0, 255) / 255);
    const iN = new Int32Array(rows), iS = new Int32Array(rows), jW = new Int32Array(cols), jE = new Int32Array(cols);
    for (let i = 0; i < rows; i++) {
        iN[i] = i - 1;
        iS[i] = i + 1;
    }
    for (let j = 0; j < cols; j++) {
        jW[j] = j - 1;
        jE[j] = j + 1;
    }
    iN[0] = 0;
    iS[rows - 1] = rows - 1;
    jW[0] = 0;
    jE[cols - 1] = cols - 1;
    const n = rows * cols;
    return [pick(size, 3, 2), rows, cols, 0, Math.floor(rows / 2), 0, Math.floor(cols / 2), 0.5, J, new Float64Array(n), new Float64Array(n),
        new Float64Array(n), new Float64Array(n), new Float64Array(n), iN, iS, jW, jE];
}
function nwInputs(rng, size) {
    const max_cols = pick(size, 33, 1025);
    const penalty = 10;
    const items = new Int32Array(max_cols * max_cols);
    const ref = new Int32Array(max_cols * max_cols);
    for (let i = 0; i < ref.length; i++)
        ref[i] = rng.int(-4, 10);
    for (let i = 1; i < max_cols; i++)
        items[i * max_cols] = -i * penalty;
    for (let j = 1; j < max_cols; j++)
        items[j] = -j * penalty;
    return [items, ref, max_cols, penalty];
}
function isInputs(rng, size) {
    const NUM_KEYS = pick(size, 1000, 1 << 21);
    const MAX_KEY = pick(size, 64, 1 << 16);
    const keys = new Int32Array(NUM_KEYS);
    // NPB draws each key as the sum of four uniforms: roughly normal, like create_seq
    for (let i = 0; i < NUM_KEYS; i++)
        keys[i] = Math.floor(((rng.unit() + rng.unit() + rng.unit() + rng.unit()) * MAX_KEY) / 4);
    return [rng.int(1, 10), NUM_KEYS, MAX_KEY, 10, keys, new Int32Array(MAX_KEY), new Int32Array(NUM_KEYS)];
}
function linpackInputs(rng, size) {
    const n = pick(size, 23, 350);
    const lda = n + 1;
    return [rng.f64(lda * n, -0.5, 0.5), lda, n, new Int32Array(n)];
}
function dftInputs(rng, size) {
    const N = pick(size, 64, 1536);
    const cosTable = new Float64Array((N * N) / 2);
    const sinTable = new Float64Array((N * N) / 2);
    for (let i = 0; i < (N * N) / 2; i++) {
        cosTable[i] = Math.cos((i * 2 * Math.PI) / N);
        sinTable[i] = Math.sin((i * 2 * Math.PI) / N);
    }
    const h = N / 2;
    return [N, rng.f64(N), cosTable, sinTable, new Float64Array(h), new Float64Array(h), new Float64Array(h)];
}
function cgInputs(rng, size) {
    const n = pick(size, 150, 7000);
    const m = csr(rng, n, pick(size, 5, 11));
    return [n, m.colidx, m.rowstr, rng.f64(n, 0.5, 1.5), new Float64Array(n), m.a, new Float64Array(n), new Float64Array(n), new Float64Array(n)];
}
function spmvInputs(rng, size) {
    const n = pick(size, 200, 50000);
    const m = csr(rng, n, 3);
    return [n, new Float64Array(n), m.a, m.rowstr, m.colidx, rng.f64(n), pick(size, 3, 10)];
}
function cfdInputs(rng, size) {
    const nelr = pick(size, 300, 1 << 20);
    const v = new Float32Array(5 * nelr);
    for (let i = 0; i < nelr; i++) {
        const density = rng.float(0.5, 2);
        v[i] = density;
        v[i + nelr] = rng.float(-1, 1);
        v[i + 2 * nelr] = rng.float(-1, 1);
        v[i + 3 * nelr] = rng.float(-1, 1);
        v[i + 4 * nelr] = rng.float(3, 5);
    }
    return [nelr, v, rng.f32(nelr, 0.1, 2), new Float32Array(nelr)];
}
function floydInputs(_rng, size) {
    const n = pick(size, 30, 250);
    const path = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
            path[i * n + j] = ((i * j) % 7) + 1;
            if ((i + j) % 13 === 0 || (i + j) % 7 === 0 || (i + j) % 11 === 0)
                path[i * n + j] = 999;
        }
    }
    return [n, path];
}
function ftInputs(rng, size, evolve) {
    const [d1, d2, d3] = size === "test" ? [8, 6, 5] : [128, 128, 64];
    const tw = new Float64Array(d1 * d2 * d3);
    if (!evolve)
        return [tw, d1, d2, d3, d1, d2, d3, 1e-6];
    for (let i = 0; i < tw.length; i++)
        tw[i] = rng.float(0.9, 1);
    return [rng.f64(2 * tw.length), new Float64Array(2 * tw.length), tw, d1, d2, d3];
}
function fftInputs(rng, size) {
    const n = pick(size, 64, 1 << 17);
    return [2 * n, rng.f64(2 * n), -1];
}
// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------
const PB = "PolyBench/C 4.2.1";
const RD = "Rodinia 3.1";
const NPB = "NAS Parallel Benchmarks 3.3 (OpenMP C)";
export const corpus = [
    { name: "gemm", from: `${PB} linear-algebra/blas/gemm`, kernel: gemm,
        inputs: (rng, s) => { const [ni, nj, nk] = s === "test" ? [13, 17, 11] : [150, 160, 140]; return [ni, nj, nk, 1.5, 1.2, mat(rng, ni * nj), mat(rng, ni * nk), mat(rng, nk * nj)]; } },
    { name: "gemver", from: `${PB} linear-algebra/blas/gemver`, kernel: gemver,
        inputs: (rng, s) => { const n = pick(s, 21, 700); return [n, 1.5, 1.2, mat(rng, n * n), ...[0, 0, 0, 0, 0, 0, 0, 0].map(() => mat(rng, n))]; } },
    { name: "gesummv", from: `${PB} linear-algebra/blas/gesummv`, kernel: gesummv,
        inputs: (rng, s) => { const n = pick(s, 19, 1000); return [n, 1.5, 1.2, mat(rng, n * n), mat(rng, n * n), new Float64Array(n), mat(rng, n), new Float64Array(n)]; } },
    { name: "atax", from: `${PB} linear-algebra/kernels/atax`, kernel: atax, reduction: { tol: 1e-13 },
        inputs: (rng, s) => { const [m, n] = s === "test" ? [19, 23] : [1200, 1300]; return [m, n, mat(rng, m * n), mat(rng, n), new Float64Array(n), new Float64Array(m)]; } },
    { name: "bicg", from: `${PB} linear-algebra/kernels/bicg`, kernel: bicg, reduction: { tol: 1e-13 },
        inputs: (rng, s) => { const [m, n] = s === "test" ? [19, 23] : [1200, 1300]; return [m, n, mat(rng, n * m), new Float64Array(m), new Float64Array(n), mat(rng, m), mat(rng, n)]; } },
    { name: "mvt", from: `${PB} linear-algebra/kernels/mvt`, kernel: mvt,
        inputs: (rng, s) => { const n = pick(s, 22, 1200); return [n, mat(rng, n), mat(rng, n), mat(rng, n), mat(rng, n), mat(rng, n * n)]; } },
    { name: "syrk", from: `${PB} linear-algebra/blas/syrk`, kernel: syrk,
        inputs: (rng, s) => { const [n, m] = s === "test" ? [17, 13] : [220, 180]; return [n, m, 1.5, 1.2, mat(rng, n * n), mat(rng, n * m)]; } },
    { name: "syr2k", from: `${PB} linear-algebra/blas/syr2k`, kernel: syr2k,
        inputs: (rng, s) => { const [n, m] = s === "test" ? [17, 13] : [180, 150]; return [n, m, 1.5, 1.2, mat(rng, n * n), mat(rng, n * m), mat(rng, n * m)]; } },
    { name: "trmm", from: `${PB} linear-algebra/blas/trmm`, kernel: trmm,
        inputs: (rng, s) => { const [m, n] = s === "test" ? [15, 18] : [200, 240]; return [m, n, 1.5, mat(rng, m * m), mat(rng, m * n)]; } },
    { name: "symm", from: `${PB} linear-algebra/blas/symm`, kernel: symm,
        inputs: (rng, s) => { const [m, n] = s === "test" ? [15, 18] : [200, 240]; return [m, n, 1.5, 1.2, mat(rng, m * n), mat(rng, m * m), mat(rng, m * n)]; } },
    { name: "2mm", from: `${PB} linear-algebra/kernels/2mm`, kernel: k2mm,
        inputs: (rng, s) => {
            const [ni, nj, nk, nl] = s === "test" ? [11, 13, 15, 17] : [120, 130, 140, 150];
            return [ni, nj, nk, nl, 1.5, 1.2, new Float64Array(ni * nj), mat(rng, ni * nk), mat(rng, nk * nj), mat(rng, nj * nl), mat(rng, ni * nl)];
        } },
    { name: "3mm", from: `${PB} linear-algebra/kernels/3mm`, kernel: k3mm,
        inputs: (rng, s) => {
            const [ni, nj, nk, nl, nm] = s === "test" ? [11, 13, 15, 17, 19] : [120, 125, 130, 135, 140];
            return [ni, nj, nk, nl, nm, new Float64Array(ni * nj), mat(rng, ni * nk), mat(rng, nk * nj), new Float64Array(nj * nl), mat(rng, nj * nm),
                mat(rng, nm * nl), new Float64Array(ni * nl)];
        } },
    { name: "doitgen", from: `${PB} linear-algebra/kernels/doitgen`, kernel: doitgen,
        inputs: (rng, s) => { const [nr, nq, np] = s === "test" ? [7, 6, 9] : [100, 90, 128]; return [nr, nq, np, mat(rng, nr * nq * np), mat(rng, np * np)]; } },
    { name: "gramschmidt", from: `${PB} linear-algebra/solvers/gramschmidt`, kernel: gramschmidt, reduction: { tol: 1e-11 },
        inputs: (rng, s) => { const [m, n] = s === "test" ? [24, 12] : [300, 150]; return [m, n, rng.f64(m * n, -1, 1), new Float64Array(n * n), new Float64Array(m * n)]; } },
    { name: "covariance", from: `${PB} datamining/covariance`, kernel: covariance,
        inputs: (rng, s) => { const [m, n] = s === "test" ? [14, 17] : [200, 240]; return [m, n, n, mat(rng, n * m), new Float64Array(m * m), new Float64Array(m)]; } },
    { name: "correlation", from: `${PB} datamining/correlation`, kernel: correlation,
        inputs: (rng, s) => { const [m, n] = s === "test" ? [14, 17] : [200, 240]; return [m, n, n, mat(rng, n * m), new Float64Array(m * m), new Float64Array(m), new Float64Array(m)]; } },
    { name: "jacobi-1d", from: `${PB} stencils/jacobi-1d`, kernel: jacobi1d,
        inputs: (rng, s) => { const n = pick(s, 60, 200000); return [pick(s, 5, 20), n, mat(rng, n), mat(rng, n)]; } },
    { name: "jacobi-2d", from: `${PB} stencils/jacobi-2d`, kernel: jacobi2d,
        inputs: (rng, s) => { const n = pick(s, 20, 700); return [pick(s, 4, 8), n, mat(rng, n * n), mat(rng, n * n)]; } },
    { name: "heat-3d", from: `${PB} stencils/heat-3d`, kernel: heat3d,
        inputs: (rng, s) => { const n = pick(s, 9, 60); return [pick(s, 3, 5), n, mat(rng, n ** 3), mat(rng, n ** 3)]; } },
    { name: "fdtd-2d", from: `${PB} stencils/fdtd-2d`, kernel: fdtd2d,
        inputs: (rng, s) => { const [t, nx, ny] = s === "test" ? [4, 14, 17] : [10, 500, 600]; return [t, nx, ny, mat(rng, nx * ny), mat(rng, nx * ny), mat(rng, nx * ny), mat(rng, t)]; } },
    { name: "adi", from: `${PB} stencils/adi`, kernel: adi,
        inputs: (rng, s) => { const n = pick(s, 16, 300); return [pick(s, 3, 5), n, mat(rng, n * n), new Float64Array(n * n), new Float64Array(n * n), new Float64Array(n * n)]; } },
    { name: "deriche", from: `${PB} medley/deriche`, kernel: deriche,
        inputs: (rng, s) => { const [w, h] = s === "test" ? [16, 19] : [700, 700]; return [w, h, 0.25, rng.f32(w * h, 0, 1), new Float32Array(w * h), new Float32Array(w * h), new Float32Array(w * h)]; } },
    { name: "floyd-warshall", from: `${PB} medley/floyd-warshall`, kernel: floydWarshall, warns: ["PF2005"], inputs: floydInputs },
    { name: "hotspot", from: `${RD} openmp/hotspot single_iteration`, kernel: hotspot, inputs: hotspotInputs },
    { name: "srad", from: `${RD} openmp/srad/srad_v2`, kernel: srad, inputs: sradInputs },
    { name: "nn", from: `${RD} openmp/nn`, kernel: nn,
        inputs: (rng, s) => { const n = pick(s, 100, 1 << 21); return [n, rng.f32(n, -90, 90), rng.f32(n, -180, 180), new Float32Array(n), 30, 90]; } },
    { name: "backprop-layerforward", from: `${RD} openmp/backprop bpnn_layerforward`, kernel: bpnnLayerforward, globals: { squash },
        inputs: (rng, s) => { const [n1, n2] = s === "test" ? [20, 16] : [1 << 16, 16]; return [rng.f32(n1 + 1, 0, 1), new Float32Array(n2 + 1), rng.f32((n1 + 1) * (n2 + 1), -1, 1), n1, n2]; } },
    { name: "backprop-adjust-weights", from: `${RD} openmp/backprop bpnn_adjust_weights`, kernel: bpnnAdjustWeights,
        inputs: (rng, s) => {
            const [nd, nly] = s === "test" ? [16, 20] : [16, 1 << 16];
            return [rng.f32(nd + 1, -0.1, 0.1), nd, rng.f32(nly + 1, 0, 1), nly, rng.f32((nly + 1) * (nd + 1), -1, 1), rng.f32((nly + 1) * (nd + 1), -0.1, 0.1)];
        } },
    { name: "lud", from: `${RD} openmp/lud (lud_base.c)`, kernel: lud,
        inputs: (rng, s) => { const n = pick(s, 20, 400); const a = rng.f64(n * n, 0, 1); for (let i = 0; i < n; i++)
            a[i * n + i] += n; return [a, n]; } },
    { name: "nw", from: `${RD} openmp/nw (needle.cpp)`, kernel: nw, globals: { maximum }, inputs: nwInputs },
    { name: "pathfinder", from: `${RD} openmp/pathfinder`, kernel: pathfinder,
        inputs: (rng, s) => { const [rows, cols] = s === "test" ? [12, 40] : [100, 100000]; const wall = rng.i32(rows * cols, 0, 9); return [wall, rows, cols, wall.slice(0, cols), new Int32Array(cols)]; } },
    { name: "cfd-step-factor", from: `${RD} openmp/cfd euler3d_cpu compute_step_factor`, kernel: cfdStepFactor,
        globals: { compute_speed_sqd, compute_pressure, compute_speed_of_sound, GAMMA }, inputs: cfdInputs },
    { name: "sparse-matmult", from: "SciMark 2.0 SparseCompRow_matmult", kernel: sparseMatmult, inputs: spmvInputs },
    { name: "lu-factor", from: "SciMark 2.0 LU_factor", kernel: luFactor,
        inputs: (rng, s) => { const n = pick(s, 20, 350); return [n, n, rng.f64(n * n), new Int32Array(n)]; } },
    { name: "fft", from: "SciMark 2.0 FFT_transform_internal", kernel: fftTransform, inputs: fftInputs },
    { name: "cg", from: `${NPB} CG conj_grad`, kernel: cgConjGrad, inputs: cgInputs, reduction: { tol: 1e-9 } },
    { name: "is-rank", from: `${NPB} IS rank`, kernel: isRank, inputs: isInputs },
    { name: "ft-indexmap", from: `${NPB} FT compute_indexmap`, kernel: ftIndexmap, inputs: (rng, s) => ftInputs(rng, s, false) },
    { name: "ft-evolve", from: `${NPB} FT evolve`, kernel: ftEvolve, inputs: (rng, s) => ftInputs(rng, s, true) },
    { name: "ep", from: `${NPB} EP main loop`, kernel: ep, globals: { randlcX, r23, r46, t23, t46 }, reduction: { tol: 1e-12 },
        inputs: (_rng, s) => [pick(s, 8, 256), pick(s, 256, 1 << 14), 10, -1, 1220703125.0, new Float64Array(10), new Float64Array(2)] },
    { name: "mg-psinv", from: `${NPB} MG psinv`, kernel: mgPsinv,
        inputs: (rng, s) => { const n = pick(s, 10, 130); return [rng.f64(n ** 3), rng.f64(n ** 3), n, n, n, Float64Array.from([-3.0 / 8.0, 1.0 / 32.0, -1.0 / 64.0, 0.0])]; } },
    { name: "numba-prange-test", from: "Numba documentation, Parallel: prange_test", kernel: numbaPrangeTest, reduction: { tol: 1e-12 },
        inputs: (rng, s) => [rng.f64(pick(s, 1000, 1 << 23))] },
    { name: "numba-logistic-regression", from: "Numba documentation, Parallel: logistic_regression", kernel: numbaLogisticRegression,
        inputs: (rng, s) => {
            const [N, D] = s === "test" ? [60, 7] : [100000, 10];
            const Y = rng.f64(N);
            for (let i = 0; i < N; i++)
                Y[i] = Y[i] < 0 ? -1 : 1;
            return [Y, rng.f64(N * D), rng.f64(D, -0.1, 0.1), new Float64Array(N), N, D, pick(s, 3, 2)];
        } },
    { name: "numba-blackscholes", from: "Numba examples, blackscholes_numba.py", kernel: numbaBlackScholes, globals: { cnd, RSQRT2PI, A1, A2, A3, A4, A5 },
        inputs: (rng, s) => { const n = pick(s, 200, 1 << 20); return [new Float64Array(n), new Float64Array(n), rng.f64(n, 5, 30), rng.f64(n, 1, 100), rng.f64(n, 0.25, 10), 0.02, 0.3]; } },
    { name: "numba-whole-array-result", from: "Numba documentation, Parallel: prange_ok_result_whole_arr", kernel: numbaWholeArrayResult,
        reduction: { tol: 1e-12 },
        inputs: (rng, s) => [rng.f64(pick(s, 1000, 1 << 22))] },
    { name: "spectral-norm", from: "SunSpider math-spectral-norm (The Computer Language Benchmarks Game)", kernel: spectralNorm,
        globals: { A, Au, Atu, AtAu }, reduction: { tol: 1e-12 },
        inputs: (_rng, s) => { const n = pick(s, 40, 500); return [n, new Float64Array(n), new Float64Array(n), new Float64Array(n)]; } },
    { name: "navier-stokes-advect", from: "Octane 2 navier-stokes (FluidField advect, set_bnd)", kernel: navierStokesAdvect,
        inputs: (rng, s) => {
            const [w, h] = s === "test" ? [14, 11] : [512, 512];
            const n = (w + 2) * (h + 2);
            return [rng.int(0, 2), new Float64Array(n), rng.f64(n, 0, 1), rng.f64(n, -2, 2), rng.f64(n, -2, 2), 0.1, w, h];
        } },
    { name: "kraken-dft", from: "Kraken audio-dft (dsp.js DFT.forward)", kernel: krakenDft, inputs: dftInputs },
    { name: "stream", from: "STREAM 5.10 (Copy, Scale, Add, Triad)", kernel: stream,
        inputs: (rng, s) => { const n = pick(s, 500, 1 << 21); return [rng.f64(n, 1, 2), rng.f64(n, 1, 2), new Float64Array(n), 3.0, n]; } },
    { name: "linpack-dgefa", from: "LINPACK (netlib Linpack.java) dgefa with idamax, dscal, daxpy", kernel: linpackDgefa, globals: { idamax, dscal, daxpy }, warns: ["PF2005"],
        inputs: linpackInputs },
];
