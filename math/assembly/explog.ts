// exp, expm1, log, log1p, log2, log10, cbrt: fdlibm's algorithms with the constants and the
// special-case branches of V8's src/base/ieee754.cc (the code behind Node 20's Math), so every
// operation happens in the same order and rounds the same way.
import { hi, lo, words, withHi, clearLo } from "./bits";

export const LN2_HI: f64 = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000
export const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
export const INV_LN2: f64 = 1.44269504088896338700e+00; // 0x3FF71547 652B82FE
const TWO54: f64 = 1.80143985094819840000e+16;

// exp's polynomial (a rational approximation of r*(e^r+1)/(e^r-1) on [0, 0.347])
export const P1: f64 = 1.66666666666666019037e-01;
export const P2: f64 = -2.77777777770155933842e-03;
export const P3: f64 = 6.61375632143793436117e-05;
export const P4: f64 = -1.65339022054652515390e-06;
export const P5: f64 = 4.13813679705723846039e-08;

export function exp(x: f64): f64 {
  let hx = <u32>hi(x);
  const xsb = <i32>(hx >>> 31);
  hx &= 0x7FFFFFFF;
  let k: i32 = 0;
  let h: f64 = 0;
  let l: f64 = 0;
  if (hx >= 0x40862E42) {
    // |x| >= 709.78
    if (hx >= 0x7FF00000) {
      if (((hx & 0xFFFFF) | lo(x)) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0;
    }
    if (x > 7.09782712893383973096e+02) return Infinity;
    if (x < -7.45133219101941108420e+02) return 0.0;
  }
  if (hx > 0x3FD62E42) {
    // |x| > ln2/2
    if (hx < 0x3FF0A2B2) {
      // and |x| < 1.5 ln2
      if (x == 1.0) return 2.718281828459045; // V8 returns e exactly
      if (xsb == 0) {
        h = x - LN2_HI;
        l = LN2_LO;
        k = 1;
      } else {
        h = x + LN2_HI;
        l = -LN2_LO;
        k = -1;
      }
    } else {
      // fdlibm: k = (int)(x/ln2 +- 0.5), t = k. t is computed as trunc() directly, so the
      // reduction does not wait for the round trip through an integer register (same value:
      // |k| < 2^11; a -0 from trunc changes neither hi nor lo below)
      const t = Math.trunc(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      k = <i32>t;
      h = x - t * LN2_HI;
      l = t * LN2_LO;
    }
    x = h - l;
  } else if (hx < 0x3E300000) {
    // |x| < 2^-28
    return 1.0 + x;
  }
  const t = x * x;
  let twopk: f64;
  if (k >= -1021) twopk = words(0x3FF00000 + (k << 20), 0);
  else twopk = words(0x3FF00000 + ((k + 1000) << 20), 0);
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((l - (x * c) / (2.0 - c)) - h);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * 8.988465674311579539e307;
    return y * twopk;
  }
  return y * twopk * 9.33263618503218878990e-302; // 2^-1000
}

const Q1: f64 = -3.33333333333331316428e-02;
const Q2: f64 = 1.58730158725481460165e-03;
const Q3: f64 = -7.93650757867487942473e-05;
const Q4: f64 = 4.00821782732936239552e-06;
const Q5: f64 = -2.01099218183624371326e-07;

export function expm1(x: f64): f64 {
  let hx = <u32>hi(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7FFFFFFF;
  let k: i32 = 0;
  let c: f64 = 0;
  if (hx >= 0x4043687A) {
    // |x| >= 56 ln2
    if (hx >= 0x40862E42) {
      if (hx >= 0x7FF00000) {
        if (((hx & 0xFFFFF) | lo(x)) != 0) return x + x;
        return xsb == 0 ? x : -1.0;
      }
      if (x > 7.09782712893383973096e+02) return Infinity;
    }
    if (xsb != 0) {
      if (x + 1.0e-300 < 0.0) return 1.0e-300 - 1.0;
    }
  }
  if (hx > 0x3FD62E42) {
    let h: f64, l: f64;
    if (hx < 0x3FF0A2B2) {
      if (xsb == 0) {
        h = x - LN2_HI;
        l = LN2_LO;
        k = 1;
      } else {
        h = x + LN2_HI;
        l = -LN2_LO;
        k = -1;
      }
    } else {
      // fdlibm: k = (int)(x/ln2 +- 0.5), t = k. t is computed as trunc() directly, so the
      // reduction does not wait for the round trip through an integer register (same value:
      // |k| < 2^11; a -0 from trunc changes neither hi nor lo below)
      const t = Math.trunc(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      k = <i32>t;
      h = x - t * LN2_HI;
      l = t * LN2_LO;
    }
    x = h - l;
    c = (h - x) - l;
  } else if (hx < 0x3C900000) {
    // |x| < 2^-54
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const twopk = words(0x3FF00000 + (k << 20), 0);
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  let y: f64;
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.98846567431158e+307;
    else y = y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = words(0x3FF00000 - (0x200000 >> k), 0); // 1 - 2^-k
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = words((0x3FF - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1.0;
    y = y * twopk;
  }
  return y;
}

const Lg1: f64 = 6.666666666666735130e-01;
const Lg2: f64 = 3.999999999940941908e-01;
const Lg3: f64 = 2.857142874366239149e-01;
const Lg4: f64 = 2.222219843214978396e-01;
const Lg5: f64 = 1.818357216161805012e-01;
const Lg6: f64 = 1.531383769920937332e-01;
const Lg7: f64 = 1.479819860511658591e-01;

export function log(x: f64): f64 {
  let hx = hi(x);
  const lx = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7FFFFFFF) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hi(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000FFFFF;
  let i = (hx + 0x95F64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3FF00000));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000FFFFF & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      const dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    const dk = <f64>k;
    return dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147A;
  const w = z * z;
  const j = 0x6B851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

export function log1p(x: f64): f64 {
  const hx = hi(x);
  const ax = hx & 0x7FFFFFFF;
  let k: i32 = 1;
  let f: f64 = 0;
  let c: f64 = 0;
  let hu: i32 = 0;
  if (hx < 0x3FDA827A) {
    // 1+x < sqrt(2)+
    if (ax >= 0x3FF00000) {
      // x <= -1
      if (x == -1.0) return -Infinity;
      return NaN;
    }
    if (ax < 0x3E200000) {
      // |x| < 2^-29
      if (ax < 0x3C900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= <i32>0xBFD2BEC4) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7FF00000) return x + x;
  if (k != 0) {
    let u: f64;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = hi(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = hi(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000FFFFF;
    if (hu < 0x6A09E) {
      u = withHi(u, hu | 0x3FF00000);
    } else {
      k += 1;
      u = withHi(u, hu | 0x3FE00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  const dk = <f64>k;
  if (hu == 0) {
    // |f| < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      c += dk * LN2_LO;
      return dk * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - R;
    return dk * LN2_HI - ((R - (dk * LN2_LO + c)) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + (dk * LN2_LO + c))) - f);
}

/** log(1+f) - f + f*f/2 for 1+f in [sqrt(2)/2, sqrt(2)] (FreeBSD's k_log1p, as V8 uses it). */
// @ts-ignore: decorator
@inline function kLog1p(f: f64): f64 {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

export function log2(x: f64): f64 {
  let hx = hi(x);
  const lx = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7FFFFFFF) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hi(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  if (hx == 0x3FF00000 && lx == 0) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000FFFFF;
  const i = (hx + 0x95F64) & 0x100000;
  x = withHi(x, hx | (i ^ 0x3FF00000));
  k += i >> 20;
  const y = <f64>k;
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  const h = clearLo(f - hfsq);
  const l = (f - h) - hfsq + r;
  let valHi = h * 1.44269504072144627571e+00; // ivln2hi 0x3FF71547 65200000
  let valLo = (l + h) * 1.67517131648865118353e-10 + l * 1.44269504072144627571e+00;
  const w = y + valHi;
  valLo += (y - w) + valHi;
  valHi = w;
  return valLo + valHi;
}

export function log10(x: f64): f64 {
  let hx = hi(x);
  let lx = lo(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7FFFFFFF) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hi(x);
    lx = lo(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  if (hx == 0x3FF00000 && lx == 0) return 0;
  k += (hx >> 20) - 1023;
  const i = <i32>(<u32>k >>> 31);
  hx = (hx & 0x000FFFFF) | ((0x3FF - i) << 20);
  const y = <f64>(k + i);
  x = words(hx, lx);
  const z = y * 3.69423907715893078616e-13 + 4.34294481903251816668e-01 * log(x);
  return z + y * 3.01029995663611771306e-01;
}

export function cbrt(x: f64): f64 {
  let hx = hi(x);
  const low = lo(x);
  const sign = hx & <i32>0x80000000;
  hx ^= sign;
  if (hx >= 0x7FF00000) return x + x;
  let t: f64 = 0;
  if (hx < 0x00100000) {
    if ((hx | low) == 0) return x;
    t = words(0x43500000, 0) * x; // 2^54 * x
    const high = <u32>hi(t);
    t = words(sign | <i32>((high & 0x7FFFFFFF) / 3 + 696219795), 0);
  } else {
    t = words(sign | <i32>(<u32>hx / 3 + 715094163), 0);
  }
  let r = (t * t) * (t / x);
  t = t * ((1.87595182427177009643 + r * (-1.88497979543377169875 + r * 1.621429720105354466140)) +
    ((r * r) * r) * (-0.758397934778766047437 + r * 0.145996192886612446982));
  t = reinterpret<f64>((reinterpret<u64>(t) + 0x80000000) & 0xFFFFFFFFC0000000);
  const s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return t;
}
