// Word access on doubles, as fdlibm's GET_HIGH_WORD / SET_LOW_WORD / INSERT_WORDS macros do.

/** The high 32 bits of `x` as a signed integer (sign bit included). */
// @ts-ignore: decorator
@inline export function hi(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >>> 32);
}

/** The low 32 bits of `x`. */
// @ts-ignore: decorator
@inline export function lo(x: f64): u32 {
  return <u32>reinterpret<u64>(x);
}

/** The double whose high word is `h` and low word is `l`. */
// @ts-ignore: decorator
@inline export function words(h: i32, l: u32): f64 {
  return reinterpret<f64>((<u64><u32>h << 32) | <u64>l);
}

/** `x` with its high word replaced. */
// @ts-ignore: decorator
@inline export function withHi(x: f64, h: i32): f64 {
  return reinterpret<f64>((<u64><u32>h << 32) | (reinterpret<u64>(x) & 0xFFFFFFFF));
}

/** `x` with its low word cleared (fdlibm's SET_LOW_WORD(x, 0)). */
// @ts-ignore: decorator
@inline export function clearLo(x: f64): f64 {
  // in the vector registers: the integer round trip (xmm -> general register -> xmm) would put
  // two transfers on the dependency chain of every caller (tan, pow, log2, asin, ...)
  return f64x2.extract_lane(v128.and(f64x2.splat(x), i64x2.splat(0xFFFFFFFF00000000)), 0);
}

/** x * 2^n, exactly rounded once (the C library's scalbn). */
export function scalbn(x: f64, n: i32): f64 {
  let y = x;
  if (n > 1023) {
    y *= 8.98846567431157953865e307; // 2^1023
    n -= 1023;
    if (n > 1023) {
      y *= 8.98846567431157953865e307;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // 2^-1022 * 2^53: keeps the intermediate result normal, so there is one rounding only
    y *= 2.2250738585072014e-308 * 9007199254740992.0;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2.2250738585072014e-308 * 9007199254740992.0;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * reinterpret<f64>(<u64>(0x3FF + n) << 52);
}
