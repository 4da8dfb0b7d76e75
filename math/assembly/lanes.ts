// Two-lane (f64x2) versions of library functions, for kernels whose parallel loops run two
// iterations per step. Each lane returns exactly the bits the scalar function returns for it,
// and the code makes no calls and touches no memory, so a kernel can inline it into its loop
// (and keep the constants in registers across iterations).
import { INV_LN2, LN2_HI, LN2_LO, P1, P2, P3, P4, P5 } from "./explog";

// above 704, k may reach 1024 or fall below -1021, where the scalar code scales in two steps
const BIG: f64 = 704.0;

// The scalar exp's thresholds on the high word of |x|, as doubles: for positive doubles,
// comparing values is comparing bits, so `hx > 0x3FD62E42` is `|x| >= 0x3FD62E43_00000000`.
const TINY: f64 = reinterpret<f64>(0x3E30000000000000); // 2^-28: below, exp(x) = 1 + x
const HALF_LN2: f64 = reinterpret<f64>(0x3FD62E4300000000); // from here: reduce by k*ln2
const ONE_HALF_LN2: f64 = reinterpret<f64>(0x3FF0A2B200000000); // below: k = +-1
const OVER: f64 = 7.09782712893383973096e+02; // above: Infinity
const UNDER: f64 = -7.45133219101941108420e+02; // below: 0

// 2^52 + 1023: adding an integer k in [-1023, 1024] leaves k + 1023 in the low mantissa bits
const BIAS: f64 = 4503599627371519.0;

/**
 * Math.exp on each lane, bit-identical to the scalar `exp`.
 *
 * Both lanes in [2^-28, 704), neither exactly 1 (the common case): the scalar algorithm's
 * operations in the scalar order, 2^k applied with one multiplication as the scalar code does
 * for -1021 <= k <= 1023. Otherwise `expAnyF64x2`.
 */
export function exp_f64x2(x: v128): v128 {
  const ax = f64x2.abs(x);
  const common = v128.and(
    v128.and(f64x2.ge(ax, f64x2.splat(TINY)), f64x2.lt(ax, f64x2.splat(BIG))),
    f64x2.ne(x, f64x2.splat(1.0)),
  );
  if (!i64x2.all_true(common)) return expAnyF64x2(x);
  const sign = v128.and(x, i64x2.splat(0x8000000000000000));
  // k (as the double t): 0 below ln2/2, +-1 below 1.5 ln2, else trunc(x/ln2 +- 1/2)
  const far = f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), v128.or(sign, f64x2.splat(0.5))));
  let t = v128.bitselect(far, v128.or(sign, f64x2.splat(1.0)), f64x2.ge(ax, f64x2.splat(ONE_HALF_LN2)));
  t = v128.and(t, f64x2.ge(ax, f64x2.splat(HALF_LN2)));
  const y = expCore(x, t);
  return f64x2.mul(y, i64x2.shl(f64x2.add(t, f64x2.splat(BIAS)), 52));
}

/**
 * y with exp(x) = y * 2^k, for k (as the double t) chosen as the scalar code chooses it.
 *
 * k = 0 lanes have t = +0, so h = x - 0 = x, l = 0 and r = x: the scalar code's unreduced x.
 * k != 0: y = 1 - ((l - r*c/(2 - c)) - h).  k = 0: the scalar code computes
 * 1 - (r*c/(c - 2) - r); with l = 0 and h = r that is the same expression, because
 * c - 2 = -(2 - c) and a/(-b) = -(a/b) exactly, and 0 - q differs from -q only for q = 0,
 * where (+-0 - r) is -r either way (r is not 0: |x| >= 2^-28 in these lanes).
 */
// @ts-ignore: decorator
@inline function expCore(x: v128, t: v128): v128 {
  const h = f64x2.sub(x, f64x2.mul(t, f64x2.splat(LN2_HI)));
  const l = f64x2.mul(t, f64x2.splat(LN2_LO));
  const r = f64x2.sub(h, l);
  const rr = f64x2.mul(r, r);
  let p = f64x2.mul(rr, f64x2.splat(P5));
  p = f64x2.mul(rr, f64x2.add(f64x2.splat(P4), p));
  p = f64x2.mul(rr, f64x2.add(f64x2.splat(P3), p));
  p = f64x2.mul(rr, f64x2.add(f64x2.splat(P2), p));
  p = f64x2.mul(rr, f64x2.add(f64x2.splat(P1), p));
  const c = f64x2.sub(r, p);
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
  return f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(l, q), h));
}

/**
 * Math.exp on each lane for any inputs, without branches.
 *
 * The scalar code scales y by 2^k with a single rounding in every case (y*2^k for
 * -1021 <= k <= 1023, y*2*2^1023 for k = 1024, y*2^(k+1000)*2^-1000 below: the first product is
 * exact each time). Here every lane scales by 2^(k - j) and then by 2^j, j = floor(k/2): the
 * first product is exact and the second rounds once, so the results are the same.
 */
// @ts-ignore: decorator
@inline function expAnyF64x2(x: v128): v128 {
  const ax = f64x2.abs(x);
  const sign = v128.and(x, i64x2.splat(0x8000000000000000));
  const far = f64x2.trunc(f64x2.add(f64x2.mul(f64x2.splat(INV_LN2), x), v128.or(sign, f64x2.splat(0.5))));
  let t = v128.bitselect(far, v128.or(sign, f64x2.splat(1.0)), f64x2.ge(ax, f64x2.splat(ONE_HALF_LN2)));
  t = v128.and(t, f64x2.ge(ax, f64x2.splat(HALF_LN2)));
  // keep t finite and small for lanes answered below (huge, infinite or NaN x)
  t = v128.and(t, f64x2.le(ax, f64x2.splat(-UNDER)));
  const y = expCore(x, t);
  // 2^j and 2^(k-j): e + 1023 sits in the low bits of e + 2^52 + 1023; shift it into the exponent
  const j = f64x2.floor(f64x2.mul(t, f64x2.splat(0.5)));
  const s1 = i64x2.shl(f64x2.add(f64x2.sub(t, j), f64x2.splat(BIAS)), 52);
  const s2 = i64x2.shl(f64x2.add(j, f64x2.splat(BIAS)), 52);
  let e = f64x2.mul(f64x2.mul(y, s1), s2);
  // the scalar code's early answers
  e = v128.bitselect(f64x2.add(f64x2.splat(1.0), x), e, f64x2.lt(ax, f64x2.splat(TINY)));
  e = v128.bitselect(f64x2.splat(2.718281828459045), e, f64x2.eq(x, f64x2.splat(1.0))); // V8 returns e itself
  e = v128.bitselect(f64x2.splat(Infinity), e, f64x2.gt(x, f64x2.splat(OVER)));
  e = v128.and(e, f64x2.ge(x, f64x2.splat(UNDER))); // 0 below (and for NaN: restored next)
  return v128.bitselect(f64x2.add(x, x), e, f64x2.ne(x, x));
}
