// pow: fdlibm's e_pow.c (V8's base::ieee754::legacy::pow, what Math.pow and ** call on Node 20):
// log2(x) in extra precision, y*log2(x) split into integer and fraction, 2^fraction by the exp
// polynomial, scaled back.
import { hi, lo, withHi, clearLo, scalbn } from "./bits";

const TWO53: f64 = 9007199254740992.0;
const HUGE: f64 = 1.0e300;
const TINY: f64 = 1.0e-300;
const L1: f64 = 5.99999999999994648725e-01;
const L2: f64 = 4.28571428578550184252e-01;
const L3: f64 = 3.33333329818377432918e-01;
const L4: f64 = 2.72728123808534006489e-01;
const L5: f64 = 2.30660745775561754067e-01;
const L6: f64 = 2.06975017800338417784e-01;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;
const LG2: f64 = 6.93147180559945286227e-01;
const LG2_H: f64 = 6.93147182464599609375e-01;
const LG2_L: f64 = -1.90465429995776804525e-09;
const OVT: f64 = 8.0085662595372944372e-17;
const CP: f64 = 9.61796693925975554329e-01;
const CP_H: f64 = 9.61796700954437255859e-01;
const CP_L: f64 = -7.02846165095275826516e-09;
const IVLN2: f64 = 1.44269504088896338700e+00;
const IVLN2_H: f64 = 1.44269502162933349609e+00;
const IVLN2_L: f64 = 1.92596299112661746887e-08;
const DP_H1: f64 = 5.84962487220764160156e-01;
const DP_L1: f64 = 1.35003920212974897128e-08;

export function pow(x: f64, y: f64): f64 {
  const hx = hi(x);
  const lx = lo(x);
  const hy = hi(y);
  const ly = lo(y);
  let ix = hx & 0x7FFFFFFF;
  const iy = hy & 0x7FFFFFFF;

  if ((iy | <i32>ly) == 0) return 1.0;
  if (ix > 0x7FF00000 || (ix == 0x7FF00000 && lx != 0) || iy > 0x7FF00000 || (iy == 0x7FF00000 && ly != 0)) {
    return x + y;
  }

  // yisint: 0 not an integer, 1 odd, 2 even (only needed for x < 0)
  let yisint: i32 = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2;
    } else if (iy >= 0x3FF00000) {
      const k = (iy >> 20) - 0x3FF;
      if (k > 20) {
        const j = <i32>(ly >>> (52 - k));
        if (<u32>(j << (52 - k)) == ly) yisint = 2 - (j & 1);
      } else if (ly == 0) {
        const j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly == 0) {
    if (iy == 0x7FF00000) {
      if (((ix - 0x3FF00000) | <i32>lx) == 0) return y - y; // (+-1)**+-inf is NaN
      if (ix >= 0x3FF00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy == 0x3FF00000) return hy < 0 ? 1.0 / x : x;
    if (hy == 0x40000000) return x * x;
    if (hy == 0x3FE00000 && hx >= 0) return Math.sqrt(x);
  }

  let ax = Math.abs(x);
  if (lx == 0) {
    if (ix == 0x7FF00000 || ix == 0 || ix == 0x3FF00000) {
      let z = ax;
      if (hy < 0) z = 1.0 / z;
      if (hx < 0) {
        if (((ix - 0x3FF00000) | yisint) == 0) z = NaN;
        else if (yisint == 1) z = -z;
      }
      return z;
    }
  }

  let n = (hx >> 31) + 1;
  if ((n | yisint) == 0) return NaN; // (x<0)**(non-int)
  let s: f64 = 1.0;
  if ((n | (yisint - 1)) == 0) s = -1.0;

  let t1: f64, t2: f64;
  if (iy > 0x41E00000) {
    // |y| > 2^31
    if (iy > 0x43F00000) {
      if (ix <= 0x3FEFFFFF) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3FF00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3FEFFFFF) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3FF00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    const t = ax - 1.0;
    const w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLo(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = hi(ax);
    }
    n += (ix >> 20) - 0x3FF;
    const j = ix & 0x000FFFFF;
    ix = j | 0x3FF00000;
    let k: i32;
    if (j <= 0x3988E) {
      k = 0;
    } else if (j < 0xBB67A) {
      k = 1;
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHi(ax, ix);
    const bp: f64 = k == 0 ? 1.0 : 1.5;
    const dph: f64 = k == 0 ? 0.0 : DP_H1;
    const dpl: f64 = k == 0 ? 0.0 : DP_L1;
    let u = ax - bp;
    let v = 1.0 / (ax + bp);
    const ss = u * v;
    const s_h = clearLo(ss);
    let t_h = withHi(0.0, ((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18));
    let t_l = ax - (t_h - bp);
    const s_l = v * ((u - s_h * t_h) - s_h * t_l);
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = clearLo(3.0 + s2 + r);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    const p_h = clearLo(u + v);
    const p_l = v - (p_h - u);
    const z_h = CP_H * p_h;
    const z_l = CP_L * p_h + p_l * CP + dpl;
    const t = <f64>n;
    t1 = clearLo(((z_h + z_l) + dph) + t);
    t2 = z_l - (((t1 - t) - dph) - z_h);
  }

  // (y1 + y2) * (t1 + t2)
  const y1 = clearLo(y);
  let p_l = (y - y1) * t1 + y * t2;
  let p_h = y1 * t1;
  let z = p_l + p_h;
  let j = hi(z);
  let i = <i32>lo(z);
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) != 0) return s * HUGE * HUGE;
    if (p_l + OVT > z - p_h) return s * HUGE * HUGE;
  } else if ((j & 0x7FFFFFFF) >= 0x4090CC00) {
    // z <= -1075
    if (((j - <i32>0xC090CC00) | i) != 0) return s * TINY * TINY;
    if (p_l <= z - p_h) return s * TINY * TINY;
  }
  // 2^(p_h + p_l)
  i = j & 0x7FFFFFFF;
  let k = (i >> 20) - 0x3FF;
  n = 0;
  if (i > 0x3FE00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7FFFFFFF) >> 20) - 0x3FF;
    const t = withHi(0.0, n & ~(0x000FFFFF >> k));
    n = ((n & 0x000FFFFF) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  let t = clearLo(p_l + p_h);
  const u = t * LG2_H;
  const v = (p_l - (t - p_h)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * t1) / ((t1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = hi(z);
  j += n << 20;
  if ((j >> 20) <= 0) z = scalbn(z, n);
  else z = withHi(z, j);
  return s * z;
}
