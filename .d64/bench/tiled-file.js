/**
 * A generated file of tiled kernels, the kind that used to make the static checker slow (issue
 * 13): tiled matrix products, transposes and stencils whose inner bounds are Math.min of a tile
 * end and n, many kernels per file, about one in three racy (a tile loop writing a row every
 * iteration of the prange shares, or a stencil updating its neighbour in place).
 */
const TEMPLATES = [
    // tiled matrix product, the prange over row tiles: safe
    (k, t) => [
        `export const matmul${k} = parallel((a, b, c, n) => {`,
        `  for (const ii of prange(0, n, ${t})) {`,
        `    for (let kk = 0; kk < n; kk += ${t}) {`,
        `      for (let jj = 0; jj < n; jj += ${t}) {`,
        `        for (let i = ii; i < Math.min(ii + ${t}, n); i++) {`,
        `          for (let kq = kk; kq < Math.min(kk + ${t}, n); kq++) {`,
        `            const aik = a[i * n + kq];`,
        `            for (let j = jj; j < Math.min(jj + ${t}, n); j++) c[i * n + j] += aik * b[kq * n + j];`,
        `          }`,
        `        }`,
        `      }`,
        `    }`,
        `  }`,
        `});`,
    ],
    // the same with the output indexed by the column tile only: racy (every row tile writes it)
    (k, t) => [
        `export const matmulRacy${k} = parallel((a, b, c, n) => {`,
        `  for (const ii of prange(0, n, ${t})) {`,
        `    for (let jj = 0; jj < n; jj += ${t}) {`,
        `      for (let i = ii; i < Math.min(ii + ${t}, n); i++) {`,
        `        for (let j = jj; j < Math.min(jj + ${t}, n); j++) {`,
        `          let s = 0;`,
        `          for (let q = 0; q < n; q++) s += a[i * n + q] * b[q * n + j];`,
        `          c[(i - ii) * n + j] = s;`,
        `          c[(i - ii) * n + j] += c[j] * 0.5;`,
        `          b[j * n + i] = b[i * n + j] + c[(i - ii) * n + j];`,
        `        }`,
        `      }`,
        `    }`,
        `  }`,
        `});`,
    ],
    // tiled transpose: safe
    (k, t) => [
        `export const transpose${k} = parallel((a, b, n, m) => {`,
        `  for (const ii of prange(0, n, ${t})) {`,
        `    for (let jj = 0; jj < m; jj += ${t}) {`,
        `      const iEnd = Math.min(ii + ${t}, n);`,
        `      const jEnd = Math.min(jj + ${t}, m);`,
        `      for (let i = ii; i < iEnd; i++) {`,
        `        for (let j = jj; j < jEnd; j++) b[j * n + i] = a[i * m + j];`,
        `      }`,
        `    }`,
        `  }`,
        `});`,
    ],
    // tiled 5-point stencil, out of place: safe
    (k, t) => [
        `export const stencil${k} = parallel((u, v, n) => {`,
        `  for (const ti of prange(1, n - 1, ${t})) {`,
        `    for (let tj = 1; tj < n - 1; tj += ${t}) {`,
        `      for (let i = ti; i < Math.min(ti + ${t}, n - 1); i++) {`,
        `        for (let j = tj; j < Math.min(tj + ${t}, n - 1); j++) {`,
        `          v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] + u[i * n + j - 1] + u[i * n + j + 1]);`,
        `        }`,
        `      }`,
        `    }`,
        `  }`,
        `});`,
    ],
    // tiled stencil in place (Gauss-Seidel sweep): racy between neighbouring tiles
    (k, t) => [
        `export const sweep${k} = parallel((u, f, n) => {`,
        `  for (const ti of prange(1, n - 1, ${t})) {`,
        `    for (let tj = 1; tj < n - 1; tj += ${t}) {`,
        `      for (let i = ti; i < Math.min(ti + ${t}, n - 1); i++) {`,
        `        for (let j = tj; j < Math.min(tj + ${t}, n - 1); j++) {`,
        `          const w = u[i * n + j - 1] + u[i * n + j + 1];`,
        `          const s = u[(i - 1) * n + j] + u[(i + 1) * n + j];`,
        `          u[i * n + j] = 0.25 * (w + s - f[i * n + j]);`,
        `          u[(i + 1) * n + j] = u[(i + 1) * n + j] * 0.5 + u[(i - 1) * n + j] * 0.5;`,
        `        }`,
        `      }`,
        `    }`,
        `  }`,
        `});`,
    ],
    // blocked row sums with a ternary bound: safe
    (k, t) => [
        `export const rowsums${k} = parallel((a, out, n, m) => {`,
        `  for (const ib of prange(0, n, ${t})) {`,
        `    const ie = ib + ${t} < n ? ib + ${t} : n;`,
        `    for (let i = ib; i < ie; i++) {`,
        `      let s = 0;`,
        `      for (let jb = 0; jb < m; jb += ${t}) {`,
        `        for (let j = jb; j < Math.min(jb + ${t}, m); j++) s += a[i * m + j];`,
        `      }`,
        `      out[i] = s;`,
        `    }`,
        `  }`,
        `});`,
    ],
];
/** About `lines` lines of kernels (templates in turn, tile sizes 8, 16, 32, 64). */
export function tiledFile(lines) {
    const out = ['import { parallel, prange } from "parfor";', ""];
    let k = 0;
    while (out.length < lines) {
        out.push(...TEMPLATES[k % TEMPLATES.length](k, 8 << (k % 4)), "");
        k++;
    }
    return { text: out.join("\n"), kernels: k };
}
