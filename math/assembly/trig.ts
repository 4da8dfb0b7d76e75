// sin, cos, tan: fdlibm's argument reduction (__ieee754_rem_pio2 / __kernel_rem_pio2, the latter
// with 64-bit precision as V8 calls it) and its kernels on [-pi/4, pi/4], as in V8's
// src/base/ieee754.cc.
//
// No table lives in memory: the 2/pi digits, the pi/2 pieces and the n*pi/2 high words are
// returned by `switch` functions (compiled to br_table) or computed. __kernel_rem_pio2's work arrays, used
// only for |x| >= 2^19 * pi/2, live in a per-thread scratch block of the shared memory whose
// address the runtime hands to `init`: every thread has its own block, so no thread ever writes
// where another one reads.
import { hi, lo, words, scalbn, clearLo } from "./bits";

/** This thread's scratch block (SCRATCH_BYTES bytes), set by `init`. */
let scratch: usize = 0;
/** The remainder y0 + y1 of the last reduction (wasm globals are per instance, i.e. per thread). */
let Y0: f64 = 0;
let Y1: f64 = 0;

// Layout of the scratch block: x[3] f64, iq[20] i32, f[20] f64, q[20] f64, fq[20] f64.
const X_OFF: usize = 0;
const IQ_OFF: usize = 32;
const F_OFF: usize = 112;
const Q_OFF: usize = 272;
const FQ_OFF: usize = 432;
/** Bytes of scratch one thread needs (kept in step with runtime/mathlib.ts). */
export const SCRATCH_BYTES: i32 = 608;

export function init(ptr: i32): void {
  scratch = <usize>ptr;
}

// @ts-ignore: decorator
@inline function ldX(i: i32): f64 { return load<f64>(scratch + X_OFF + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function stX(i: i32, v: f64): void { store<f64>(scratch + X_OFF + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function ldIQ(i: i32): i32 { return load<i32>(scratch + IQ_OFF + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function stIQ(i: i32, v: i32): void { store<i32>(scratch + IQ_OFF + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function ldF(i: i32): f64 { return load<f64>(scratch + F_OFF + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function stF(i: i32, v: f64): void { store<f64>(scratch + F_OFF + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function ldQ(i: i32): f64 { return load<f64>(scratch + Q_OFF + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function stQ(i: i32, v: f64): void { store<f64>(scratch + Q_OFF + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function ldFQ(i: i32): f64 { return load<f64>(scratch + FQ_OFF + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function stFQ(i: i32, v: f64): void { store<f64>(scratch + FQ_OFF + (<usize>i << 3), v); }

/** Bits 24*i .. 24*i+23 after the binary point of 2/pi. */
function twoOverPi(i: i32): i32 {
  switch (i) {
    case 0: return 0xA2F983; case 1: return 0x6E4E44; case 2: return 0x1529FC; case 3: return 0x2757D1;
    case 4: return 0xF534DD; case 5: return 0xC0DB62; case 6: return 0x95993C; case 7: return 0x439041;
    case 8: return 0xFE5163; case 9: return 0xABDEBB; case 10: return 0xC561B7; case 11: return 0x246E3A;
    case 12: return 0x424DD2; case 13: return 0xE00649; case 14: return 0x2EEA09; case 15: return 0xD1921C;
    case 16: return 0xFE1DEB; case 17: return 0x1CB129; case 18: return 0xA73EE8; case 19: return 0x8235F5;
    case 20: return 0x2EBB44; case 21: return 0x84E99C; case 22: return 0x7026B4; case 23: return 0x5F7E41;
    case 24: return 0x3991D6; case 25: return 0x398353; case 26: return 0x39F49C; case 27: return 0x845F8B;
    case 28: return 0xBDF928; case 29: return 0x3B1FF8; case 30: return 0x97FFDE; case 31: return 0x05980F;
    case 32: return 0xEF2F11; case 33: return 0x8B5A0A; case 34: return 0x6D1F6D; case 35: return 0x367ECF;
    case 36: return 0x27CB09; case 37: return 0xB74F46; case 38: return 0x3F669E; case 39: return 0x5FEA2D;
    case 40: return 0x7527BA; case 41: return 0xC7EBE5; case 42: return 0xF17B3D; case 43: return 0x0739F7;
    case 44: return 0x8A5292; case 45: return 0xEA6BFB; case 46: return 0x5FB11F; case 47: return 0x8D5D08;
    case 48: return 0x560330; case 49: return 0x46FC7B; case 50: return 0x6BABF0; case 51: return 0xCFBC20;
    case 52: return 0x9AF436; case 53: return 0x1DA9E3; case 54: return 0x91615E; case 55: return 0xE61B08;
    case 56: return 0x659985; case 57: return 0x5F14A0; case 58: return 0x68408D; case 59: return 0xFFD880;
    case 60: return 0x4D7327; case 61: return 0x310606; case 62: return 0x1556CA; case 63: return 0x73A8C9;
    case 64: return 0x60E27B; case 65: return 0xC08C6B;
  }
  return 0;
}

/** pi/2 cut into 24-bit pieces. */
function piO2(k: i32): f64 {
  switch (k) {
    case 0: return 1.57079625129699707031e+00;
    case 1: return 7.54978941586159635335e-08;
    case 2: return 5.39030252995776476554e-15;
    case 3: return 3.28200341580791294123e-22;
    case 4: return 1.27065575308067607349e-29;
    case 5: return 1.22933308981111328932e-36;
    case 6: return 2.73370053816464559624e-44;
    case 7: return 2.16741683877804819444e-51;
  }
  return 0;
}

const TWO24: f64 = 1.67772160000000000000e+07;
const TWON24: f64 = 5.96046447753906250000e-08;

/** __kernel_rem_pio2 with prec = 2 (jk = jp = 4), x[] in the scratch block; result in Y0, Y1. */
function kernelRemPio2(e0: i32, nx: i32): i32 {
  const jk: i32 = 4;
  const jp: i32 = 4;
  const jx = nx - 1;
  let jv = (e0 - 3) / 24;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);
  let j = jv - jx;
  const m = jx + jk;
  for (let i = 0; i <= m; i++, j++) stF(i, j < 0 ? 0.0 : <f64>twoOverPi(j));
  for (let i = 0; i <= jk; i++) {
    let fw: f64 = 0.0;
    for (j = 0; j <= jx; j++) fw += ldX(j) * ldF(jx + i - j);
    stQ(i, fw);
  }
  let jz = jk;
  let n: i32 = 0;
  let ih: i32 = 0;
  let z: f64 = 0;
  let fw: f64 = 0;
  let again = true;
  while (again) {
    again = false;
    // distill q[] into iq[] reversingly
    let i = 0;
    j = jz;
    z = ldQ(jz);
    for (; j > 0; i++, j--) {
      fw = <f64><i32>(TWON24 * z);
      stIQ(i, <i32>(z - TWO24 * fw));
      z = ldQ(j - 1) + fw;
    }
    z = scalbn(z, q0);
    z -= 8.0 * Math.floor(z * 0.125);
    n = <i32>z;
    z -= <f64>n;
    ih = 0;
    if (q0 > 0) {
      i = ldIQ(jz - 1) >> (24 - q0);
      n += i;
      stIQ(jz - 1, ldIQ(jz - 1) - (i << (24 - q0)));
      ih = ldIQ(jz - 1) >> (23 - q0);
    } else if (q0 == 0) {
      ih = ldIQ(jz - 1) >> 23;
    } else if (z >= 0.5) {
      ih = 2;
    }
    if (ih > 0) {
      n += 1;
      let carry = 0;
      for (i = 0; i < jz; i++) {
        const v = ldIQ(i);
        if (carry == 0) {
          if (v != 0) {
            carry = 1;
            stIQ(i, 0x1000000 - v);
          }
        } else {
          stIQ(i, 0xFFFFFF - v);
        }
      }
      if (q0 == 1) stIQ(jz - 1, ldIQ(jz - 1) & 0x7FFFFF);
      else if (q0 == 2) stIQ(jz - 1, ldIQ(jz - 1) & 0x3FFFFF);
      if (ih == 2) {
        z = 1.0 - z;
        if (carry != 0) z -= scalbn(1.0, q0);
      }
    }
    if (z == 0) {
      let acc = 0;
      for (i = jz - 1; i >= jk; i--) acc |= ldIQ(i);
      if (acc == 0) {
        // recompute with more terms
        let k = 1;
        while (jk >= k && ldIQ(jk - k) == 0) k++;
        for (i = jz + 1; i <= jz + k; i++) {
          stF(jx + i, <f64>twoOverPi(jv + i));
          fw = 0.0;
          for (j = 0; j <= jx; j++) fw += ldX(j) * ldF(jx + i - j);
          stQ(i, fw);
        }
        jz += k;
        again = true;
      }
    }
  }
  if (z == 0.0) {
    jz -= 1;
    q0 -= 24;
    while (ldIQ(jz) == 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      fw = <f64><i32>(TWON24 * z);
      stIQ(jz, <i32>(z - TWO24 * fw));
      jz += 1;
      q0 += 24;
      stIQ(jz, <i32>fw);
    } else {
      stIQ(jz, <i32>z);
    }
  }
  fw = scalbn(1.0, q0);
  for (let i = jz; i >= 0; i--) {
    stQ(i, fw * <f64>ldIQ(i));
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0.0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += piO2(k) * ldQ(i + k);
    stFQ(jz - i, fw);
  }
  fw = 0.0;
  for (let i = jz; i >= 0; i--) fw += ldFQ(i);
  Y0 = ih == 0 ? fw : -fw;
  fw = ldFQ(0) - fw;
  for (let i = 1; i <= jz; i++) fw += ldFQ(i);
  Y1 = ih == 0 ? fw : -fw;
  return n & 7;
}

const INVPIO2: f64 = 6.36619772367581382433e-01;
const PIO2_1: f64 = 1.57079632673412561417e+00;
const PIO2_1T: f64 = 6.07710050650619224932e-11;
const PIO2_2: f64 = 6.07710050630396597660e-11;
const PIO2_2T: f64 = 2.02226624879595063154e-21;
const PIO2_3: f64 = 2.02226624871116645580e-21;
const PIO2_3T: f64 = 8.47842766036889956997e-32;

/**
 * Reduction of |x| >= 2^19 * pi/2 (finite): z = scalbn(|x|, -(ilogb(x) - 23)) cut into 24-bit
 * pieces, then __kernel_rem_pio2. Result in Y0 + Y1, returns n.
 */
function remPio2Large(x: f64, hx: i32, ix: i32): i32 {
  const e0 = (ix >> 20) - 1046;
  let z = words(ix - (e0 << 20), lo(x));
  for (let i = 0; i < 2; i++) {
    const t = <f64><i32>z;
    stX(i, t);
    z = (z - t) * TWO24;
  }
  stX(2, z);
  let nx = 3;
  while (ldX(nx - 1) == 0.0) nx--;
  const n = kernelRemPio2(e0, nx);
  if (hx < 0) {
    Y0 = -Y0;
    Y1 = -Y1;
    return -n;
  }
  return n;
}

const SIN: i32 = 0;
const COS: i32 = 1;
const TAN: i32 = 2;

/**
 * sin, cos or tan (`fn`, a constant after inlining) of x: __ieee754_rem_pio2 written inline for
 * |x| < 2^19 * pi/2, so the remainder stays in locals, then the kernel for the quadrant.
 */
// @ts-ignore: decorator
@inline function trig(x: f64, fn: i32): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix <= 0x3FE921FB) {
    // |x| <= pi/4: no reduction
    if (fn == SIN) return kernelSin(x, 0.0, 0);
    if (fn == COS) return kernelCos(x, 0.0);
    return kernelTan(x, 0.0, 1);
  }
  if (ix >= 0x7FF00000) return x - x; // NaN for Infinity and NaN
  let n: i32;
  let y0: f64;
  let y1: f64;
  if (ix < 0x4002D97C) {
    // |x| < 3pi/4: n = +-1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix != 0x3FF921FB) {
        y0 = z - PIO2_1T;
        y1 = (z - y0) - PIO2_1T;
      } else {
        z -= PIO2_2;
        y0 = z - PIO2_2T;
        y1 = (z - y0) - PIO2_2T;
      }
      n = 1;
    } else {
      let z = x + PIO2_1;
      if (ix != 0x3FF921FB) {
        y0 = z + PIO2_1T;
        y1 = (z - y0) + PIO2_1T;
      } else {
        z += PIO2_2;
        y0 = z + PIO2_2T;
        y1 = (z - y0) + PIO2_2T;
      }
      n = -1;
    }
  } else if (ix <= 0x413921FB) {
    // |x| <= 2^19 * pi/2: medium size
    let t = Math.abs(x);
    // fdlibm: n = (int)(t * invpio2 + 0.5), fn = n; fn via trunc() (the same value, t > 0)
    const fnn = Math.trunc(t * INVPIO2 + 0.5);
    n = <i32>fnn;
    let r = t - fnn * PIO2_1;
    let w = fnn * PIO2_1T;
    // fdlibm compares ix with a table of the high words of n*pi/2 (n < 32); hi(n * PIO2_1) is
    // that table, entry for entry (test/math checks all 32)
    if (n < 32 && ix != hi(fnn * PIO2_1)) {
      y0 = r - w;
    } else {
      const j = ix >> 20;
      y0 = r - w;
      let i = j - ((hi(y0) >> 20) & 0x7FF);
      if (i > 16) {
        t = r;
        w = fnn * PIO2_2;
        r = t - w;
        w = fnn * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        i = j - ((hi(y0) >> 20) & 0x7FF);
        if (i > 49) {
          t = r;
          w = fnn * PIO2_3;
          r = t - w;
          w = fnn * PIO2_3T - ((t - r) - w);
          y0 = r - w;
        }
      }
    }
    y1 = (r - y0) - w;
    if (hx < 0) {
      y0 = -y0;
      y1 = -y1;
      n = -n;
    }
  } else {
    n = remPio2Large(x, hx, ix);
    y0 = Y0;
    y1 = Y1;
  }
  if (fn == TAN) return kernelTan(y0, y1, 1 - ((n & 1) << 1));
  const q = fn == SIN ? n & 3 : (n + 1) & 3; // cos(x) = sin(x + pi/2)
  if (q == 0) return kernelSin(y0, y1, 1);
  if (q == 1) return kernelCos(y0, y1);
  if (q == 2) return -kernelSin(y0, y1, 1);
  return -kernelCos(y0, y1);
}

const S1: f64 = -1.66666666666666324348e-01;
const S2: f64 = 8.33333333332248946124e-03;
const S3: f64 = -1.98412698298579493134e-04;
const S4: f64 = 2.75573137070700676789e-06;
const S5: f64 = -2.50507602534068634195e-08;
const S6: f64 = 1.58969099521155010221e-10;

// @ts-ignore: decorator
@inline function kernelSin(x: f64, y: f64, iy: i32): f64 {
  const ix = hi(x) & 0x7FFFFFFF;
  if (ix < 0x3E400000) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

const C1: f64 = 4.16666666666666019037e-02;
const C2: f64 = -1.38888888888741095749e-03;
const C3: f64 = 2.48015872894767294178e-05;
const C4: f64 = -2.75573143513906633035e-07;
const C5: f64 = 2.08757232129817482790e-09;
const C6: f64 = -1.13596475577881948265e-11;

// @ts-ignore: decorator
@inline function kernelCos(x: f64, y: f64): f64 {
  const ix = hi(x) & 0x7FFFFFFF;
  if (ix < 0x3E400000) return 1.0; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3FD33333) return 1.0 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3FE90000 ? 0.28125 : words(ix - 0x00200000, 0); // x/4
  const iz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (iz - (z * r - x * y));
}

const T0: f64 = 3.33333333333334091986e-01;
const T1: f64 = 1.33333333333201242699e-01;
const T2: f64 = 5.39682539762260521377e-02;
const T3: f64 = 2.18694882948595424599e-02;
const T4: f64 = 8.86323982359930005737e-03;
const T5: f64 = 3.59207910759131235356e-03;
const T6: f64 = 1.45620945432529025516e-03;
const T7: f64 = 5.88041240820264096874e-04;
const T8: f64 = 2.46463134818469906812e-04;
const T9: f64 = 7.81794442939557092300e-05;
const T10: f64 = 7.14072491382608190305e-05;
const T11: f64 = -1.85586374855275456654e-05;
const T12: f64 = 2.59073051863633712884e-05;
const PIO4: f64 = 7.85398163397448278999e-01;
const PIO4LO: f64 = 3.06161699786838301793e-17;

// @ts-ignore: decorator
@inline function kernelTan(x: f64, y: f64, iy: i32): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix < 0x3E300000) {
    // |x| < 2^-28
    if (((ix | <i32>lo(x)) | (iy + 1)) == 0) return 1.0 / Math.abs(x);
    if (iy == 1) return x;
    // -1 / (x + y), carefully
    const w = x + y;
    const z = clearLo(w);
    const v = y - (z - x);
    const a = -1.0 / w;
    const t = clearLo(a);
    const s = 1.0 + t * z;
    return t + a * (s + t * v);
  }
  if (ix >= 0x3FE59428) {
    // |x| >= 0.6744
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    const z = PIO4 - x;
    const w = PIO4LO - y;
    x = z + w;
    y = 0.0;
  }
  const z = x * x;
  let w = z * z;
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  let v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  w = x + r;
  if (ix >= 0x3FE59428) {
    v = <f64>iy;
    return <f64>(1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
  }
  if (iy == 1) return w;
  const zz = clearLo(w);
  v = r - (zz - x);
  const a = -1.0 / w;
  const t = clearLo(a);
  const ss = 1.0 + t * zz;
  return t + a * (ss + t * v);
}

export function sin(x: f64): f64 {
  return trig(x, SIN);
}

export function cos(x: f64): f64 {
  return trig(x, COS);
}

export function tan(x: f64): f64 {
  return trig(x, TAN);
}
