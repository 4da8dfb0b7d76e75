// asin, acos, atan, atan2 and the hyperbolic functions, as fdlibm / V8's src/base/ieee754.cc
// compute them.
import { hi, lo, withHi, clearLo } from "./bits";
import { exp, expm1, log, log1p } from "./explog";

const PIO2_HI: f64 = 1.57079632679489655800e+00;
const PIO2_LO: f64 = 6.12323399573676603587e-17;
const PIO4_HI: f64 = 7.85398163397448278999e-01;
const PI: f64 = 3.14159265358979311600e+00;
const pS0: f64 = 1.66666666666666657415e-01;
const pS1: f64 = -3.25565818622400915405e-01;
const pS2: f64 = 2.01212532134862925881e-01;
const pS3: f64 = -4.00555345006794114027e-02;
const pS4: f64 = 7.91534994289814532176e-04;
const pS5: f64 = 3.47933107596021167570e-05;
const qS1: f64 = -2.40339491173441421878e+00;
const qS2: f64 = 2.02094576023350569471e+00;
const qS3: f64 = -6.88283971605453293030e-01;
const qS4: f64 = 7.70381505559019352791e-02;

// @ts-ignore: decorator
@inline function rP(z: f64): f64 {
  return z * (pS0 + z * (pS1 + z * (pS2 + z * (pS3 + z * (pS4 + z * pS5)))));
}
// @ts-ignore: decorator
@inline function rQ(z: f64): f64 {
  return 1.0 + z * (qS1 + z * (qS2 + z * (qS3 + z * qS4)));
}

export function asin(x: f64): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  let t: f64 = 0;
  if (ix >= 0x3FF00000) {
    if (((ix - 0x3FF00000) | lo(x)) == 0) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3FE00000) {
    // |x| < 0.5
    if (ix < 0x3E400000) return x;
    t = x * x;
    const p = rP(t);
    const q = rQ(t);
    const w = p / q;
    return x + x * w;
  }
  let w = 1.0 - Math.abs(x);
  t = w * 0.5;
  let p = rP(t);
  let q = rQ(t);
  const s = Math.sqrt(t);
  if (ix >= 0x3FEF3333) {
    // |x| > 0.975
    w = p / q;
    t = PIO2_HI - (2.0 * (s + s * w) - PIO2_LO);
  } else {
    w = clearLo(s);
    const c = (t - w * w) / (s + w);
    const r = p / q;
    p = 2.0 * s * r - (PIO2_LO - 2.0 * c);
    q = PIO4_HI - 2.0 * w;
    t = PIO4_HI - (p - q);
  }
  return hx > 0 ? t : -t;
}

export function acos(x: f64): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x3FF00000) {
    if (((ix - 0x3FF00000) | lo(x)) == 0) {
      if (hx > 0) return 0.0;
      return PI + 2.0 * PIO2_LO;
    }
    return NaN;
  }
  if (ix < 0x3FE00000) {
    if (ix <= 0x3C600000) return PIO2_HI + PIO2_LO;
    const z = x * x;
    const r = rP(z) / rQ(z);
    return PIO2_HI - (x - (PIO2_LO - x * r));
  }
  if (hx < 0) {
    const z = (1.0 + x) * 0.5;
    const p = rP(z);
    const q = rQ(z);
    const s = Math.sqrt(z);
    const r = p / q;
    const w = r * s - PIO2_LO;
    return PI - 2.0 * (s + w);
  }
  const z = (1.0 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = clearLo(s);
  const c = (z - df * df) / (s + df);
  const p = rP(z);
  const q = rQ(z);
  const r = p / q;
  const w = r * s + c;
  return 2.0 * (df + w);
}

const aT0: f64 = 3.33333333333329318027e-01;
const aT1: f64 = -1.99999999998764832476e-01;
const aT2: f64 = 1.42857142725034663711e-01;
const aT3: f64 = -1.11111104054623557880e-01;
const aT4: f64 = 9.09088713343650656196e-02;
const aT5: f64 = -7.69187620504482999495e-02;
const aT6: f64 = 6.66107313738753120669e-02;
const aT7: f64 = -5.83357013379057348645e-02;
const aT8: f64 = 4.97687799461593236017e-02;
const aT9: f64 = -3.65315727442169155270e-02;
const aT10: f64 = 1.62858201153657823623e-02;

export function atan(x: f64): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x44100000) {
    // |x| >= 2^66
    if (ix > 0x7FF00000 || (ix == 0x7FF00000 && lo(x) != 0)) return x + x;
    if (hx > 0) return 1.57079632679489655800e+00 + 6.12323399573676603587e-17;
    return -1.57079632679489655800e+00 - 6.12323399573676603587e-17;
  }
  let id: i32;
  if (ix < 0x3FDC0000) {
    // |x| < 0.4375
    if (ix < 0x3E400000) return x;
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3FF30000) {
      if (ix < 0x3FE60000) {
        id = 0;
        x = (2.0 * x - 1.0) / (2.0 + x);
      } else {
        id = 1;
        x = (x - 1.0) / (x + 1.0);
      }
    } else {
      if (ix < 0x40038000) {
        id = 2;
        x = (x - 1.5) / (1.0 + 1.5 * x);
      } else {
        id = 3;
        x = -1.0 / x;
      }
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (aT0 + w * (aT2 + w * (aT4 + w * (aT6 + w * (aT8 + w * aT10)))));
  const s2 = w * (aT1 + w * (aT3 + w * (aT5 + w * (aT7 + w * aT9))));
  if (id < 0) return x - x * (s1 + s2);
  let ahi: f64, alo: f64;
  if (id == 0) {
    ahi = 4.63647609000806093515e-01;
    alo = 2.26987774529616870924e-17;
  } else if (id == 1) {
    ahi = 7.85398163397448278999e-01;
    alo = 3.06161699786838301793e-17;
  } else if (id == 2) {
    ahi = 9.82793723247329054082e-01;
    alo = 1.39033110312309984516e-17;
  } else {
    ahi = 1.57079632679489655800e+00;
    alo = 6.12323399573676603587e-17;
  }
  const r = ahi - ((x * (s1 + s2) - alo) - x);
  return hx < 0 ? -r : r;
}

const PI_O_4: f64 = 7.8539816339744827900e-01;
const PI_O_2: f64 = 1.5707963267948965580e+00;
const PI_LO: f64 = 1.2246467991473531772e-16;
const TINY: f64 = 1.0e-300;

export function atan2(y: f64, x: f64): f64 {
  const hx = hi(x);
  const lx = lo(x);
  const ix = hx & 0x7FFFFFFF;
  const hy = hi(y);
  const ly = lo(y);
  const iy = hy & 0x7FFFFFFF;
  if ((<u32>ix | ((lx | (0 - lx)) >>> 31)) > 0x7FF00000 || (<u32>iy | ((ly | (0 - ly)) >>> 31)) > 0x7FF00000) {
    return x + y; // NaN
  }
  if (((hx - 0x3FF00000) | <i32>lx) == 0) return atan(y); // x == 1
  let m = ((hy >> 31) & 1) | ((hx >> 30) & 2);
  if ((iy | <i32>ly) == 0) {
    // y == 0
    if (m == 2) return PI + TINY;
    if (m == 3) return -PI - TINY;
    return y;
  }
  if ((ix | <i32>lx) == 0) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
  if (ix == 0x7FF00000) {
    if (iy == 0x7FF00000) {
      if (m == 0) return PI_O_4 + TINY;
      if (m == 1) return -PI_O_4 - TINY;
      if (m == 2) return 3.0 * PI_O_4 + TINY;
      return -3.0 * PI_O_4 - TINY;
    }
    if (m == 0) return 0.0;
    if (m == 1) return -0.0;
    if (m == 2) return PI + TINY;
    return -PI - TINY;
  }
  if (iy == 0x7FF00000) return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
  const k = (iy - ix) >> 20;
  let z: f64;
  if (k > 60) {
    z = PI_O_2 + 0.5 * PI_LO;
    m &= 1;
  } else if (hx < 0 && k < -60) {
    z = 0.0;
  } else {
    z = atan(Math.abs(y / x));
  }
  if (m == 0) return z;
  if (m == 1) return -z;
  if (m == 2) return PI - (z - PI_LO);
  return (z - PI_LO) - PI;
}

const LN2: f64 = 6.93147180559945286227e-01;

export function asinh(x: f64): f64 {
  const hx = hi(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x7FF00000) return x + x;
  if (ix < 0x3E300000) return x; // |x| < 2^-28
  let w: f64;
  if (ix > 0x41B00000) {
    w = log(Math.abs(x)) + LN2;
  } else if (ix > 0x40000000) {
    const t = Math.abs(x);
    w = log(2.0 * t + 1.0 / (Math.sqrt(x * x + 1.0) + t));
  } else {
    const t = x * x;
    w = log1p(Math.abs(x) + t / (1.0 + Math.sqrt(1.0 + t)));
  }
  return hx > 0 ? w : -w;
}

export function acosh(x: f64): f64 {
  const hx = hi(x);
  if (hx < 0x3FF00000) return NaN;
  if (hx >= 0x41B00000) {
    if (hx >= 0x7FF00000) return x + x;
    return log(x) + LN2;
  }
  if (((hx - 0x3FF00000) | <i32>lo(x)) == 0) return 0.0;
  if (hx > 0x40000000) {
    const t = x * x;
    return log(2.0 * x - 1.0 / (x + Math.sqrt(t - 1.0)));
  }
  const t = x - 1.0;
  return log1p(t + Math.sqrt(2.0 * t + t * t));
}

export function atanh(x: f64): f64 {
  const hx = hi(x);
  const lx = lo(x);
  const ix = hx & 0x7FFFFFFF;
  if ((<u32>ix | ((lx | (0 - lx)) >>> 31)) > 0x3FF00000) return NaN; // |x| > 1 or NaN
  if (ix == 0x3FF00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3E300000) return x;
  x = withHi(x, ix);
  let t: f64;
  if (ix < 0x3FE00000) {
    t = x + x;
    t = 0.5 * log1p(t + t * x / (1.0 - x));
  } else {
    t = 0.5 * log1p((x + x) / (1.0 - x));
  }
  return hx >= 0 ? t : -t;
}

export function sinh(x: f64): f64 {
  const h: f64 = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < 3.725290298461914e-9) return x; // 2^-28
    const t = expm1(ax);
    if (ax < 1) return h * (2 * t - t * t / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < 709.7822265625) return h * exp(ax);
  if (ax <= 710.4758600739439) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * 1.0e307;
}

export function cosh(x: f64): f64 {
  const ix = hi(x) & 0x7FFFFFFF;
  if (ix < 0x3FD62E43) {
    const t = expm1(Math.abs(x));
    const w = 1.0 + t;
    if (ix < 0x3C800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    const t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862E42) return 0.5 * exp(Math.abs(x));
  if (Math.abs(x) <= 710.4758600739439) {
    const w = exp(0.5 * Math.abs(x));
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7FF00000) return x * x;
  return Infinity;
}

export function tanh(x: f64): f64 {
  const jx = hi(x);
  const ix = jx & 0x7FFFFFFF;
  if (ix >= 0x7FF00000) {
    if (jx >= 0) return 1.0 / x + 1.0;
    return 1.0 / x - 1.0;
  }
  let z: f64;
  if (ix < 0x40360000) {
    if (ix < 0x3E300000) return x;
    if (ix >= 0x3FF00000) {
      const t = expm1(2.0 * Math.abs(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const t = expm1(-2.0 * Math.abs(x));
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0 - TINY;
  }
  return jx >= 0 ? z : -z;
}

/** Math.hypot(a, b) as V8's builtin computes it: scaled by the larger magnitude, Kahan-summed. */
export function hypot(a: f64, b: f64): f64 {
  const nan = a != a || b != b;
  const x = Math.abs(a);
  const y = Math.abs(b);
  let max: f64 = 0;
  if (!(a != a) && x > max) max = x;
  if (!(b != b) && y > max) max = y;
  if (max == Infinity) return Infinity;
  if (nan) return NaN;
  if (max == 0) return 0;
  let sum: f64 = 0;
  let comp: f64 = 0;
  let n = x / max;
  let summand = n * n - comp;
  let pre = sum + summand;
  comp = (pre - sum) - summand;
  sum = pre;
  n = y / max;
  summand = n * n - comp;
  pre = sum + summand;
  comp = (pre - sum) - summand;
  sum = pre;
  return Math.sqrt(sum) * max;
}
